// Run by test/package/packedConsumer.spec.ts in a project that installed the packed tarball (no optional plot
// packages): imports each entry point and prints, as JSON, its export names, whether each export is the very object
// that requireCjs() gives (one copy of the code), and what renderSvg says without vega.
import { createRequire } from 'module';

const requireCjs = createRequire(import.meta.url);
const ENTRIES = [
  'cortex-rx',
  'cortex-rx/operators',
  'cortex-rx/dsp',
  'cortex-rx/protocol',
  'cortex-rx/simulator',
  'cortex-rx/plot',
  'cortex-rx/files',
  'cortex-rx/nats',
];

const exportsOf = {};
const notShared = [];
for (const entry of ENTRIES) {
  const esm = await import(entry);
  const cjs = requireCjs(entry);
  exportsOf[entry] = Object.keys(esm).sort();
  for (const name of Object.keys(esm)) if (esm[name] !== cjs[name]) notShared.push(`${entry}: ${name}`);
}
const { renderSvg } = await import('cortex-rx/plot');
const withoutVega = await renderSvg({}).then(
  () => 'rendered',
  (err) => err.message,
);
process.stdout.write(JSON.stringify({ exportsOf, notShared, withoutVega }));
