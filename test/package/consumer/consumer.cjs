// Run by test/package/packedConsumer.spec.ts in a project that installed the packed tarball (no optional plot
// packages): requires each entry point and prints, as JSON, their export names and the npm packages they loaded.
'use strict';
const LIGHT = [
  'cortex-rx',
  'cortex-rx/operators',
  'cortex-rx/dsp',
  'cortex-rx/protocol',
  'cortex-rx/simulator',
  'cortex-rx/files',
];

function loadedPackages() {
  const names = new Set();
  for (const key of Object.keys(require.cache)) {
    const m = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(key.slice(key.lastIndexOf('node_modules')));
    if (m) names.add(m[1].replace(/\\/g, '/'));
  }
  return [...names].sort();
}

const exportsOf = {};
for (const entry of LIGHT) exportsOf[entry] = Object.keys(require(entry)).sort();
const loadedByLight = loadedPackages();
exportsOf['cortex-rx/plot'] = Object.keys(require('cortex-rx/plot')).sort();
exportsOf['cortex-rx/nats'] = Object.keys(require('cortex-rx/nats')).sort();
process.stdout.write(JSON.stringify({ exportsOf, loadedByLight, loadedWithPlot: loadedPackages() }));
