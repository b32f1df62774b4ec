import { designButterworth, type ButterworthConfig } from './designButterworth';
import { designIirNotch, type IirNotchConfig } from './designIirNotch';
import { SosFilter } from './SosFilter';

/** What `createIirFilter` builds: a notch, or a Butterworth lowpass, highpass or bandpass. */
export type IirFilterConfig = ({ readonly type: 'notch' } & IirNotchConfig) | ButterworthConfig;

/**
 * Creates a stateful IIR filter (a `SosFilter`) from a design description.
 *
 * Like `new SosFilter(designIirNotch(config))` or `new SosFilter(designButterworth(config))`, chosen by
 * `config.type`: `'notch'` (mains removal, `scipy.signal.iirnotch`), `'highpass'` (DC and drift removal),
 * `'lowpass'` or `'bandpass'` (`scipy.signal.butter(..., output='sos')`). Each call returns an independent
 * filter with zeroed state; use one per channel.
 *
 * NaN policy: as `SosFilter`: a NaN input poisons the state until `reset()`.
 *
 * ## Example
 * ```ts
 * import { createIirFilter } from 'cortex-rx/dsp';
 *
 * const notch = createIirFilter({ type: 'notch', notchHz: 50, q: 30, sampleRateHz: 128 });
 * const dcBlock = createIirFilter({ type: 'highpass', cutoffHz: 0.5, order: 1, sampleRateHz: 128 });
 * const band = createIirFilter({ type: 'bandpass', passbandHz: [1, 45], order: 4, sampleRateHz: 128 });
 * const cleanUv = band.process(notch.process(dcBlock.process(rawUv)));
 * ```
 *
 * @param config the design; see `IirNotchConfig` and `ButterworthConfig` for fields and defaults.
 * @returns a new filter.
 * @throws RangeError on invalid design parameters.
 * @see SosFilter, designIirNotch, designButterworth
 */
export function createIirFilter(config: IirFilterConfig): SosFilter {
  return new SosFilter(config.type === 'notch' ? designIirNotch(config) : designButterworth(config));
}
