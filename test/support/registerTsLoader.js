// Lets a plain-JavaScript child process (which cannot use ts-jest) require src/*.ts: each .ts file is compiled on
// load with TypeScript's transpileModule, the way ts-jest's isolatedModules mode compiles it (no type check).
// Compiled files are cached in the temp folder, keyed by a hash of the source text, its path, this loader's own
// text (its compiler options) and the TypeScript version: loading the `typescript` package and transpiling the CLI
// took 30-50 s per child on a busy 2-core machine (issue 13 §8). Reading and hashing a source costs well under a
// millisecond; a key of size and mtime instead served stale output after an edit that kept both (same length within
// the timestamp granularity, or a copy/checkout that preserves mtimes).
'use strict';
const { createHash } = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const CACHE_DIR = path.join(os.tmpdir(), `cortex-rx-ts-cache-${process.getuid ? process.getuid() : 'user'}`);
let ts;

function compile(source, filename) {
  ts ??= require('typescript');
  return ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  }).outputText;
}

function typescriptVersion() {
  return JSON.parse(fs.readFileSync(require.resolve('typescript/package.json'), 'utf8')).version;
}

// A change to this file (the compiler options above) is a new key too.
const KEY_PREFIX = `${typescriptVersion()}\0${fs.readFileSync(__filename, 'utf8')}\0`;

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const key = createHash('sha1').update(`${KEY_PREFIX}${filename}\0${source}`).digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  let outputText;
  try {
    outputText = fs.readFileSync(cached, 'utf8');
  } catch {
    outputText = compile(source, filename);
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true, mode: 0o700 });
      // written whole then renamed, so that a concurrent child never reads half a file
      const tmp = `${cached}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, outputText, { flag: 'wx' });
      fs.renameSync(tmp, cached);
    } catch {
      // a cache that cannot be written only costs time
    }
  }
  module._compile(outputText, filename);
};
