import type { OperatorFunction } from 'rxjs';
import { designIirNotch } from '../dsp/designIirNotch';
import { assertCopyFlag } from './assertCopyFlag';
import type { Float64Sample } from './float64Sample';
import type { GapEvent, SampleEvent } from './sample';
import { sosFilterSamples } from './sosFilterSamples';

/** Parameters of `notch`. */
export interface NotchConfig {
  /** Frequency to remove, in Hz, in `(0, sampleRateHz / 2)`: 50 (Europe, …) or 60 (Americas, …) for mains. */
  readonly notchHz: 50 | 60 | number;
  /** Sampling rate of the samples, in Hz. */
  readonly sampleRateHz: number;
  /** Quality factor `notchHz / bandwidthHz` (−3 dB width). Defaults to 30 (a 1.7 Hz wide notch at 50 Hz). */
  readonly q?: number;
  /**
   * Buffer ownership. `true` (default): every output sample owns a fresh `values` array. `false`: every output
   * sample shares one array per subscription, overwritten by the next sample (read it synchronously).
   */
  readonly copy?: boolean;
}

/**
 * Removes mains interference (50 or 60 Hz) from every channel with a second-order IIR notch.
 *
 * Like `map` with a `SosFilter(designIirNotch(config))` per channel (`scipy.signal.iirnotch`), but with the
 * filter state per subscription, so two subscribers never share it; the output equals `SosFilter.process` on
 * the concatenated input whatever the chunking.
 *
 * - **Gaps**: a gap event resets every channel's state and is passed through.
 * - **NaN policy**: a NaN (or ±Infinity) value yields NaN for that channel and sample, and restarts that
 *   channel's filter from zero state, so the stream recovers on the next finite value.
 * - **Channels**: the first sample fixes the channel count; a sample with another count errors the stream.
 * - **Output**: `Float64Sample`s with `timeS`, `channels`, `counter` and `interpolated` of the input; see `copy`.
 *
 * ## Example
 * ```ts
 * import { notch } from 'cortex-rx/operators';
 *
 * session.stream('eeg').pipe(notch({ notchHz: 60, sampleRateHz: 256, q: 30 }));
 * ```
 *
 * @param config `notchHz`, `sampleRateHz`, `[config.q=30]`, `[config.copy=true]`.
 * @returns an operator from samples to filtered samples (gap events pass through).
 * @throws RangeError synchronously on bad config: `notchHz must be within (0, 64) Hz (Nyquist), got 100`.
 * @see removeDc, bandpass, designIirNotch
 */
export function notch(config: NotchConfig): OperatorFunction<SampleEvent, Float64Sample | GapEvent> {
  const { notchHz, sampleRateHz, q = 30, copy = true } = config;
  assertCopyFlag(copy);
  return sosFilterSamples(designIirNotch({ notchHz, sampleRateHz, q }), copy);
}
