import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const SRC = join(__dirname, '..', 'src');

/** Every exported function and class in src has a doc comment with a ```ts example (style.md §16). */
describe('doc comments', () => {
  const files = (readdirSync(SRC, { recursive: true }) as string[]).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.d.ts'),
  );

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(80);
  });

  it('every exported function and class documents itself with a ts example', () => {
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(SRC, file), 'utf8');
      for (const m of text.matchAll(/^export (?:async )?(?:function\*?|class) (\w+)/gm)) {
        const before = text.slice(0, m.index);
        const doc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*$/.exec(before);
        if (!doc) {
          missing.push(`${file}: ${m[1]} (no doc comment)`);
        } else if (!doc[1].includes('@internal') && !doc[1].includes('```ts')) {
          missing.push(`${file}: ${m[1]} (no \`\`\`ts example)`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Doc examples import as a user would: only the package's public entry points, never `cortex-rx/dist/...`. */
describe('doc examples', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')) as {
    exports: Record<string, unknown>;
  };
  const publicPaths = new Set(
    Object.keys(pkg.exports)
      .filter((p) => p !== './package.json')
      .map((p) => (p === '.' ? 'cortex-rx' : `cortex-rx/${p.slice(2)}`)),
  );

  it('import cortex-rx only through its entry points', () => {
    const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
    const bad: string[] = [];
    let seen = 0;
    for (const file of files) {
      const text = readFileSync(join(SRC, file), 'utf8');
      for (const block of text.matchAll(/```ts([\s\S]*?)```/g)) {
        for (const m of block[1].matchAll(/from '(cortex-rx[^']*)'/g)) {
          seen++;
          if (!publicPaths.has(m[1])) bad.push(`${file}: ${m[1]}`);
        }
      }
    }
    expect(seen).toBeGreaterThan(50);
    expect(bad).toEqual([]);
  });
});
