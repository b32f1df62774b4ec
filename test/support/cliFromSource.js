#!/usr/bin/env node
// bin/cortex-rx.js, but running src/ rather than dist/: for tests that spawn the command when dist/ is missing or older
// than the sources (the .ts files are compiled on load by registerTsLoader.js).
'use strict';
require('./registerTsLoader');

require('../../src/cli/main.ts')
  .main(process.argv)
  .catch((err) => {
    process.stderr.write(`cortex-rx: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
