import { readdirSync, readFileSync } from 'fs';
import { builtinModules } from 'module';
import { join } from 'path';

const SRC = join(__dirname, '..', 'src');

function imports(dir: string): Array<{ file: string; spec: string }> {
  const out: Array<{ file: string; spec: string }> = [];
  for (const name of readdirSync(join(SRC, dir), { recursive: true }) as string[]) {
    if (!name.endsWith('.ts')) continue;
    const text = readFileSync(join(SRC, dir, name), 'utf8');
    for (const m of text.matchAll(
      /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|require\(['"]([^'"]+)['"]\)|import\(['"]([^'"]+)['"]\)/g,
    )) {
      out.push({ file: `${dir}/${name}`, spec: m[1] ?? m[2] ?? m[3] });
    }
  }
  return out;
}

const nodeOnly = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

describe('layers (style.md §2)', () => {
  it('the client path (src/observables, src/protocol) imports nothing Node-only; ws only as the default constructor', () => {
    const offenders = [...imports('observables'), ...imports('protocol')].filter(
      ({ file, spec }) => nodeOnly.has(spec) || (spec === 'ws' && file !== 'observables/defaultWebSocketCtor.ts'),
    );
    expect(offenders).toEqual([]);
  });

  it('operators never import observables; the simulator never imports the client; protocol imports neither', () => {
    const bad = [
      ...imports('operators').filter(({ spec }) => spec.includes('observables')),
      ...imports('simulator').filter(({ spec }) => spec.includes('observables')),
      ...imports('protocol').filter(({ spec }) => /observables|simulator|operators|rxjs/.test(spec)),
      ...imports('dsp').filter(({ spec }) => /rxjs|fp-ts|observables|simulator|operators/.test(spec)),
      // cortex-rx/files never loads the simulator; the EDF reader under it (which the simulator replays files with)
      // loads neither rxjs nor the client.
      ...imports('files').filter(({ spec }) => spec.includes('simulator')),
      ...imports('files/edf').filter(({ spec }) => /rxjs|observables|operators|simulator/.test(spec)),
      ...imports('simulator').filter(({ spec }) => spec.includes('files/') && !spec.includes('files/edf/')),
    ];
    expect(bad).toEqual([]);
  });
});
