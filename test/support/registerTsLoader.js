// Lets a plain-JavaScript child process (which cannot use ts-jest) require src/*.ts: each .ts file is compiled on
// load with TypeScript's transpileModule, the way ts-jest's isolatedModules mode compiles it (no type check).
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
