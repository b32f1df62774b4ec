import { assertPositiveFinite } from './assertPositiveFinite';

/** A second-order IIR notch, as `scipy.signal.iirnotch(notchHz, q, fs=sampleRateHz)`. */
export interface IirNotchConfig {
  /** Frequency to remove, in Hz, in `(0, sampleRateHz / 2)`: 50 or 60 for mains. */
  readonly notchHz: number;
  /** Quality factor `notchHz / bandwidthHz` (−3 dB width). Defaults to 30 (a 1.7 Hz wide notch at 50 Hz). */
  readonly q?: number;
  /** Sampling rate in Hz. */
  readonly sampleRateHz: number;
}

/**
 * The biquad of a second-order IIR notch filter, as one second-order section `[b0, b1, b2, 1, a1, a2]`.
 *
 * A port of `scipy.signal.iirnotch(notchHz, q, fs=sampleRateHz)` (Orfanidis, *Introduction to Signal
 * Processing*, eq. 11.3.4–11.3.7): zeros on the unit circle at ±`notchHz`, poles just inside, unit gain at DC
 * and Nyquist. Same arithmetic as scipy, so coefficients agree to rounding.
 *
 * NaN policy: not applicable (no signal input); invalid parameters throw.
 *
 * ## Example
 * ```ts
 * import { designIirNotch, SosFilter } from 'cortex-rx/dsp';
 *
 * const mains = new SosFilter(designIirNotch({ notchHz: 50, q: 30, sampleRateHz: 128 }));
 * const clean = mains.process(chunkUv);
 * ```
 *
 * @param config `notchHz`, `sampleRateHz`, `[config.q=30]`.
 * @returns 6 coefficients `[b0, b1, b2, a0, a1, a2]` with `a0 = 1`.
 * @throws RangeError when `notchHz` is outside `(0, Nyquist)` or `q` is not positive.
 * @see createIirFilter, designButterworth, SosFilter
 */
export function designIirNotch(config: IirNotchConfig): Float64Array {
  const { notchHz, sampleRateHz } = config;
  const q = config.q ?? 30;
  assertPositiveFinite('sampleRateHz', sampleRateHz);
  assertPositiveFinite('q', q);
  const nyquistHz = sampleRateHz / 2;
  if (!(notchHz > 0 && notchHz < nyquistHz)) {
    throw new RangeError(`notchHz must be within (0, ${nyquistHz}) Hz (Nyquist), got ${notchHz}`);
  }
  // Same sequence of operations as scipy's _design_notch_peak_filter.
  const w0Normalised = (2 * notchHz) / sampleRateHz;
  const bandwidth = (w0Normalised / q) * Math.PI;
  const w0 = w0Normalised * Math.PI;
  const gb = 1 / Math.sqrt(2); // −3 dB
  const beta = (Math.sqrt(1.0 - gb ** 2.0) / gb) * Math.tan(bandwidth / 2.0);
  const gain = 1.0 / (1.0 + beta);
  const cosW0 = Math.cos(w0);
  return Float64Array.of(gain * 1.0, gain * (-2.0 * cosW0), gain * 1.0, 1.0, -2.0 * gain * cosW0, 2.0 * gain - 1.0);
}
