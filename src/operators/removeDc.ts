import type { OperatorFunction } from 'rxjs';
import { designButterworth } from '../dsp/designButterworth';
import { assertCopyFlag } from './assertCopyFlag';
import type { Float64Sample } from './float64Sample';
import type { GapEvent, SampleEvent } from './sample';
import { sosFilterSamples } from './sosFilterSamples';

/** Parameters of `removeDc`. */
export interface RemoveDcConfig {
  /** Sampling rate of the samples, in Hz (256 for an EPOC X at 256 Hz). */
  readonly sampleRateHz: number;
  /** −3 dB cutoff of the highpass, in Hz, in `(0, sampleRateHz / 2)`. Defaults to 0.5. */
  readonly cutoffHz?: number;
  /** Butterworth order, an integer in [1, 16]. Defaults to 2 (one biquad, 12 dB/octave). */
  readonly order?: number;
  /**
   * Buffer ownership. `true` (default): every output sample owns a fresh `values` array. `false`: every output
   * sample shares one array per subscription, overwritten by the next sample (read it synchronously).
   */
  readonly copy?: boolean;
}

/**
 * Removes the DC offset and slow drift of every channel with a Butterworth highpass (default 0.5 Hz, order 2).
 *
 * Like `map` with a `SosFilter` per channel (`designButterworth({ type: 'highpass', … })`), but the filter state
 * lives per subscription: it is created when a subscriber subscribes, so two subscribers never share it, and
 * the output equals `SosFilter.process` on the concatenated input whatever the chunking.
 *
 * - **Start-up**: the state starts at zero (scipy's `sosfilt` default), so the ~4200 µV Cortex offset produces a
 *   decaying transient at the start (and after every gap); at 0.5 Hz it has settled after a few seconds.
 * - **Gaps**: a gap event resets every channel's state and is passed through (so a downstream `epoch` resets too).
 * - **NaN policy**: a NaN (or ±Infinity) value yields NaN for that channel and sample, and restarts that
 *   channel's filter from zero state, so one bad value never poisons the rest of the stream (unlike a bare
 *   `SosFilter`).
 * - **Channels**: the first sample fixes the channel count; a sample with another count errors the stream.
 * - **Output**: `Float64Sample`s with `timeS`, `channels`, `counter` and `interpolated` of the input; see `copy`.
 *
 * ## Example
 * ```ts
 * import { removeDc, notch, epoch, bandPower } from 'cortex-rx/operators';
 *
 * session.stream('eeg').pipe(
 *   removeDc({ sampleRateHz: 256 }), // 0.5 Hz highpass
 *   notch({ notchHz: 50, sampleRateHz: 256 }),
 *   epoch({ lengthSamples: 512, hopSamples: 128 }),
 *   bandPower({ sampleRateHz: 256, segmentLength: 256 }),
 * );
 * ```
 *
 * @param config `sampleRateHz`, `[config.cutoffHz=0.5]`, `[config.order=2]`, `[config.copy=true]`.
 * @returns an operator from samples to filtered samples (gap events pass through).
 * @throws RangeError synchronously on bad config: `cutoffHz must be within (0, 128) Hz (Nyquist), got 200`.
 * @see notch, bandpass, designButterworth
 */
export function removeDc(config: RemoveDcConfig): OperatorFunction<SampleEvent, Float64Sample | GapEvent> {
  const { sampleRateHz, cutoffHz = 0.5, order = 2, copy = true } = config;
  assertCopyFlag(copy);
  return sosFilterSamples(designButterworth({ type: 'highpass', cutoffHz, order, sampleRateHz }), copy);
}
