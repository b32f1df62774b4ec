import { execFileSync } from 'child_process';
import { join } from 'path';
import { distIsCurrent } from '../support/distIsCurrent';
import { ROOT } from './build';

/** Packages that only the CLI (commander, cli-progress) or the plots (vega, vega-lite, resvg) may load. */
const HEAVY = ['vega', 'vega-lite', '@resvg/resvg-js', 'commander', 'cli-progress'];

/**
 * Loads each entry point in a clean module cache of one child process and prints, per entry, the npm packages it
 * loaded. The entries are dist/ (what users load) when the build is fresh, else src/ compiled on load
 * (test/support/registerTsLoader.js), each file compiled once for all entries.
 */
const CHILD = `
require(${JSON.stringify(join(ROOT, 'test', 'support', 'registerTsLoader.js'))});
const compileTs = require.extensions['.ts'];
const compiled = new Map();
require.extensions['.ts'] = (module, filename) => {
  const text = compiled.get(filename);
  if (text === undefined) {
    const compile = module._compile;
    module._compile = (output, name) => { compiled.set(filename, output); return compile.call(module, output, name); };
    return compileTs(module, filename);
  }
  return module._compile(text, filename);
};
const before = new Set(Object.keys(require.cache));
const entries = JSON.parse(process.argv[1]);
const loaded = {};
for (const [name, file] of entries) {
  for (const key of Object.keys(require.cache)) if (!before.has(key)) delete require.cache[key];
  require(file);
  const packages = new Set();
  for (const key of Object.keys(require.cache)) {
    if (before.has(key)) continue;
    const m = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(key.slice(key.lastIndexOf('node_modules')));
    if (m) packages.add(m[1].replace(/\\\\/g, '/'));
  }
  loaded[name] = [...packages].sort();
}
process.stdout.write(JSON.stringify(loaded));
`;

function packagesLoadedBy(entries: ReadonlyArray<readonly [string, string]>): Record<string, string[]> {
  const out = execFileSync(process.execPath, ['-e', CHILD, JSON.stringify(entries)], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out) as Record<string, string[]>;
}

describe('what each entry point loads (issue 11 item 4)', () => {
  const [dir, ext] = distIsCurrent() ? ['dist', '.js'] : ['src', '.ts'];
  const loaded = packagesLoadedBy([
    ['cortex-rx', join(ROOT, dir, `index${ext}`)],
    ['cortex-rx/operators', join(ROOT, dir, 'operators', `index${ext}`)],
    ['cortex-rx/dsp', join(ROOT, dir, 'dsp', `index${ext}`)],
    ['cortex-rx/protocol', join(ROOT, dir, 'protocol', `index${ext}`)],
    ['cortex-rx/simulator', join(ROOT, dir, 'simulator', `index${ext}`)],
    ['cortex-rx/plot', join(ROOT, dir, 'plot', `index${ext}`)],
    ['cortex-rx/files', join(ROOT, dir, 'files', `index${ext}`)],
    ['cortex-rx/nats', join(ROOT, dir, 'nats', `index${ext}`)],
    ['cli', join(ROOT, dir, 'cli', `main${ext}`)],
  ]);

  it.each([
    'cortex-rx',
    'cortex-rx/operators',
    'cortex-rx/dsp',
    'cortex-rx/protocol',
    'cortex-rx/simulator',
    'cortex-rx/files',
  ])('%s loads none of vega, vega-lite, @resvg/resvg-js, commander, cli-progress', (entry) => {
    expect(loaded[entry].filter((p) => HEAVY.includes(p))).toEqual([]);
  });

  it('the check can fail: the CLI loads commander and cli-progress', () => {
    expect(loaded.cli).toEqual(expect.arrayContaining(['commander', 'cli-progress', 'rxjs']));
  });

  it('cortex-rx/plot and the CLI load vega and resvg only when a figure is rendered', () => {
    expect(loaded['cortex-rx/plot'].filter((p) => HEAVY.includes(p))).toEqual([]);
    expect(loaded.cli.filter((p) => p.startsWith('vega') || p.startsWith('@resvg'))).toEqual([]);
  });

  it('cortex-rx/files loads rxjs and nothing of the client or the simulator (no ws, fp-ts, io-ts)', () => {
    expect(loaded['cortex-rx/files']).toEqual(['rxjs']);
  });

  it.each([
    'cortex-rx',
    'cortex-rx/operators',
    'cortex-rx/dsp',
    'cortex-rx/protocol',
    'cortex-rx/simulator',
    'cortex-rx/plot',
    'cortex-rx/files',
  ])('%s loads no NATS package (only cortex-rx/nats and the CLI relay do)', (entry) => {
    expect(loaded[entry].filter((p) => p.startsWith('@nats-io/'))).toEqual([]);
  });

  it('the check can fail: cortex-rx/nats loads the NATS client', () => {
    expect(loaded['cortex-rx/nats']).toEqual(
      expect.arrayContaining(['@nats-io/jetstream', '@nats-io/transport-node', 'rxjs']),
    );
  });

  it('the CLI loads NATS only when a command needs it', () => {
    expect(loaded.cli.filter((p) => p.startsWith('@nats-io/'))).toEqual([]);
  });

  it('dsp loads no rxjs or fp-ts', () => {
    expect(loaded['cortex-rx/dsp'].filter((p) => p === 'rxjs' || p.startsWith('fp-ts') || p === 'io-ts')).toEqual([]);
  });
});
