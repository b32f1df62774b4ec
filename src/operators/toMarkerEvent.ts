import type { MarkerEvent } from './markerEvent';

/**
 * What `toMarkerEvent` reads: the fields of a Cortex marker object (`recording.marker()` results) or of a marker in the
 * MARKERS column of an eeg sample. Every field is optional; a time is required at run time.
 */
export interface MarkerLike {
  /** Marker time in milliseconds since the epoch (MARKERS column objects carry it); preferred when present. */
  readonly time?: unknown;
  /** Marker time as ISO 8601 with an offset, e.g. `'2024-05-02T10:20:01.529250+07:00'` (Cortex marker objects). */
  readonly startDatetime?: unknown;
  /** Label; a missing label becomes `''`. */
  readonly label?: unknown;
  /** Value (string or integer); anything else is converted with `String`. */
  readonly value?: unknown;
  /** Uuid, kept when it is a string. */
  readonly uuid?: unknown;
}

/** Milliseconds per second. */
const MS_PER_S = 1000;
/** `YYYY-MM-DDTHH:mm:ss[.fraction][Z|±HH:MM|±HHMM]`; the fraction is parsed here (`Date.parse` stops at the ms). */
const ISO_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** ISO 8601 to ms since the epoch, keeping sub-millisecond digits; NaN when it is not such a datetime. */
function parseIsoMs(iso: string): number {
  const m = ISO_PATTERN.exec(iso);
  if (m === null) return NaN;
  const [, base, fraction = '', offset] = m;
  // Date.parse reads `±HH:MM` only; without an offset the time is local, as in ECMAScript.
  const zone =
    offset === undefined || offset === 'Z' || offset.includes(':')
      ? (offset ?? '')
      : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const wholeMs = Date.parse(`${base}${zone}`);
  return fraction === '' ? wholeMs : wholeMs + (Number(fraction) / 10 ** fraction.length) * MS_PER_S;
}

/**
 * Turns a Cortex marker (a `recording.marker()` result, or an object of the MARKERS column of an eeg sample) into a
 * `MarkerEvent` on the sample clock.
 *
 * Like `map((m) => ({ timeS: m.time / 1000, ... }))`, but it reads either time field: `time` (ms, the MARKERS
 * column) when it is a finite number, else `startDatetime` (ISO 8601 with microseconds, the marker object), to the
 * microsecond.
 *
 * NaN policy: a marker never gets a NaN time. A NaN (or infinite) `time` counts as missing, so `startDatetime` is
 * read instead; when that is missing or not an ISO 8601 datetime either, it throws.
 *
 * ## Example
 * ```ts
 * import { Subject, map, mergeMap } from 'rxjs';
 * import { epochsAround, toMarkerEvent, type MarkerEvent } from 'cortex-rx/operators';
 *
 * // from the markers the client injects: they come back before their samples (EEG is sent ~50 ms late)
 * const markers$ = new Subject<MarkerEvent>();
 * recording.marker({ label: 'stim', value: 1 }).pipe(map(toMarkerEvent)).subscribe((m) => markers$.next(m));
 *
 * // or from the MARKERS column of the eeg samples themselves
 * const eeg$ = session.stream('eeg').pipe(share());
 * const columnMarkers$ = eeg$.pipe(mergeMap((f) => (f._tag === 'eeg' ? f.markers.map(toMarkerEvent) : [])));
 * eeg$.pipe(epochsAround(columnMarkers$, { beforeS: 0.1, afterS: 0.5, sampleRateHz: 256 }));
 * ```
 *
 * @param marker a marker object with `time` (ms) or `startDatetime` (ISO 8601).
 * @returns the marker with `timeS` in seconds since the epoch, its label, value and uuid.
 * @throws RangeError when the marker has neither a finite `time` nor a valid ISO `startDatetime`.
 * @see alignMarkers, epochsAround
 */
export function toMarkerEvent(marker: MarkerLike): MarkerEvent {
  const { time, startDatetime, label, value, uuid } = marker;
  const timeMs =
    typeof time === 'number' && Number.isFinite(time)
      ? time
      : typeof startDatetime === 'string'
        ? parseIsoMs(startDatetime)
        : NaN;
  if (!Number.isFinite(timeMs)) {
    throw new RangeError(
      `toMarkerEvent: the marker needs a finite 'time' (ms) or an ISO 8601 'startDatetime', ` +
        `got time ${String(time)}, startDatetime ${String(startDatetime)}`,
    );
  }
  return {
    timeS: timeMs / MS_PER_S,
    label: typeof label === 'string' ? label : String(label ?? ''),
    value: typeof value === 'string' || typeof value === 'number' ? value : String(value ?? ''),
    ...(typeof uuid === 'string' ? { uuid } : {}),
  };
}
