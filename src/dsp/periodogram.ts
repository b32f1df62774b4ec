import { type DetrendKind } from './detrend';
import { type WindowKind } from './getWindow';
import { isPowerOfTwo } from './isPowerOfTwo';
import { welchPsd, type PowerSpectralDensity } from './welchPsd';

/** Parameters of a single-segment periodogram; the names follow `scipy.signal.periodogram`. */
export interface PeriodogramConfig {
  /** Sampling rate of the input, in Hz (scipy's `fs`). */
  readonly sampleRateHz: number;
  /** Window over the whole input, or a table of `x.length` weights. Defaults to `'rectangular'` (scipy's `boxcar`). */
  readonly window?: WindowKind | Float64Array;
  /** Detrend before windowing; `false` is the same as `'none'`. Defaults to `'constant'`. */
  readonly detrend?: DetrendKind | false;
}

/**
 * Periodogram of `x` in µV²/Hz: the one-sided, window-energy corrected PSD of a single segment spanning all of `x`.
 *
 * Like `scipy.signal.periodogram(x, fs, window, detrend=…, scaling='density')` (which scipy itself computes as
 * `welch` with `nperseg = len(x)`, `noverlap = 0`), with scipy's defaults (rectangular window, constant detrend).
 * The FFT size is `x.length`, so it must be a power of two.
 *
 * NaN policy: propagates: a NaN anywhere in `x` makes every bin NaN.
 *
 * ## Example
 * ```ts
 * import { periodogram } from 'cortex-rx/dsp';
 *
 * const { frequenciesHz, psd } = periodogram(epochUv, { sampleRateHz: 128, window: 'hann' });
 * ```
 *
 * @param x samples; `x.length` is the FFT size and must be a power of two. Not modified.
 * @param config `sampleRateHz`, `[config.window='rectangular']`, `[config.detrend='constant']`.
 * @returns new `frequenciesHz` and `psd` arrays of `x.length / 2 + 1` bins.
 * @throws RangeError `x.length (the FFT size) must be a power of two, got 1000`, or on invalid parameters.
 * @see welchPsd
 */
export function periodogram(x: Float64Array, config: PeriodogramConfig): PowerSpectralDensity {
  if (!isPowerOfTwo(x.length)) {
    throw new RangeError(`x.length (the FFT size) must be a power of two, got ${x.length}`);
  }
  return welchPsd(x, {
    sampleRateHz: config.sampleRateHz,
    segmentLength: x.length,
    overlapLength: 0,
    window: config.window ?? 'rectangular',
    detrend: config.detrend ?? 'constant',
  });
}
