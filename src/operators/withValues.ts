import type { Float64Sample } from './float64Sample';
import type { Sample } from './sample';

/**
 * A new `Float64Sample` with `values`, and the `timeS`, `counter` and `interpolated` of `sample`; `channels`
 * are `sample.channels` unless given. Optional fields are only set when defined.
 *
 * @internal
 */
export function withValues(
  sample: Sample,
  values: Float64Array,
  channels: readonly string[] | undefined = sample.channels,
): Float64Sample {
  const out: { -readonly [K in keyof Float64Sample]: Float64Sample[K] } = { values, timeS: sample.timeS };
  if (channels !== undefined) out.channels = channels;
  if (sample.counter !== undefined) out.counter = sample.counter;
  if (sample.interpolated !== undefined) out.interpolated = sample.interpolated;
  return out;
}
