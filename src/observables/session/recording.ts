import type { Observable } from 'rxjs';
import type { CortexRecord, Marker, MarkerValue } from '../../protocol';

/** Options of `session.record()` (createRecord params, §6). */
export interface RecordConfig {
  /** Title, 1 to 200 characters. */
  readonly title: string;
  readonly description?: string;
  readonly subjectName?: string;
  readonly tags?: readonly string[];
  readonly experimentId?: number;
}

/** Options of `recording.marker()` and `recording.interval()` (injectMarker params, §7). */
export interface MarkerConfig {
  readonly label: string;
  /** A string or an integer >= 0. */
  readonly value: MarkerValue;
  /** Default `Software`. */
  readonly port?: string;
  /** Marker time in ms on the Cortex clock; default: now, on the headset clock (syncWithHeadsetClock). */
  readonly timeMs?: number;
  readonly extras?: Readonly<Record<string, unknown>>;
}

/** A running record, as emitted by `session.record()`. */
export interface Recording {
  /** The record object (§6) returned by createRecord. */
  readonly record: CortexRecord;
  /** An instance marker: subscribe = injectMarker; emits the marker and completes. */
  marker(config: MarkerConfig): Observable<Marker>;
  /** An interval marker: subscribe = injectMarker (emits the marker), unsubscribe = updateMarker with the end time. */
  interval(config: MarkerConfig): Observable<Marker>;
}
