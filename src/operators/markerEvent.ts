/**
 * A marker (an event of the experiment: a stimulus, a response) on the Cortex sample clock: the input of
 * `alignMarkers` and `epochsAround`.
 *
 * Structural, so any source fits: build one with `toMarkerEvent` from the markers `recording.marker()` returns
 * (`startDatetime`) or from the MARKERS column of eeg samples (`time` in ms), or write `{ timeS, label, value }`.
 *
 * ## Example
 * ```ts
 * import type { MarkerEvent } from 'cortex-rx/operators';
 * const stimulus: MarkerEvent = { timeS: 1714620001.529, label: 'stim', value: 1 };
 * ```
 */
export interface MarkerEvent {
  /** Marker time, seconds since the epoch, on the Cortex (sample) clock: the clock of `Sample.timeS`. */
  readonly timeS: number;
  /** The marker's label, e.g. `'stim'`. */
  readonly label: string;
  /** The marker's value: a string or an integer (Cortex allows both). */
  readonly value: string | number;
  /** The marker's uuid, when the source has one (Cortex markers do). */
  readonly uuid?: string;
}
