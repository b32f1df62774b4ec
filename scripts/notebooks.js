#!/usr/bin/env node
// `npm run notebooks`: executes every notebook of examples/notebooks/ headlessly on the tslab kernel
// (`jupyter nbconvert --execute --to notebook`) into examples/notebooks/out/ (git-ignored), then fails on any error
// output, any stderr output, or a notebook without an inline figure (image/svg+xml or image/png display data).
//
// Project-local, nothing system-wide: the kernel spec goes to out/jupyter/kernels/tslab/kernel.json (what
// `tslab install` writes, pointing at this checkout's node_modules/tslab) and Jupyter finds it through JUPYTER_PATH;
// the notebooks import 'cortex-rx' as a user would, through examples/notebooks/node_modules/cortex-rx, a link to
// out/cortex-rx: this checkout's package.json and a build of its sources (dist/ itself is left alone).
//
// Usage: node scripts/notebooks.js [notebook.ipynb ...]   (default: every notebook)
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const NOTEBOOKS = path.join(ROOT, 'examples', 'notebooks');
const OUT = path.join(NOTEBOOKS, 'out');
const JUPYTER_PATH = path.join(OUT, 'jupyter');
/** A cell may wait on the simulator for some seconds; a stuck kernel fails the run rather than hanging it. */
const CELL_TIMEOUT_S = 600;

function jupyterMissing() {
  const r = spawnSync('jupyter', ['nbconvert', '--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0)
    return 'jupyter nbconvert is not installed (apt-get install jupyter-nbconvert python3-ipykernel)';
  return undefined;
}

function prepare() {
  // The notebooks run the current sources as a package: a build of them (tsc, ESM wrappers) with this checkout's
  // package.json, in out/cortex-rx. Not dist/: other processes (the tests, the cortex-rx command) may be reading it.
  // Its dependencies resolve from the checkout's node_modules, further up.
  const pkg = path.join(OUT, 'cortex-rx');
  fs.rmSync(pkg, { recursive: true, force: true });
  fs.mkdirSync(pkg, { recursive: true });
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js'), path.join(pkg, 'dist')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
  const modules = path.join(NOTEBOOKS, 'node_modules');
  fs.mkdirSync(modules, { recursive: true });
  const link = path.join(modules, 'cortex-rx');
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(path.relative(modules, pkg), link, 'dir');
  const kernelDir = path.join(JUPYTER_PATH, 'kernels', 'tslab');
  fs.mkdirSync(kernelDir, { recursive: true });
  const tslab = path.join(ROOT, 'node_modules', 'tslab', 'bin', 'tslab');
  const spec = {
    argv: [process.execPath, tslab, 'kernel', '--config-path', '{connection_file}'],
    display_name: 'TypeScript',
    language: 'typescript',
  };
  fs.writeFileSync(path.join(kernelDir, 'kernel.json'), `${JSON.stringify(spec, null, 1)}\n`);
}

/** Problems of one executed notebook: error outputs, stderr output, no inline figure. */
function problemsOf(file) {
  const nb = JSON.parse(fs.readFileSync(file, 'utf8'));
  const problems = [];
  let figures = 0;
  nb.cells.forEach((cell, i) => {
    for (const out of cell.outputs ?? []) {
      if (out.output_type === 'error') problems.push(`cell ${i + 1}: ${out.ename}: ${out.evalue}`);
      if (out.output_type === 'stream' && out.name === 'stderr')
        problems.push(`cell ${i + 1} stderr: ${[].concat(out.text).join('')}`);
      if (out.data && (out.data['image/svg+xml'] || out.data['image/png'])) figures++;
    }
  });
  if (figures === 0) problems.push('no inline figure');
  return { problems, figures };
}

function main() {
  const missing = jupyterMissing();
  if (missing) {
    console.error(`notebooks: ${missing}`);
    process.exit(2);
  }
  const asked = process.argv.slice(2);
  const notebooks = (asked.length > 0 ? asked.map((f) => path.basename(f)) : fs.readdirSync(NOTEBOOKS))
    .filter((f) => f.endsWith('.ipynb'))
    .sort();
  prepare();
  let failed = 0;
  for (const name of notebooks) {
    const run = spawnSync(
      'jupyter',
      [
        'nbconvert',
        '--execute',
        '--to',
        'notebook',
        `--ExecutePreprocessor.timeout=${CELL_TIMEOUT_S}`,
        '--ExecutePreprocessor.kernel_name=tslab',
        '--output-dir',
        OUT,
        path.join(NOTEBOOKS, name),
      ],
      { cwd: NOTEBOOKS, encoding: 'utf8', env: { ...process.env, JUPYTER_PATH } },
    );
    const executed = path.join(OUT, name);
    const { problems, figures } =
      run.status === 0 && fs.existsSync(executed)
        ? problemsOf(executed)
        : {
            problems: [`nbconvert failed (${run.status}): ${run.stderr.split('\n').slice(-15).join('\n')}`],
            figures: 0,
          };
    if (problems.length > 0) failed++;
    console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name} (${figures} inline figures)`);
    for (const p of problems) console.log(`     ${p}`);
  }
  process.exit(failed === 0 ? 0 : 1);
}

main();
