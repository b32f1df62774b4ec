import { execFile } from 'child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { ROOT, currentBuild } from './build';

const CONSUMER = join(__dirname, 'consumer');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const PLOT_INSTALL = 'npm install vega@5 vega-lite@5 @resvg/resvg-js@2';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to its end; resolves with its exit code and output whatever the code. */
function run(file: string, args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, npm_config_update_notifier: 'false' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The compiler options a strict consumer uses, with every declaration file checked. */
const STRICT = { strict: true, skipLibCheck: false, noEmit: true, target: 'ES2022', lib: ['ES2022'], types: ['node'] };

/**
 * Issue 11 item 6: the packed tarball, installed into a new project, type-checks under node16 (import and
 * require) and bundler resolution with skipLibCheck false, and runs from .mjs and .cjs.
 */
describe('the packed package in a consumer project', () => {
  let work = '';
  let project = '';
  let files: string[] = [];
  let tarball = '';
  let version = '';
  let scratchBuild = '';

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'cortex-rx-pack-'));
    const built = currentBuild();
    // Pack what `npm publish` would: this checkout when dist/ is its current build, else a copy beside the new build.
    let packFrom = ROOT;
    if (built !== join(ROOT, 'dist')) {
      scratchBuild = dirname(built);
      packFrom = join(work, 'src');
      mkdirSync(packFrom);
      for (const f of ['package.json', 'README.md', 'LICENSE']) copyFileSync(join(ROOT, f), join(packFrom, f));
      cpSync(join(ROOT, 'bin'), join(packFrom, 'bin'), { recursive: true });
      cpSync(built, join(packFrom, 'dist'), { recursive: true });
    }
    version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const pack = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], packFrom);
    if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
    const [packed] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    files = packed.files.map((f) => f.path).sort();
    tarball = join(work, packed.filename);

    // A consumer project: the tarball installed from the npm cache that `npm ci` filled (no network), TypeScript and
    // @types/node as a consumer would have them (linked from this checkout).
    project = join(work, 'consumer');
    mkdirSync(join(project, 'node_modules', '@types'), { recursive: true });
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    const install = await run(
      'npm',
      ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', tarball],
      project,
    );
    if (install.code !== 0) throw new Error(`npm install of the tarball failed: ${install.stderr}`);
    symlinkSync(join(ROOT, 'node_modules', '@types', 'node'), join(project, 'node_modules', '@types', 'node'), 'dir');
    for (const ext of ['mts', 'cts', 'ts'])
      copyFileSync(join(CONSUMER, 'consumer.ts'), join(project, `consumer.${ext}`));
    for (const f of ['consumer.mjs', 'consumer.cjs']) copyFileSync(join(CONSUMER, f), join(project, f));
    const tsconfig = (options: object, file: string[]) =>
      JSON.stringify({ compilerOptions: { ...STRICT, ...options }, files: file });
    writeFileSync(
      join(project, 'tsconfig.node16.json'),
      tsconfig({ module: 'node16', moduleResolution: 'node16' }, ['consumer.mts', 'consumer.cts']),
    );
    writeFileSync(
      join(project, 'tsconfig.bundler.json'),
      tsconfig({ module: 'preserve', moduleResolution: 'bundler' }, ['consumer.ts']),
    );
  }, 240_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    if (scratchBuild) rmSync(scratchBuild, { recursive: true, force: true });
  });

  it('the tarball holds dist, bin, LICENSE, README and package.json only: no tests, sources or source maps', () => {
    const outside = files.filter(
      (f) => !/^(dist\/.+\.(js|mjs|d\.ts|d\.mts)|bin\/cortex-rx\.js|LICENSE|README\.md|package\.json)$/.test(f),
    );
    expect(outside).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'bin/cortex-rx.js',
        'dist/index.mjs',
        'dist/index.d.mts',
      ]),
    );
    expect(files.filter((f) => f.startsWith('dist/cli/') && f.endsWith('.d.ts'))).toEqual([]);
  });

  it('publint and arethetypeswrong find no problem in the tarball', async () => {
    const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);
    const [publint, attw] = await Promise.all([
      run(bin('publint'), ['run', tarball, '--strict'], work),
      // Offline: the package's own declarations, no @types lookup on the registry.
      run(bin('attw'), [tarball, '--no-definitely-typed', '--no-color', '--format', 'table-flipped'], work),
    ]);
    const problems = (r: Run) => (r.code === 0 ? '' : `${r.stdout}${r.stderr}`);
    expect({ publint: problems(publint), attw: problems(attw) }).toEqual({ publint: '', attw: '' });
  }, 60_000);

  it('the declarations compile with skipLibCheck false under node16 (import and require) and bundler', async () => {
    const [node16, bundler] = await Promise.all([
      run(process.execPath, [TSC, '-p', 'tsconfig.node16.json'], project),
      run(process.execPath, [TSC, '-p', 'tsconfig.bundler.json'], project),
    ]);
    const errors = (r: Run) => r.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    expect({ node16: errors(node16), bundler: errors(bundler) }).toEqual({ node16: [], bundler: [] });
    expect([node16.code, bundler.code]).toEqual([0, 0]);
  }, 150_000); // two programs that check every declaration they load (@types/node, rxjs, fp-ts, io-ts) on busy cores

  it('require and import load every entry point, sharing one copy of the code, and only the CLI loads its packages', async () => {
    const [cjsRun, esmRun] = await Promise.all([
      run(process.execPath, ['consumer.cjs'], project),
      run(process.execPath, ['consumer.mjs'], project),
    ]);
    expect([cjsRun.stderr, esmRun.stderr]).toEqual(['', '']);
    const cjs = JSON.parse(cjsRun.stdout) as {
      exportsOf: Record<string, string[]>;
      loadedByLight: string[];
      loadedWithPlot: string[];
    };
    const esm = JSON.parse(esmRun.stdout) as {
      exportsOf: Record<string, string[]>;
      notShared: string[];
      withoutVega: string;
    };
    expect(esm.exportsOf).toEqual(cjs.exportsOf);
    expect(esm.notShared).toEqual([]);
    expect(cjs.exportsOf['cortex-rx']).toContain('connectCortex');
    expect(cjs.exportsOf['cortex-rx/operators']).toContain('epoch');
    expect(cjs.exportsOf['cortex-rx/simulator']).toContain('startSimulator');
    expect(cjs.exportsOf['cortex-rx/plot']).toContain('renderSvg');
    expect(cjs.exportsOf['cortex-rx/files']).toEqual(['FileFormatError', 'fromCsvExport', 'fromEdf', 'readEdf']);
    expect(cjs.exportsOf['cortex-rx/nats']).toEqual(expect.arrayContaining(['startRelay', 'fromJetStream']));
    for (const entry of ['cortex-rx/dsp', 'cortex-rx/protocol']) expect(cjs.exportsOf[entry].length).toBeGreaterThan(5);
    const heavy = ['vega', 'vega-lite', '@resvg/resvg-js', 'commander', 'cli-progress'];
    expect(cjs.loadedByLight.filter((p) => p.startsWith('@nats-io/'))).toEqual([]);
    expect(cjs.loadedByLight.filter((p) => heavy.includes(p))).toEqual([]);
    expect(cjs.loadedWithPlot.filter((p) => heavy.includes(p))).toEqual([]);
    expect(esm.withoutVega).toContain(PLOT_INSTALL);
  });

  it('the cortex-rx command prints its version, and without the plot packages says in one line what to install', async () => {
    const bin = join(project, 'node_modules', 'cortex-rx', 'bin', 'cortex-rx.js');
    const [versionRun, plotRun] = await Promise.all([
      run(process.execPath, [bin, '--version'], project),
      run(process.execPath, [bin, 'plot', '--seconds', '2', '--out', join(work, 'plots')], project),
    ]);
    expect(versionRun).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    expect(plotRun.code).toBe(1);
    expect(plotRun.stderr).toMatch(
      /^cortex-rx: cortex-rx\/plot needs the optional packages vega, vega-lite, @resvg\/resvg-js and vega is not installed: run npm install vega@5 vega-lite@5 @resvg\/resvg-js@2\n$/,
    );
  });
});
