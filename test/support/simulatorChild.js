// A simulator in its own process, driven over IPC by test/support/childProcesses.ts: a separate process as a real
// Cortex is, and a core of its own, so that a load test measures the client rather than the two sharing one thread.
// argv[2] is 'dist' (the build, when fresh) or 'src' (compiled on load by registerTsLoader.js).
'use strict';
const path = require('path');

function loadSimulator(from) {
  if (from === 'dist') return require(path.join(__dirname, '..', '..', 'dist', 'simulator', 'index.js'));
  require('./registerTsLoader');
  return require(path.join(__dirname, '..', '..', 'src', 'simulator', 'index.ts'));
}

const { startSimulator } = loadSimulator(process.argv[2]);
let sim;
process.on('message', (msg) => {
  const reply = (body) => process.send({ id: msg.id, ...body });
  const fail = (err) => reply({ error: String((err && err.stack) || err) });
  switch (msg.cmd) {
    case 'start':
      startSimulator(msg.config).then((s) => {
        sim = s;
        reply({ url: s.url, headsetIds: s.headsetIds });
      }, fail);
      break;
    case 'stats':
      reply({ stats: sim.stats() });
      break;
    case 'close':
      sim.close().then(() => {
        reply({});
        process.disconnect();
      }, fail);
      break;
    default:
      fail(new Error(`unknown command ${msg.cmd}`));
  }
});
