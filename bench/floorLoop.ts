import FFT from 'fft.js';
import { CORTEX_BANDS } from '../src/dsp/cortexBands';
import { getWindow } from '../src/dsp/getWindow';

const BAND_NAMES = Object.keys(CORTEX_BANDS) as Array<keyof typeof CORTEX_BANDS>;
const BAND_COUNT = BAND_NAMES.length;

/** One headset's floor: `push` takes one sample's `channelCount` values from `source` at `offset`. */
export interface FloorLoop {
  push(source: ArrayLike<number>, offset: number): void;
}

/**
 * The floor of the band-power benchmarks: a hand-written loop over preallocated `Float64Array`s with one reused
 * fft.js instance (real transform), no RxJS, computing exactly what cortex-rx computes (constant detrend, periodic
 * Hann, `|X|²/(fs·Σw²)` one-sided, rectangle-rule band sums over half-open `[lo, hi)` bins). Every `hopSamples`
 * samples once `epochSamples` have come, `sink` gets the band powers, channel-major `[c · 5 + b]`.
 */
export function createFloorLoop(
  channelCount: number,
  sampleRateHz: number,
  epochSamples: number,
  hopSamples: number,
  sink: (values: Float64Array) => void,
): FloorLoop {
  const C = channelCount;
  const N = epochSamples;
  const binCount = N / 2 + 1;
  const nyquist = N / 2;
  const window = getWindow('hann', N);
  let sumSquares = 0;
  for (let n = 0; n < N; n++) sumSquares += window[n] * window[n];
  const scale = 1 / (sampleRateHz * sumSquares);
  const binWidthHz = sampleRateHz / N;
  // Band b covers bins [lo[b], hi[b]): loHz <= k·Δf < hiHz.
  const lo = new Int32Array(BAND_COUNT);
  const hi = new Int32Array(BAND_COUNT);
  BAND_NAMES.forEach((name, b) => {
    const [loHz, hiHz] = CORTEX_BANDS[name];
    let k = 0;
    while (k < binCount && k * binWidthHz < loHz) k++;
    lo[b] = k;
    while (k < binCount && k * binWidthHz < hiHz) k++;
    hi[b] = k;
  });
  // Channel-major ring of the last N samples; `head` is the slot of the next sample.
  const ring = new Float64Array(C * N);
  let head = 0;
  let seen = 0;
  const segment = new Float64Array(N);
  const fft = new FFT(N);
  const spectrum = new Float64Array(2 * N);
  const out = new Float64Array(C * BAND_COUNT);
  return {
    push(source, offset) {
      for (let c = 0; c < C; c++) ring[c * N + head] = source[offset + c];
      head = head + 1 === N ? 0 : head + 1;
      seen++;
      if (seen < N || (seen - N) % hopSamples !== 0) return;
      for (let c = 0; c < C; c++) {
        const base = c * N;
        let mean = 0;
        for (let n = 0; n < N; n++) mean += ring[base + n];
        mean /= N;
        // Oldest sample first: slots head..N-1, then 0..head-1.
        let n = 0;
        for (let s = head; s < N; s++, n++) segment[n] = (ring[base + s] - mean) * window[n];
        for (let s = 0; s < head; s++, n++) segment[n] = (ring[base + s] - mean) * window[n];
        fft.realTransform(spectrum, segment);
        for (let b = 0; b < BAND_COUNT; b++) {
          let sum = 0;
          for (let k = lo[b]; k < hi[b]; k++) {
            const re = spectrum[2 * k];
            const im = spectrum[2 * k + 1];
            const p = (re * re + im * im) * scale;
            sum += k > 0 && k < nyquist ? 2 * p : p;
          }
          out[c * BAND_COUNT + b] = sum * binWidthHz;
        }
      }
      sink(out);
    },
  };
}
