import { assertPositiveFinite } from './assertPositiveFinite';
import { assertPowerOfTwo } from './assertPowerOfTwo';

/**
 * Centre frequency in Hz of FFT bin `bin`: `bin · sampleRateHz / fftSize`.
 *
 * Like @thi.ng/dsp's `binFreq`. Computed as `(bin · sampleRateHz) / fftSize`, which is exact whenever the true
 * value is representable (the division is by a power of two), so bins land exactly on integer band edges such
 * as 8 Hz at 128 Hz / 256 points. Inverse of `frequencyBin`: `frequencyBin(binFrequencyHz(k, fs, n), fs, n) === k`
 * for every bin `k` in `0..n/2`.
 *
 * NaN policy: not applicable (configuration values are validated and throw).
 *
 * ## Example
 * ```ts
 * import { binFrequencyHz } from 'cortex-rx/dsp';
 *
 * binFrequencyHz(20, 128, 256); // 10 (Hz)
 * binFrequencyHz(128, 128, 256); // 64 (Hz, Nyquist)
 * ```
 *
 * @param bin bin index, an integer in `0..fftSize/2` (one-sided spectrum, Nyquist included).
 * @param sampleRateHz sampling rate in Hz, positive.
 * @param fftSize FFT size in samples, a power of two.
 * @returns the bin's frequency in Hz.
 * @throws RangeError `fftSize must be a power of two, got 300`, or a bin outside `0..fftSize/2`.
 * @see frequencyBin
 */
export function binFrequencyHz(bin: number, sampleRateHz: number, fftSize: number): number {
  assertPositiveFinite('sampleRateHz', sampleRateHz);
  assertPowerOfTwo('fftSize', fftSize);
  const lastBin = fftSize >> 1;
  if (!Number.isInteger(bin) || bin < 0 || bin > lastBin) {
    throw new RangeError(`bin must be an integer in [0, ${lastBin}], got ${bin}`);
  }
  return (bin * sampleRateHz) / fftSize;
}
