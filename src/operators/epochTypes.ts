/**
 * A multi-channel window of consecutive samples, as `epoch` emits it: channel-major, oldest sample first.
 *
 * `data[c * lengthSamples + n]` is sample `n` (0 = oldest) of channel `c`, in the unit of the input (µV for
 * eeg). Whether `data` may be kept after the next emission depends on `epoch`'s `copy` option.
 */
export interface Epoch {
  /** `channelCount · lengthSamples` values, channel-major: channel `c` at `[c·length, (c+1)·length)`. */
  readonly data: Float64Array;
  /** Channels per sample (fixed by the first sample of the subscription). */
  readonly channelCount: number;
  /** Samples per channel in this window. */
  readonly lengthSamples: number;
  /** `timeS` of the oldest sample in the window, seconds. */
  readonly startTimeS: number;
  /** Index of the oldest sample among the samples this subscription received (0-based; gap events do not count). */
  readonly startSampleIndex: number;
  /** Channel names in `data` order, when the samples carried them (those of the first sample). */
  readonly channels?: readonly string[];
}
