import { assertPositiveFinite } from './assertPositiveFinite';
import { assertPowerOfTwo } from './assertPowerOfTwo';

/**
 * Index of the FFT bin whose centre is nearest to `hz`: `round(hz · fftSize / sampleRateHz)`.
 *
 * Like @thi.ng/dsp's `freqBin`. Rounding rule: to the nearest bin, a frequency exactly halfway between two bins
 * goes to the upper one (`Math.round`). Inverse of `binFrequencyHz`: for every bin `k` in `0..fftSize/2`,
 * `frequencyBin(binFrequencyHz(k, fs, n), fs, n) === k`; and for any `hz`,
 * `|binFrequencyHz(frequencyBin(hz, fs, n), fs, n) − hz| <= fs / n / 2`.
 *
 * NaN policy: a NaN `hz` throws (it is outside the valid range), like the other invalid arguments.
 *
 * ## Example
 * ```ts
 * import { frequencyBin } from 'cortex-rx/dsp';
 *
 * frequencyBin(10, 128, 256); // 20
 * frequencyBin(10.2, 128, 256); // 20 (nearest: bins are 0.5 Hz apart)
 * ```
 *
 * @param hz frequency in Hz, within `[0, sampleRateHz / 2]` (one-sided spectrum).
 * @param sampleRateHz sampling rate in Hz, positive.
 * @param fftSize FFT size in samples, a power of two.
 * @returns a bin index in `0..fftSize/2`.
 * @throws RangeError `fftSize must be a power of two, got 300`, or `hz` outside `[0, Nyquist]`.
 * @see binFrequencyHz
 */
export function frequencyBin(hz: number, sampleRateHz: number, fftSize: number): number {
  assertPositiveFinite('sampleRateHz', sampleRateHz);
  assertPowerOfTwo('fftSize', fftSize);
  const nyquistHz = sampleRateHz / 2;
  if (!(hz >= 0 && hz <= nyquistHz)) {
    throw new RangeError(`hz must be within [0, ${nyquistHz}] (Nyquist), got ${hz}`);
  }
  return Math.round((hz * fftSize) / sampleRateHz);
}
