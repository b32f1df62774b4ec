import { assertPositiveFinite } from './assertPositiveFinite';
import { assertPowerOfTwo } from './assertPowerOfTwo';
import { binFrequencyHz } from './binFrequencyHz';
import type { WelchEstimatorConfig } from './createWelch';
import type { DetrendKind } from './detrend';
import { getWindow, type WindowKind } from './getWindow';

/** A validated `WelchEstimatorConfig` and everything derived from it once, for `createWelchEstimator`. @internal */
export interface WelchSetup {
  readonly segmentLength: number;
  /** `segmentLength − overlapLength`: samples between the starts of consecutive segments. */
  readonly stepLength: number;
  readonly inputLength: number;
  /** `floor((inputLength − overlapLength) / stepLength)`. */
  readonly segmentCount: number;
  /** `segmentLength / 2 + 1`. */
  readonly binCount: number;
  /** The estimated bins are `[fromBin, toBin)` (`computeBins`, or all of them). */
  readonly fromBin: number;
  readonly toBin: number;
  readonly detrendKind: DetrendKind;
  readonly average: 'mean' | 'median';
  /** The window table (cached, or a private copy of the caller's). Do not mutate. */
  readonly window: Float64Array;
  /** scipy's density scale `1 / (sampleRateHz · Σw²)`. */
  readonly scale: number;
  /** Bin frequencies in Hz. */
  readonly frequenciesHz: Float64Array;
}

/**
 * Checks every parameter of a Welch estimator eagerly, with the messages `createWelch` documents
 * (`segmentLength must be a power of two, got 300`), and derives the window, scale and frequency axis.
 *
 * @throws RangeError on any invalid parameter.
 * @internal
 */
export function resolveWelchSetup(config: WelchEstimatorConfig): WelchSetup {
  const { sampleRateHz, segmentLength, inputLength } = config;
  assertPositiveFinite('sampleRateHz', sampleRateHz);
  assertPowerOfTwo('segmentLength', segmentLength);
  const overlapLength = config.overlapLength ?? Math.floor(segmentLength / 2);
  if (!Number.isInteger(overlapLength) || overlapLength < 0 || overlapLength >= segmentLength) {
    throw new RangeError(`overlapLength must be an integer in [0, ${segmentLength - 1}], got ${overlapLength}`);
  }
  if (!Number.isSafeInteger(inputLength) || inputLength < segmentLength) {
    throw new RangeError(`inputLength must be an integer >= segmentLength (${segmentLength}), got ${inputLength}`);
  }
  const detrendKind: DetrendKind = config.detrend === false ? 'none' : (config.detrend ?? 'constant');
  if (detrendKind !== 'constant' && detrendKind !== 'linear' && detrendKind !== 'none') {
    throw new RangeError(`detrend must be one of constant, linear, none, false, got ${String(detrendKind)}`);
  }
  const average = config.average ?? 'mean';
  if (average !== 'mean' && average !== 'median') {
    throw new RangeError(`average must be one of mean, median, got ${String(average)}`);
  }
  const window = resolveWindow(config.window ?? 'hann', segmentLength);
  const stepLength = segmentLength - overlapLength;
  const binCount = (segmentLength >> 1) + 1;
  const [fromBin, toBin] = config.computeBins ?? [0, binCount];
  if (!Number.isInteger(fromBin) || !Number.isInteger(toBin) || fromBin < 0 || toBin > binCount || fromBin > toBin) {
    throw new RangeError(
      `computeBins must be integers with 0 <= fromBin <= toBin <= ${binCount}, got [${String(fromBin)}, ${String(toBin)}]`,
    );
  }
  let sumSquares = 0;
  for (let n = 0; n < segmentLength; n++) sumSquares += window[n] * window[n];
  const frequenciesHz = new Float64Array(binCount);
  for (let k = 0; k < binCount; k++) frequenciesHz[k] = binFrequencyHz(k, sampleRateHz, segmentLength);
  return {
    segmentLength,
    stepLength,
    inputLength,
    segmentCount: Math.floor((inputLength - overlapLength) / stepLength),
    binCount,
    fromBin,
    toBin,
    detrendKind,
    average,
    window,
    // scipy: scale = 1 / (fs * sum(win**2)) for scaling='density'.
    scale: 1 / (sampleRateHz * sumSquares),
    frequenciesHz,
  };
}

function resolveWindow(window: WindowKind | Float64Array, segmentLength: number): Float64Array {
  if (typeof window === 'string') return getWindow(window, segmentLength);
  if (!(window instanceof Float64Array)) {
    throw new RangeError(`window must be a WindowKind or a Float64Array, got ${String(window)}`);
  }
  if (window.length !== segmentLength) {
    throw new RangeError(`window must have segmentLength (${segmentLength}) points, got ${window.length}`);
  }
  // Copy: the estimator must not change if the caller later mutates their table.
  return Float64Array.from(window);
}
