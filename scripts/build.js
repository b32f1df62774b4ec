#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm ci` runs it): compiles src/ to CommonJS with tsc, then writes an ES module
// wrapper (.mjs and .d.mts) beside each entry point of package.json's "exports".
//
// Why a CommonJS build plus ESM wrappers (Node's "ES module wrapper" approach to dual packages) rather than two tsc
// builds or a bundler: there is one copy of the code, so a program whose dependencies both `import` and `require`
// cortex-rx still gets one CortexError class (instanceof holds) and one module state; the hot paths run exactly the
// JavaScript tsc emits; and the sources keep their extensionless relative imports (tsc's ESM output would need `.js`
// on every one of them).
//
// Usage: node scripts/build.js [outDir]   (default dist; the package test builds into a temporary folder)
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');

/** The ESM entry points: each "exports" subpath with an `import` condition, and its CommonJS twin. */
function esmEntries(pkg) {
  const entries = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target !== 'object' || !target.import) continue;
    const mjs = target.import.default;
    const cjs = target.require.default;
    if (!mjs.endsWith('.mjs') || !cjs.endsWith('.js') || path.dirname(mjs) !== path.dirname(cjs)) {
      throw new Error(`exports["${subpath}"]: expected ./dist/x/index.mjs beside ./dist/x/index.js`);
    }
    entries.push({ subpath, mjs: mjs.replace(/^\.\/dist\//, ''), cjs: cjs.replace(/^\.\/dist\//, '') });
  }
  return entries;
}

function writeWrapper(outDir, { subpath, mjs, cjs }) {
  const names = Object.keys(require(path.join(outDir, cjs))).filter((n) => n !== '__esModule' && n !== 'default');
  const bad = names.filter((n) => !/^[A-Za-z_$][\w$]*$/.test(n));
  if (bad.length > 0) throw new Error(`${cjs}: exports that are not identifiers: ${bad.join(', ')}`);
  const from = `./${path.basename(cjs)}`;
  const header = `// ES module entry of cortex-rx${subpath === '.' ? '' : subpath.slice(1)}: the CommonJS build's exports (one copy of the code).\n`;
  const body =
    names.length === 0
      ? 'export {};\n'
      : `import cjs from '${from}';\n\nexport const {\n${names.map((n) => `  ${n},\n`).join('')}} = cjs;\n`;
  fs.writeFileSync(path.join(outDir, mjs), header + body);
  fs.writeFileSync(path.join(outDir, mjs.replace(/\.mjs$/, '.d.mts')), `export * from '${from}';\n`);
}

function build(outDir) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], {
    stdio: 'inherit',
  });
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  // The page of `cortex-rx web`, bundled for the browser (esbuild, a devDependency: the package ships the bundle).
  // The entry is taken from this checkout's sources, not from beside outDir (a build may go anywhere in the tree).
  const { buildPageScript } = require(path.join(outDir, 'web', 'buildPageScript.js'));
  return buildPageScript(path.join(ROOT, 'src', 'web', 'page', 'main.ts')).then((js) => {
    fs.writeFileSync(path.join(outDir, 'web', 'page.js'), js);
    // index.mjs last: test/support/distIsCurrent.js takes it as the stamp of a complete build.
    for (const entry of esmEntries(pkg)) writeWrapper(outDir, entry);
  });
}

build(path.resolve(ROOT, process.argv[2] ?? 'dist')).catch((err) => {
  process.stderr.write(`${err && err.message ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
