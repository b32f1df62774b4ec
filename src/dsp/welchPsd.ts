import { assertPowerOfTwo } from './assertPowerOfTwo';
import { createWelch, type WelchConfig } from './createWelch';

/** A one-sided power spectral density on a uniform frequency axis. */
export interface PowerSpectralDensity {
  /** Bin frequencies in Hz, from 0 (DC) to `sampleRateHz / 2` (Nyquist) inclusive, uniformly spaced. */
  readonly frequenciesHz: Float64Array;
  /** Density per bin, in input units squared per Hz: µV²/Hz for µV input. */
  readonly psd: Float64Array;
}

/**
 * Welch power spectral density of `x` in µV²/Hz (for `x` in µV), one-sided, window-energy corrected.
 *
 * Like `scipy.signal.welch(x, fs, window, nperseg, noverlap, detrend=…, scaling='density', average=…)`, with
 * the same defaults (Hann window, 50 % overlap, constant detrend, mean average), and equal to it within
 * 1e-9 relative on every bin. `segmentLength` is also the FFT size, so it must be a power of two. This one-shot
 * form builds its scratch per call; use `createWelch` to estimate repeatedly without allocating.
 *
 * NaN policy: propagates, as `createWelch` documents: a NaN in any sample covered by a segment makes every bin
 * NaN; samples in the unused tail (after the last full segment) are ignored, as in scipy.
 *
 * ## Example
 * ```ts
 * import { welchPsd, bandPowers, CORTEX_BANDS } from 'cortex-rx/dsp';
 *
 * const { frequenciesHz, psd } = welchPsd(samplesUv, { sampleRateHz: 128, segmentLength: 256 });
 * const { absoluteUv2, relative } = bandPowers(psd, frequenciesHz, CORTEX_BANDS);
 * ```
 *
 * @param x samples, at least `segmentLength` of them; not modified.
 * @param config `sampleRateHz`, `segmentLength` (power of two), `[config.overlapLength=segmentLength/2]`,
 *   `[config.window='hann']`, `[config.detrend='constant']`, `[config.average='mean']`.
 * @returns new `frequenciesHz` and `psd` arrays of `segmentLength / 2 + 1` bins.
 * @throws RangeError on invalid parameters (`segmentLength must be a power of two, got 300`) or when
 *   `x` is shorter than one segment.
 * @see createWelch, periodogram, bandPowers
 */
export function welchPsd(x: Float64Array, config: WelchConfig): PowerSpectralDensity {
  assertPowerOfTwo('segmentLength', config.segmentLength);
  if (x.length < config.segmentLength) {
    throw new RangeError(`x must have at least segmentLength (${config.segmentLength}) samples, got ${x.length}`);
  }
  const estimate = createWelch({ ...config, inputLength: x.length });
  return { frequenciesHz: estimate.frequenciesHz, psd: estimate(x) };
}
