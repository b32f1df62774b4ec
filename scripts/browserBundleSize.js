#!/usr/bin/env node
// `npm run size:browser`: the size of an app's browser bundle of cortex-rx (the figures README's "In the browser"
// quotes): esbuild bundles `connectCortex` from 'cortex-rx' with `epoch` and `bandPower` from 'cortex-rx/operators'
// for the browser platform, minified, and the output is gzipped (level 9). Also prints the largest inputs.
'use strict';
const path = require('path');
const zlib = require('zlib');
const esbuild = require('esbuild');

const ROOT = path.join(__dirname, '..');
const APP = `import { connectCortex } from 'cortex-rx';
import { bandPower, epoch } from 'cortex-rx/operators';
export { connectCortex, bandPower, epoch };
`;

async function main() {
  const result = await esbuild.build({
    stdin: { contents: APP, resolveDir: ROOT, sourcefile: 'app.ts', loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const js = result.outputFiles[0].contents;
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`minified ${kib(js.length)}, gzipped ${kib(zlib.gzipSync(js, { level: 9 }).length)}`);
  const byPackage = new Map();
  for (const [file, { bytesInOutput }] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const key = m ? m[1] : file.split('/').slice(0, 2).join('/');
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  for (const [key, bytes] of [...byPackage].sort((a, b) => b[1] - a[1])) {
    if (bytes > 1024) console.log(`  ${key.padEnd(20)} ${kib(bytes)}`);
  }
}

main().catch((err) => {
  process.stderr.write(`${err.message}\n`);
  process.exitCode = 1;
});
