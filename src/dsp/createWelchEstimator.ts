import { assertOutLength } from './assertOutLength';
import type { WelchEstimator, WelchEstimatorConfig } from './createWelch';
import type { FftBackend } from './FftBackend';
import { getRealFftPlan } from './getRealFftPlan';
import { prepareSegment } from './prepareSegment';
import { resolveWelchSetup } from './resolveWelchSetup';
import { WelchAverager } from './WelchAverager';

/**
 * `createWelch` on a chosen FFT implementation: the estimator itself, with every buffer preallocated. `createWelch`
 * is this with `'fft.js'`; tests (and any benchmark that wants it) reach `'dsp.js'` through here, the internal
 * route to the backend (the two agree to rounding).
 *
 * Per segment: `prepareSegment` (detrend and window), the plan's `oneSidedPower`, and a `WelchAverager`; the pair
 * path prepares both signals into one interleaved array with `prepareSegment`'s arithmetic (`windowPair`, or
 * `prepareSegment` itself for 'linear') and transforms them with one complex FFT (`oneSidedPowerPair`), unless a segment holds a NaN or an infinity (one complex transform would
 * spread it into the other signal's spectrum), when it takes the single path for both.
 *
 * @throws RangeError eagerly on any invalid parameter or an unknown backend.
 * @internal
 */
export function createWelchEstimator(config: WelchEstimatorConfig, fftBackend: FftBackend): WelchEstimator {
  const setup = resolveWelchSetup(config);
  const { segmentLength, stepLength, inputLength, segmentCount, binCount, fromBin, toBin } = setup;
  const { detrendKind, window, scale, frequenciesHz } = setup;
  const plan = getRealFftPlan(segmentLength, fftBackend);
  const segment = new Float64Array(segmentLength);
  const newAverager = () => new WelchAverager(binCount, segmentCount, fromBin, toBin, setup.average);
  const laneA = newAverager();
  const checkInput = (name: string, x: Float64Array): void => {
    if (x.length !== inputLength) {
      throw new RangeError(`${name} must have inputLength (${inputLength}) samples, got ${x.length}`);
    }
  };
  /** Segment `s` of `x`, detrended and windowed, into `dst[offset + n · stride]`; false when it is not finite. */
  const prepare = (x: Float64Array, s: number, dst: Float64Array, offset: number, stride: number): boolean =>
    prepareSegment(x, s * stepLength, segmentLength, detrendKind, window, segment, dst, offset, stride);

  const estimate = (x: Float64Array, out?: Float64Array): Float64Array => {
    checkInput('x', x);
    if (out !== undefined) assertOutLength(out, binCount);
    const psd = out ?? new Float64Array(binCount);
    for (let s = 0; s < segmentCount; s++) {
      prepare(x, s, segment, 0, 1);
      plan.oneSidedPower(segment, scale, laneA.target(s, psd), fromBin, toBin);
      laneA.accumulate(s, psd);
    }
    laneA.finish(psd);
    return psd;
  };

  // The pair path's scratch, made on its first call (an estimator used for single channels never needs it).
  let laneB: WelchAverager | null = null;
  let interleaved: Float64Array | null = null;
  const pair = (a: Float64Array, b: Float64Array, outA: Float64Array, outB: Float64Array): void => {
    checkInput('a', a);
    checkInput('b', b);
    assertOutLength(outA, binCount);
    assertOutLength(outB, binCount);
    if (laneB === null || interleaved === null) {
      laneB = newAverager();
      interleaved = new Float64Array(2 * segmentLength);
    }
    const z = interleaved;
    for (let s = 0; s < segmentCount; s++) {
      // 'linear' through `prepareSegment` per signal; 'constant' and 'none' both signals in one pass each (the hot
      // loop of a multichannel chain: one pass per signal costs 5–10% more).
      const finite =
        detrendKind === 'linear'
          ? prepare(a, s, z, 0, 2) && prepare(b, s, z, 1, 2)
          : windowPair(a, b, s * stepLength, segmentLength, window, z, detrendKind === 'constant');
      if (finite) {
        plan.oneSidedPowerPair(z, scale, laneA.target(s, outA), laneB.target(s, outB), fromBin, toBin);
      } else {
        prepare(a, s, segment, 0, 1);
        plan.oneSidedPower(segment, scale, laneA.target(s, outA), fromBin, toBin);
        prepare(b, s, segment, 0, 1);
        plan.oneSidedPower(segment, scale, laneB.target(s, outB), fromBin, toBin);
      }
      laneA.accumulate(s, outA);
      laneB.accumulate(s, outB);
    }
    laneA.finish(outA);
    laneB.finish(outB);
  };

  return Object.assign(estimate, { frequenciesHz, binCount, segmentCount, inputLength, pair });
}

/**
 * `prepareSegment` for two signals in as few passes as it takes: `(a − meanA) · w` into the even and `(b − meanB) · w`
 * into the odd slots of `z`, with the means of `segmentMean`'s arithmetic (sum in index order over the length) when
 * `subtractMean` ('constant'), `a · w` and `b · w` otherwise ('none'). The two sums run in one pass (two
 * independent chains), and the window pass sums nothing when the means already did. Returns false when either segment
 * holds a NaN or an infinity (its sum is not finite).
 */
function windowPair(
  a: Float64Array,
  b: Float64Array,
  start: number,
  segmentLength: number,
  window: Float64Array,
  z: Float64Array,
  subtractMean: boolean,
): boolean {
  let sumA = 0;
  let sumB = 0;
  if (subtractMean) {
    for (let n = 0; n < segmentLength; n++) {
      sumA += a[start + n];
      sumB += b[start + n];
    }
    const meanA = sumA / segmentLength;
    const meanB = sumB / segmentLength;
    for (let n = 0; n < segmentLength; n++) {
      const wn = window[n];
      z[2 * n] = (a[start + n] - meanA) * wn;
      z[2 * n + 1] = (b[start + n] - meanB) * wn;
    }
  } else {
    for (let n = 0; n < segmentLength; n++) {
      const u = a[start + n];
      const v = b[start + n];
      const wn = window[n];
      sumA += u;
      sumB += v;
      z[2 * n] = u * wn;
      z[2 * n + 1] = v * wn;
    }
  }
  return Number.isFinite(sumA) && Number.isFinite(sumB);
}
