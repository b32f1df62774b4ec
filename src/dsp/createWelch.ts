import { createWelchEstimator } from './createWelchEstimator';
import type { DetrendKind } from './detrend';
import type { WindowKind } from './getWindow';

/** Parameters of a Welch power spectral density estimate; the names follow `scipy.signal.welch`. */
export interface WelchConfig {
  /** Sampling rate of the input, in Hz (scipy's `fs`). */
  readonly sampleRateHz: number;
  /** Samples per segment (scipy's `nperseg`); also the FFT size, so it must be a power of two. */
  readonly segmentLength: number;
  /** Samples shared by consecutive segments (scipy's `noverlap`), in `[0, segmentLength)`. Defaults to `floor(segmentLength / 2)`. */
  readonly overlapLength?: number;
  /** Window applied to each segment: a periodic `WindowKind`, or a table of `segmentLength` weights. Defaults to `'hann'`. */
  readonly window?: WindowKind | Float64Array;
  /** Per-segment detrend before windowing; `false` is the same as `'none'`. Defaults to `'constant'`. */
  readonly detrend?: DetrendKind | false;
  /** How the segment periodograms are combined. `'median'` divides by scipy's median bias. Defaults to `'mean'`. */
  readonly average?: 'mean' | 'median';
}

/** `WelchConfig` plus the fixed input length an estimator preallocates for. */
export interface WelchEstimatorConfig extends WelchConfig {
  /** Samples per call; every call must pass exactly this many. At least `segmentLength`. */
  readonly inputLength: number;
  /**
   * Only bins `[fromBin, toBin)` are estimated; the other values of `out` are left as they were (0 in a new
   * array). For a caller that reads one band of the spectrum, as `bandPower` does. Defaults to every bin.
   */
  readonly computeBins?: readonly [fromBin: number, toBin: number];
}

/**
 * A Welch PSD estimator with all scratch preallocated: call it with `inputLength` samples (in µV) and it
 * returns the one-sided PSD in µV²/Hz, one value per `frequenciesHz` bin.
 */
export interface WelchEstimator {
  /**
   * Estimates the PSD of `x` (exactly `inputLength` samples) into `out` (length `binCount`, overwritten) or
   * into a new array. With `out`, a call allocates nothing.
   */
  (x: Float64Array, out?: Float64Array): Float64Array;
  /** Bin frequencies in Hz, `k · sampleRateHz / segmentLength` for `k = 0..segmentLength/2`. Shared: do not mutate. */
  readonly frequenciesHz: Float64Array;
  /** `segmentLength / 2 + 1`: DC to Nyquist inclusive. */
  readonly binCount: number;
  /** Segments averaged per call: `floor((inputLength − overlapLength) / (segmentLength − overlapLength))`. */
  readonly segmentCount: number;
  /** Samples each call expects. */
  readonly inputLength: number;
  /**
   * Estimates two signals at once: the same as `estimator(a, outA)` then `estimator(b, outB)`, to rounding
   * (≈1e-16 of each spectrum's peak), but with one complex FFT per pair of segments instead of two real ones
   * (`z = a + i·b`, split by conjugate symmetry). For multichannel epochs, where it saves about 15% of the FFT
   * time. A segment holding a NaN or an infinity in either signal is transformed one signal at a time, so a NaN
   * of `a` never reaches `outB` (and the other way round). Allocates nothing after its first call.
   */
  pair(a: Float64Array, b: Float64Array, outA: Float64Array, outB: Float64Array): void;
}

/**
 * Creates a reusable Welch PSD estimator with every buffer preallocated, for streaming use with zero
 * steady-state allocation.
 *
 * Like `welchPsd`, but the validation, window, FFT plan, frequency axis and scratch are set up once here, and
 * the returned function only does arithmetic. The estimate equals
 * `scipy.signal.welch(x, fs, window, nperseg, noverlap, detrend=…, scaling='density', average=…)`:
 *
 * 1. segments of `segmentLength` samples start every `segmentLength − overlapLength` samples; trailing samples
 *    that do not fill a segment are ignored (scipy's `padded=False, boundary=None`);
 * 2. each segment is detrended, multiplied by the periodic window and transformed by fft.js's real transform;
 * 3. `P[k] = |X[k]|² / (sampleRateHz · Σw²)`, doubled for `0 < k < segmentLength/2` (one-sided: DC and Nyquist
 *    are not doubled), so `Σ P[k] · Δf` is the signal's power in µV² and a white noise of variance σ² has a
 *    flat `P = 2σ² / sampleRateHz`;
 * 4. the segment estimates are averaged per bin (mean, or median divided by scipy's `_median_bias(segmentCount)`).
 *
 * NaN policy: propagates. A NaN in any sample that falls inside a segment makes that segment's whole spectrum
 * NaN (the detrend mean and every FFT bin depend on it), so with `'mean'` every output bin is NaN, and with
 * `'median'` every output bin is NaN too (a NaN anywhere in a bin's column makes its median NaN, as
 * `numpy.median` does). NaNs in the ignored tail have no effect, as in scipy. With `computeBins`, "every output
 * bin" means every computed bin; the others are left as they were.
 *
 * ## Example
 * ```ts
 * import { createWelch, bandPowers, CORTEX_BANDS } from 'cortex-rx/dsp';
 *
 * const welch = createWelch({ sampleRateHz: 128, segmentLength: 256, inputLength: 1024 });
 * const psd = new Float64Array(welch.binCount);
 * // for each 1024-sample epoch of one channel:
 * welch(epoch, psd); // µV²/Hz, no allocation
 * const powers = bandPowers(psd, welch.frequenciesHz, CORTEX_BANDS);
 * ```
 *
 * @param config `sampleRateHz`, `segmentLength` (power of two), `inputLength`, and optional
 *   `[config.overlapLength=segmentLength/2]`, `[config.window='hann']`, `[config.detrend='constant']`,
 *   `[config.average='mean']`, `[config.computeBins=[0, binCount]]`.
 * @returns the estimator function, with `frequenciesHz`, `binCount`, `segmentCount`, `inputLength` and `pair`.
 * @throws RangeError eagerly on any invalid parameter, e.g. `segmentLength must be a power of two, got 300`.
 * @see welchPsd for one-off estimates.
 * @remarks P. D. Welch, "The use of fast Fourier transform for the estimation of power spectra", IEEE Trans.
 *   Audio Electroacoust. 15(2), 1967. Median bias: Allen et al., "FINDCHIRP", Phys. Rev. D 85, 2012, app. B.
 */
export function createWelch(config: WelchEstimatorConfig): WelchEstimator {
  return createWelchEstimator(config, 'fft.js');
}
