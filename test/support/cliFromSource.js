#!/usr/bin/env node
// bin/cortex-rx.js, but running src/ rather than dist/: for tests that spawn the command when dist/ is missing or older
// than the sources. Plain JavaScript (a child cannot use ts-jest): .ts files are compiled on load with TypeScript's
// transpileModule, the way ts-jest's isolatedModules mode compiles them (no type check).
'use strict';
const fs = require('fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};

require('../../src/cli/main.ts')
  .main(process.argv)
  .catch((err) => {
    process.stderr.write(`cortex-rx: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
