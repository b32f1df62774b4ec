#!/usr/bin/env node
// API reports: one etc/<name>.api.md per entry point of package.json's "exports", made by @microsoft/api-extractor
// from the built declarations, so that every change of the public surface shows in review.
//
//   npm run api                          build, then rewrite the reports (node scripts/api.js --local)
//   node scripts/api.js [--declarations DIR] [--json]
//                                        check only: exit 1 when a report is stale or a public type names one
//                                        that no entry point exports (ae-forgotten-export); test/package runs it
//                                        (--json: the findings as one JSON line on stdout, the log on stderr)
//
// DIR holds the .d.ts files of a build (default dist); it must sit inside this repository so that rxjs, fp-ts and
// io-ts resolve from its node_modules.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Extractor, ExtractorConfig, CompilerState, ExtractorLogLevel } = require('@microsoft/api-extractor');

const ROOT = path.join(__dirname, '..');
const REPORTS = path.join(ROOT, 'etc');

/** `cortex-rx` → cortex-rx.api.md, `cortex-rx/operators` → cortex-rx-operators.api.md. */
function reportFileName(subpath) {
  return subpath === '.' ? 'cortex-rx' : `cortex-rx-${subpath.slice(2).replace(/\//g, '-')}`;
}

/** The entry points: each "exports" subpath with declarations (the CommonJS ones; the .d.mts re-export them). */
function entryPoints(pkg, declarations) {
  return Object.entries(pkg.exports)
    .filter(([, target]) => typeof target === 'object' && target.require && target.require.types)
    .map(([subpath, target]) => ({
      subpath,
      name: reportFileName(subpath),
      dts: path.join(declarations, target.require.types.replace(/^\.\/dist\//, '')),
    }));
}

function configFor(entry, declarations, tempFolder) {
  return {
    projectFolder: ROOT,
    mainEntryPointFilePath: entry.dts,
    compiler: {
      overrideTsconfig: {
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          moduleResolution: 'node',
          lib: ['ES2022', 'DOM'],
          types: ['node'],
          strict: true,
        },
        include: [path.join(declarations, '**', '*.d.ts')],
      },
    },
    apiReport: {
      enabled: true,
      reportFileName: entry.name,
      reportFolder: REPORTS,
      reportTempFolder: tempFolder,
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      // Compiler errors in the declarations are reported on the console (the packed-consumer test fails on them).
      compilerMessageReporting: { default: { logLevel: 'warning' } },
      // Every ae-* finding is written into the report next to the item, where review sees it; ae-forgotten-export
      // (a public type names one that no entry point exports) also fails the check.
      extractorMessageReporting: {
        default: { logLevel: 'warning', addToApiReportFile: true },
        // Release tags (@public/@beta) are not used here; @internal items are stripped from the declarations.
        'ae-missing-release-tag': { logLevel: 'none' },
        'ae-internal-missing-underscore': { logLevel: 'none' },
      },
      // Doc comment syntax is TypeDoc's to check (npm run docs).
      tsdocMessageReporting: { default: { logLevel: 'none' } },
    },
  };
}

/**
 * A report made from a scratch build (test/package/build.ts) quotes its warnings' locations under that build's folder;
 * written as under dist/, it compares equal to the committed report made from dist/.
 */
function asIfFromDist(reportText, declarations) {
  const prefix = `${path.relative(ROOT, declarations).split(path.sep).join('/')}/`;
  return prefix === 'dist/' ? reportText : reportText.split(prefix).join('dist/');
}

function forgottenExports(reportText) {
  return [...reportText.matchAll(/\(ae-forgotten-export\) The symbol "([^"]+)"/g)].map((m) => m[1]);
}

/**
 * Runs api-extractor for every entry point. `local`: rewrite etc/*.api.md. Otherwise compare only.
 * Returns { stale: report names, forgotten: report name → names, failed: report name → why api-extractor stopped }.
 */
function runApiExtractor({ local, declarations, log = (line) => process.stdout.write(`${line}\n`) }) {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const entries = entryPoints(pkg, declarations);
  for (const e of entries) {
    if (!fs.existsSync(e.dts)) throw new Error(`${e.dts} is missing: run npm run build first`);
  }
  fs.mkdirSync(REPORTS, { recursive: true });
  const tempFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-rx-api-'));
  const stale = [];
  const forgotten = {};
  const failed = {};
  try {
    const prepare = (e) =>
      ExtractorConfig.prepare({
        configObject: configFor(e, declarations, tempFolder),
        configObjectFullPath: undefined,
        packageJsonFullPath: path.join(ROOT, 'package.json'),
      });
    // One TypeScript program for all the entry points.
    const compilerState = CompilerState.create(prepare(entries[0]), {
      additionalEntryPoints: entries.map((e) => e.dts),
    });
    const compilerMessages = new Set();
    for (const e of entries) {
      let result;
      try {
        result = Extractor.invoke(prepare(e), {
          localBuild: local,
          compilerState,
          messageCallback: (message) => {
            // The program is shared, so each entry point sees the same compiler messages: print them once.
            if (message.category === 'Compiler' && message.logLevel !== ExtractorLogLevel.None) {
              const text = message.formatMessageWithLocation(`${ROOT}${path.sep}`);
              if (!compilerMessages.has(text)) log(text);
              compilerMessages.add(text);
            }
            // The rest (progress lines, the report-changed notice) is summarised below.
            message.handled = true;
          },
        });
      } catch (err) {
        // api-extractor stops with an internal error on declarations that do not compile (a name that is not there).
        failed[e.name] = err instanceof Error ? err.message : String(err);
        log(`FAILED    etc/${e.name}.api.md: ${failed[e.name]}`);
        continue;
      }
      const reportPath = path.join(local ? REPORTS : tempFolder, `${e.name}.api.md`);
      const report = asIfFromDist(fs.readFileSync(reportPath, 'utf8'), declarations);
      const names = forgottenExports(report);
      if (names.length > 0) forgotten[e.name] = names;
      const committed = path.join(REPORTS, `${e.name}.api.md`);
      const changed = local
        ? result.apiReportChanged
        : !fs.existsSync(committed) || fs.readFileSync(committed, 'utf8') !== report;
      if (changed) stale.push(e.name);
      const status = local ? (changed ? 'updated  ' : 'unchanged') : changed ? 'STALE    ' : 'ok       ';
      log(`${status} etc/${e.name}.api.md${names.length ? `  (ae-forgotten-export: ${names.join(', ')})` : ''}`);
    }
  } finally {
    fs.rmSync(tempFolder, { recursive: true, force: true });
  }
  return { stale, forgotten, failed };
}

module.exports = { runApiExtractor, reportFileName };

if (require.main === module) {
  const args = process.argv.slice(2);
  const local = args.includes('--local');
  const i = args.indexOf('--declarations');
  const declarations = path.resolve(ROOT, i >= 0 ? args[i + 1] : 'dist');
  const json = args.includes('--json');
  const log = (line) => (json ? process.stderr : process.stdout).write(`${line}\n`);
  const { stale, forgotten, failed } = runApiExtractor({ local, declarations, log });
  if (json) process.stdout.write(`${JSON.stringify({ stale, forgotten, failed })}\n`);
  const failedNames = Object.keys(failed);
  const forgottenLines = Object.entries(forgotten).map(([name, names]) => `  ${name}: ${names.join(', ')}`);
  if (forgottenLines.length > 0) {
    process.stderr.write(
      `Public types name types that no entry point exports (ae-forgotten-export):\n${forgottenLines.join('\n')}\n`,
    );
  }
  if (!local && stale.length > 0) {
    process.stderr.write(`The API reports are stale (${stale.join(', ')}): run npm run api and commit etc/.\n`);
  }
  if (failedNames.length > 0) {
    process.stderr.write(`api-extractor could not read ${failedNames.join(', ')}: fix the declaration errors above.\n`);
    process.exitCode = 1;
  }
  if (!local && (stale.length > 0 || forgottenLines.length > 0)) process.exitCode = 1;
}
