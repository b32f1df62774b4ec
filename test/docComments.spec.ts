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
