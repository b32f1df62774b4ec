// Diagnosis experiment (not run by `npm run bench`): `node --expose-gc --import tsx bench/diagnosis/skipDetrend.ts`.
//
// With a periodic Hann window, subtracting the segment mean changes bins 0 and 1 only (the window's DFT is zero
// for |k| >= 2), so band powers over bands that start at bin >= 2 (CORTEX_BANDS start at 4 Hz = bin 4 at 1 Hz
// resolution) are the same with or without the constant detrend, up to rounding. This measures what the detrend
// pass costs the epoch → bandPower chain, and how far the band powers move without it.
import { Observable } from 'rxjs';
import { CORTEX_BANDS } from '../../src/dsp/cortexBands';
import { bandPower, epoch } from '../../src/operators';
import type { Sample } from '../../src/operators';
import { syntheticHour } from '../syntheticHour';

const rec = syntheticHour(256 * 1200);
const BAND_VALUES = rec.channelCount * Object.keys(CORTEX_BANDS).length;

/** Runs the chain once over the recording; adds every band value into `sums`; returns ns per input sample. */
function run(detrend: 'constant' | 'none', sums: Float64Array): number {
  let next: (v: Sample) => void = () => undefined;
  const source = new Observable<Sample>((s) => {
    next = (v) => s.next(v);
  });
  const pool = Array.from({ length: 1024 }, () => ({
    values: new Float64Array(rec.channelCount),
    timeS: 0,
    channels: rec.channels,
  }));
  const sub = source
    .pipe(
      epoch({ lengthSamples: 256, hopSamples: 32, copy: false }),
      bandPower({ sampleRateHz: 256, segmentLength: 256, window: 'hann', bands: CORTEX_BANDS, copy: false, detrend }),
    )
    .subscribe((o) => {
      for (let i = 0; i < o.absoluteUv2.length; i++) sums[i] += o.absoluteUv2[i];
    });
  const t0 = performance.now();
  for (let i = 0; i < rec.sampleCount; i++) {
    const s = pool[i & 1023];
    for (let c = 0; c < rec.channelCount; c++) s.values[c] = rec.data[i * rec.channelCount + c];
    s.timeS = i / 256;
    next(s);
  }
  const ms = performance.now() - t0;
  sub.unsubscribe();
  return (ms * 1e6) / rec.sampleCount;
}

const times: Record<'constant' | 'none', number[]> = { constant: [], none: [] };
const sums = { constant: new Float64Array(BAND_VALUES), none: new Float64Array(BAND_VALUES) };
for (let round = -2; round < 10; round++) {
  const order: Array<'constant' | 'none'> = round % 2 === 0 ? ['none', 'constant'] : ['constant', 'none'];
  for (const d of order) {
    const ns = run(d, sums[d]);
    if (round >= 0) times[d].push(ns);
  }
}
const median = (v: number[]) => [...v].sort((a, b) => a - b)[v.length >> 1];
let worst = 0;
for (let i = 0; i < BAND_VALUES; i++)
  worst = Math.max(worst, Math.abs(sums.constant[i] - sums.none[i]) / sums.constant[i]);
console.log(
  `ns/sample with detrend 'constant' ${median(times.constant).toFixed(0)}, 'none' ${median(times.none).toFixed(0)}: ` +
    `${(median(times.constant) / median(times.none)).toFixed(3)}x; band powers differ by at most ${worst.toExponential(2)} (relative)`,
);
