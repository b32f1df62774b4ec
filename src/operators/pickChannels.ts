import { Observable, type OperatorFunction } from 'rxjs';
import { assertCopyFlag } from './assertCopyFlag';
import type { Float64Sample } from './float64Sample';
import { isGap, type GapEvent, type SampleEvent } from './sample';
import { withValues } from './withValues';
import { forwardThrough } from './forwardThrough';

/** Options of `pickChannels`. */
export interface PickChannelsConfig {
  /**
   * Buffer ownership. `true` (default): every output sample owns a fresh `values` array. `false`: every output
   * sample shares one array per subscription, overwritten by the next sample (read it synchronously).
   */
  readonly copy?: boolean;
}

/**
 * Keeps the named channels of every sample, in the order given.
 *
 * Like `map((s) => names.map((n) => s.values[s.channels.indexOf(n)]))`, but the name → index table is built once
 * per subscription (and rebuilt only when a sample carries a different `channels` array), and the output
 * `channels` is one shared, frozen copy of `names`.
 *
 * - **Channels**: samples must carry `channels`; a sample without them errors the stream with
 *   `RangeError('pickChannels needs samples with channels, got sample 0 without')`, and a name the samples do not
 *   have with `RangeError('unknown channel "Oz" (have AF3, F7, …)')`.
 * - **Gaps**: gap events pass through unchanged.
 * - **NaN policy**: values are copied as they are; NaN stays NaN.
 * - **Output**: `Float64Sample`s with `timeS`, `counter` and `interpolated` of the input; see `copy`.
 *
 * ## Example
 * ```ts
 * import { pickChannels, epoch, bandPower } from 'cortex-rx/operators';
 *
 * session.stream('eeg').pipe(
 *   pickChannels(['O1', 'O2']),
 *   epoch({ lengthSamples: 512, hopSamples: 128 }),
 *   bandPower({ sampleRateHz: 256, segmentLength: 256 }),
 * );
 * ```
 *
 * @param names channel names to keep, at least one, no duplicates.
 * @param config `[config.copy=true]`.
 * @returns an operator from samples to samples of the named channels (gap events pass through).
 * @throws RangeError synchronously on an empty list, a non-string name or a duplicate: `duplicate channel "O1"`.
 * @see epoch
 */
export function pickChannels(
  names: readonly string[],
  config: PickChannelsConfig = {},
): OperatorFunction<SampleEvent, Float64Sample | GapEvent> {
  if (!Array.isArray(names) || names.length === 0) {
    throw new RangeError(`names must list at least one channel, got ${Array.isArray(names) ? 'none' : String(names)}`);
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string') throw new RangeError(`channel names must be strings, got ${String(name)}`);
    if (seen.has(name)) throw new RangeError(`duplicate channel "${name}"`);
    seen.add(name);
  }
  const picked = Object.freeze([...names]);
  const { copy = true } = config;
  assertCopyFlag(copy);
  const count = picked.length;

  return (source) =>
    new Observable<Float64Sample | GapEvent>((subscriber) => {
      // Per-subscription index table, for the `channels` array it was built from.
      let indexFor: readonly string[] | null = null;
      const indices = new Int32Array(count);
      const shared = new Float64Array(count);
      let sampleIndex = 0;

      /** The picked sample, or the gap as it is. Throws on a sample without (or with unknown) channels. */
      const take = (event: SampleEvent): Float64Sample | GapEvent => {
        if (isGap(event)) return event;
        const { channels, values } = event;
        if (channels === undefined) {
          throw new RangeError(`pickChannels needs samples with channels, got sample ${sampleIndex} without`);
        }
        if (values.length !== channels.length) {
          throw new RangeError(`sample ${sampleIndex} has ${values.length} values but ${channels.length} channels`);
        }
        if (channels !== indexFor) {
          for (let i = 0; i < count; i++) {
            const index = channels.indexOf(picked[i]);
            if (index < 0) throw new RangeError(`unknown channel "${picked[i]}" (have ${channels.join(', ')})`);
            indices[i] = index;
          }
          indexFor = channels;
        }
        const out = copy ? new Float64Array(count) : shared;
        for (let i = 0; i < count; i++) out[i] = values[indices[i]];
        sampleIndex++;
        return withValues(event, out, picked);
      };

      const sub = forwardThrough(source, subscriber, take);
      return () => {
        sub.unsubscribe();
        indexFor = null;
      };
    });
}
