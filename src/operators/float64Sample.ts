import type { Sample } from './sample';

/**
 * A `Sample` whose values are a `Float64Array`, as the filter operators (`removeDc`, `notch`, `bandpass`) and
 * `pickChannels` emit it. It carries `timeS`, `channels`, `counter` and `interpolated` over from the input
 * sample; other fields of the input (an eeg frame's `markers`, `_tag`) are not carried.
 */
export interface Float64Sample extends Sample {
  /** One value per channel, in the unit of the input (µV for eeg); NaN marks an invalid value. */
  readonly values: Float64Array;
}
