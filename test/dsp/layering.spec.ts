import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const DSP_DIR = join(__dirname, '..', '..', 'src', 'dsp');

/** Module specifiers imported by a source file. */
function importsOf(file: string): string[] {
  const source = readFileSync(join(DSP_DIR, file), 'utf8');
  // Statements at the start of a line only: doc-comment examples (` * import …`) are not code.
  const statements = [...source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  const requires = [...source.matchAll(/\brequire\(\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
  return [...statements, ...requires];
}

describe('src/dsp layering', () => {
  const files = readdirSync(DSP_DIR).filter((f) => f.endsWith('.ts'));

  it('has source files to check', () => {
    expect(files).toEqual(expect.arrayContaining(['index.ts', 'createWelch.ts', 'SosFilter.ts']));
  });

  it('parses real import statements (and not doc examples)', () => {
    // a type import, and the lazy require of dsp.js (strict-mode bundles cannot run its top level)
    expect(importsOf('getFftPlan.ts')).toEqual(['dsp.js', './assertPowerOfTwo', 'dsp.js']);
    expect(importsOf('welchPsd.ts')).toEqual(['./assertPowerOfTwo', './createWelch']);
  });

  it.each(files)(
    '%s imports neither rxjs nor fp-ts/io-ts, nor anything outside src/dsp but dsp.js and fft.js',
    (file) => {
      const foreign = importsOf(file).filter((s) => s !== 'dsp.js' && s !== 'fft.js' && !/^\.\/[A-Za-z]+$/.test(s));
      expect(foreign).toEqual([]);
    },
  );

  it('the barrel re-exports by name, never with export *', () => {
    const index = readFileSync(join(DSP_DIR, 'index.ts'), 'utf8');
    expect(index).not.toMatch(/export \*/);
  });

  it('documents every runtime export with a ```ts example importing from cortex-rx/dsp', () => {
    const index = readFileSync(join(DSP_DIR, 'index.ts'), 'utf8');
    const exported = [...index.matchAll(/^export \{ (\w+) \} from '\.\/(\w+)';$/gm)].map((m) => [m[1], m[2]]);
    expect(exported.length).toBeGreaterThan(15);
    const undocumented = exported.filter(([name, file]) => {
      const source = readFileSync(join(DSP_DIR, `${file}.ts`), 'utf8');
      const declaration = new RegExp(
        `/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*export (?:function|class|const) ${name}\\b`,
      );
      const doc = declaration.exec(source)?.[1] ?? '';
      return !(doc.includes('```ts') && doc.includes("from 'cortex-rx/dsp'"));
    });
    expect(undocumented).toEqual([]);
  });
});
