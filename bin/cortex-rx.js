#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run automatically by `npm ci`).
require('../dist/cli/main.js')
  .main(process.argv)
  .catch((err) => {
    process.stderr.write(`cortex-rx: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
