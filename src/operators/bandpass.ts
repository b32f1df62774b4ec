import type { OperatorFunction } from 'rxjs';
import { assertPositiveFinite } from '../dsp/assertPositiveFinite';
import { designButterworth } from '../dsp/designButterworth';
import { assertCopyFlag } from './assertCopyFlag';
import type { Float64Sample } from './float64Sample';
import type { GapEvent, SampleEvent } from './sample';
import { sosFilterSamples } from './sosFilterSamples';

/** Parameters of `bandpass`. */
export interface BandpassConfig {
  /** Lower −3 dB edge in Hz, `0 < lowHz < highHz`. */
  readonly lowHz: number;
  /** Upper −3 dB edge in Hz, `lowHz < highHz < sampleRateHz / 2`. */
  readonly highHz: number;
  /** Sampling rate of the samples, in Hz. */
  readonly sampleRateHz: number;
  /** Butterworth prototype order, an integer in [1, 16]; the bandpass has twice as many poles. Defaults to 4. */
  readonly order?: number;
  /**
   * Buffer ownership. `true` (default): every output sample owns a fresh `values` array. `false`: every output
   * sample shares one array per subscription, overwritten by the next sample (read it synchronously).
   */
  readonly copy?: boolean;
}

/**
 * Keeps `[lowHz, highHz]` of every channel with a Butterworth bandpass (default order 4: 4 biquads).
 *
 * Like `map` with a `SosFilter(designButterworth({ type: 'bandpass', passbandHz: [lowHz, highHz], … }))` per
 * channel (`scipy.signal.butter(..., output='sos')`), but with the filter state per subscription, so two
 * subscribers never share it; the output equals `SosFilter.process` on the concatenated input whatever the
 * chunking.
 *
 * - **Start-up**: the state starts at zero, so the ~4200 µV Cortex offset produces a decaying transient at the
 *   start and after every gap.
 * - **Gaps**: a gap event resets every channel's state and is passed through.
 * - **NaN policy**: a NaN (or ±Infinity) value yields NaN for that channel and sample, and restarts that
 *   channel's filter from zero state, so the stream recovers on the next finite value.
 * - **Channels**: the first sample fixes the channel count; a sample with another count errors the stream.
 * - **Output**: `Float64Sample`s with `timeS`, `channels`, `counter` and `interpolated` of the input; see `copy`.
 *
 * ## Example
 * ```ts
 * import { bandpass } from 'cortex-rx/operators';
 *
 * session.stream('eeg').pipe(bandpass({ lowHz: 1, highHz: 45, sampleRateHz: 256 }));
 * ```
 *
 * @param config `lowHz`, `highHz`, `sampleRateHz`, `[config.order=4]`, `[config.copy=true]`.
 * @returns an operator from samples to filtered samples (gap events pass through).
 * @throws RangeError synchronously on bad config: `lowHz must be less than highHz, got lowHz 40, highHz 8`.
 * @see removeDc, notch, designButterworth
 */
export function bandpass(config: BandpassConfig): OperatorFunction<SampleEvent, Float64Sample | GapEvent> {
  const { lowHz, highHz, sampleRateHz, order = 4, copy = true } = config;
  assertPositiveFinite('sampleRateHz', sampleRateHz);
  const nyquistHz = sampleRateHz / 2;
  for (const [name, hz] of [
    ['lowHz', lowHz],
    ['highHz', highHz],
  ] as const) {
    if (!(typeof hz === 'number' && hz > 0 && hz < nyquistHz)) {
      throw new RangeError(`${name} must be within (0, ${nyquistHz}) Hz (Nyquist), got ${String(hz)}`);
    }
  }
  if (!(lowHz < highHz)) throw new RangeError(`lowHz must be less than highHz, got lowHz ${lowHz}, highHz ${highHz}`);
  assertCopyFlag(copy);
  const sos = designButterworth({ type: 'bandpass', passbandHz: [lowHz, highHz], order, sampleRateHz });
  return sosFilterSamples(sos, copy);
}
