/**
 * One multi-channel sample, the input of every operator: the eeg frames of `session.stream('eeg')` are samples,
 * and so is any `{ values, timeS }` from another source. Values are in µV, one per channel; an invalid sample
 * is NaN (never 0).
 */
export interface Sample {
  /** One value per channel, µV; NaN marks an invalid value. */
  readonly values: ArrayLike<number>;
  /** Sample time, seconds since the epoch (Cortex sample times: exact multiples of the sample period). */
  readonly timeS: number;
  /** Channel names in `values` order, when the source knows them (eeg frames do). */
  readonly channels?: readonly string[];
  /** eeg COUNTER: +1 per sample, wrapping every second. */
  readonly counter?: number;
  /** eeg INTERPOLATED: Cortex filled this sample in after packet loss. */
  readonly interpolated?: boolean;
}

/**
 * A break in the input, as `session.stream()` emits it when the socket drops (`{ _tag: 'gap', ... }`). Stateful
 * operators reset their buffers on it, so no window spans a gap.
 */
export interface GapEvent {
  readonly _tag: 'gap';
}

/** What operators take: samples, and gap events that they pass through or act on. */
export type SampleEvent = Sample | GapEvent;

/**
 * True for a gap event, false for a sample: a type guard on `_tag`.
 *
 * NaN policy: not applicable (only `_tag` is read; a sample full of NaN values is still a sample).
 *
 * ## Example
 * ```ts
 * import { filter } from 'rxjs';
 * import { isGap } from 'cortex-rx/operators';
 *
 * session.stream('eeg').pipe(filter((e) => !isGap(e)));
 * ```
 */
export function isGap(event: SampleEvent): event is GapEvent {
  return (event as { _tag?: unknown })._tag === 'gap';
}
