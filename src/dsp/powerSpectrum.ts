import { assertOutLength } from './assertOutLength';
import { getFftPlan } from './getFftPlan';

/**
 * One-sided power spectrum `|X[k]|²` for `k = 0..N/2` (DC to Nyquist inclusive, `N/2 + 1` bins), unscaled.
 *
 * Like `abs(numpy.fft.rfft(x))**2`: no window, no detrend, no density scaling and no doubling of the
 * one-sided bins; see `welchPsd` for a calibrated µV²/Hz density. Runs on the cached dsp.js plan for
 * `N = input.length` and, with `out`, allocates nothing. `input` is not modified.
 *
 * NaN policy: propagates. A NaN anywhere in `input` makes every bin NaN.
 *
 * ## Example
 * ```ts
 * import { powerSpectrum, frequencyBin } from 'cortex-rx/dsp';
 *
 * const sampleRateHz = 128;
 * const x = new Float64Array(256).map((_, n) => Math.sin((2 * Math.PI * 10 * n) / sampleRateHz));
 * const out = new Float64Array(129);
 * powerSpectrum(x, out); // peak at out[frequencyBin(10, sampleRateHz, 256)] === out[20]
 * ```
 *
 * @param input real samples; `input.length` is the FFT size and must be a power of two.
 * @param out optional destination of length `input.length / 2 + 1`, overwritten and returned.
 * @returns `out`, or a new `Float64Array` of `input.length / 2 + 1` bins.
 * @throws RangeError `fftSize must be a power of two, got 300`, or `out must have length 129, got 128`.
 * @see fft for the full complex spectrum.
 */
export function powerSpectrum(input: Float64Array, out?: Float64Array): Float64Array {
  const n = input.length;
  const plan = getFftPlan(n);
  const binCount = (n >> 1) + 1;
  if (out !== undefined) assertOutLength(out, binCount);
  const result = out ?? new Float64Array(binCount);
  plan.forward(input);
  const re = plan.real;
  const im = plan.imag;
  for (let k = 0; k < binCount; k++) {
    result[k] = re[k] * re[k] + im[k] * im[k];
  }
  return result;
}
