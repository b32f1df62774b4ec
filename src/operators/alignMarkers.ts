import { isObservable, Observable, type OperatorFunction } from 'rxjs';
import type { MarkerEvent } from './markerEvent';
import { isGap, type GapEvent, type Sample, type SampleEvent } from './sample';

/** Default `maxDelayS`: half a second of the sample clock, far more than a marker takes to come back from Cortex. */
const DEFAULT_MAX_DELAY_S = 0.5;
/** The held queue is compacted once this many released slots have piled up at its front. */
const COMPACT_AFTER_SLOTS = 1024;

/** Options of `alignMarkers`. */
export interface AlignMarkersConfig {
  /**
   * How long each sample is held back, in seconds of the sample clock, so that a marker arriving after its sample can
   * still be attached to it: a sample is emitted once a sample `maxDelayS` newer has arrived (or at a gap, or at the
   * end). `>= 0`; 0 emits each sample on arrival. Default 0.5.
   */
  readonly maxDelayS?: number;
}

/** A sample with the markers whose nearest sample it is (most samples have none). */
export interface AlignedSample<S extends Sample = Sample> {
  readonly _tag: 'aligned';
  /** The input sample, unchanged. */
  readonly sample: S;
  /** The markers attached to this sample, in time order (equal times in arrival order); `[]` for most samples. */
  readonly markers: readonly MarkerEvent[];
}

/** A marker that could not be attached, reported instead of being lost. */
export interface UnalignedMarker {
  readonly _tag: 'unalignedMarker';
  readonly marker: MarkerEvent;
  /**
   * `'late'`: its nearest sample had already been emitted when it arrived (it came more than `maxDelayS` after that
   * sample, or after a gap flushed it). `'noSample'`: the input ended without any sample.
   */
  readonly reason: 'late' | 'noSample';
}

/** What `alignMarkers` emits for an input of `T`: aligned samples, the input's gap events, unaligned markers. */
export type AlignedEvent<T extends SampleEvent = SampleEvent> =
  AlignedSample<Extract<Exclude<T, GapEvent>, Sample>> | Extract<T, GapEvent> | UnalignedMarker;

interface Held<S> {
  readonly sample: S;
  markers: MarkerEvent[];
}

const NO_MARKERS: MarkerEvent[] = [];

/**
 * Attaches each marker to the sample nearest its time on the sample clock, whether the marker arrives before or after
 * that sample.
 *
 * Like `withLatestFrom(markers)`, but by sample time instead of arrival time: a marker is attached to the sample
 * whose `timeS` is nearest `marker.timeS` (ties go to the earlier sample), not to whatever sample happens to arrive
 * next.
 *
 * Buffering policy:
 * - A marker that arrives early (after the newest sample so far) waits until a sample at or after its time arrives,
 *   then goes to that sample or the one before it, whichever is nearer.
 * - To let a marker arrive late, every sample is held back until the stream has advanced `maxDelayS` past it
 *   (measured on the sample clock, so no timer runs). A marker whose nearest sample is still held is attached to it.
 * - A marker whose nearest sample was already emitted is emitted as `UnalignedMarker` with reason `'late'`
 *   (never attached elsewhere, never silently dropped). Nearest is over every sample seen, across gaps.
 * - A gap event flushes the held samples, then passes through; waiting markers keep waiting and are placed against
 *   the samples after the gap (or reported late when the sample before the gap was nearer).
 * - At the end of the input, waiting markers go to the last sample (their nearest) if it is still held, else they are
 *   reported `'late'` (`'noSample'` when there was no sample at all); then every held sample is emitted.
 * - Every sample is emitted exactly once, in input order, with its markers in time order.
 *
 * Sample times must increase. NaN policy: sample values are passed through untouched (NaN stays NaN); a sample or a
 * marker whose `timeS` is not finite errors the output with a RangeError, since it cannot be placed.
 *
 * ## Example
 * ```ts
 * import { filter, map } from 'rxjs';
 * import { alignMarkers, toMarkerEvent } from 'cortex-rx/operators';
 *
 * const markers$ = recording.marker({ label: 'stim', value: 1 }).pipe(map(toMarkerEvent));
 * session
 *   .stream('eeg')
 *   .pipe(
 *     alignMarkers(markers$, { maxDelayS: 0.25 }),
 *     filter((e) => e._tag === 'aligned' && e.markers.length > 0),
 *   )
 *   .subscribe((e) => console.log(e));
 * ```
 *
 * @param markers the markers, in any order of time; its completion changes nothing, its error errors the output.
 * @param config `[config.maxDelayS=0.5]` seconds of the sample clock that samples are held back.
 * @returns an operator emitting each sample as `AlignedSample`, the input's gap events, and `UnalignedMarker`s.
 * @throws TypeError when `markers` is not an Observable; RangeError when `maxDelayS` is negative or not finite.
 * @see epochsAround, toMarkerEvent
 */
export function alignMarkers<T extends SampleEvent>(
  markers: Observable<MarkerEvent>,
  config: AlignMarkersConfig = {},
): OperatorFunction<T, AlignedEvent<T>> {
  if (!isObservable(markers)) {
    throw new TypeError(`alignMarkers: markers must be an Observable, got ${String(markers)}`);
  }
  const { maxDelayS = DEFAULT_MAX_DELAY_S } = config;
  if (!(Number.isFinite(maxDelayS) && maxDelayS >= 0)) {
    throw new RangeError(`alignMarkers: maxDelayS must be a finite number >= 0, got ${maxDelayS}`);
  }
  type S = Extract<Exclude<T, GapEvent>, Sample>;
  type Out = AlignedEvent<T>;

  return (source) =>
    new Observable<Out>((subscriber) => {
      // Samples not yet emitted, oldest first, from index `head`.
      const held: Array<Held<S>> = [];
      let head = 0;
      // Markers after the newest sample so far, sorted by time (stable: equal times keep their arrival order).
      const waiting: MarkerEvent[] = [];
      let lastSeenTimeS: number | undefined;
      let lastEmittedTimeS: number | undefined;

      const attach = (item: Held<S>, marker: MarkerEvent) => {
        // A new array each time: an emitted list is never mutated. Kept in time order, equal times in arrival order.
        const list = item.markers === NO_MARKERS ? [] : item.markers.slice();
        let i = list.length;
        while (i > 0 && list[i - 1].timeS > marker.timeS) i--;
        list.splice(i, 0, marker);
        item.markers = list;
      };
      const unaligned = (marker: MarkerEvent, reason: UnalignedMarker['reason']) =>
        subscriber.next({ _tag: 'unalignedMarker', marker, reason });
      const emitHead = () => {
        const item = held[head++];
        lastEmittedTimeS = item.sample.timeS;
        subscriber.next({ _tag: 'aligned', sample: item.sample, markers: item.markers } as Out);
      };
      const compact = () => {
        if (head >= COMPACT_AFTER_SLOTS && head * 2 >= held.length) {
          held.splice(0, head);
          head = 0;
        }
      };
      const flush = () => {
        while (head < held.length) emitHead();
        held.length = 0;
        head = 0;
      };
      const checkTime = (what: string, timeS: number): boolean => {
        if (Number.isFinite(timeS)) return true;
        subscriber.error(new RangeError(`alignMarkers: ${what} timeS must be finite, got ${timeS}`));
        return false;
      };

      /** Places a marker whose time is at or before the newest sample. */
      const placeNow = (marker: MarkerEvent) => {
        const t = marker.timeS;
        if (head < held.length && t >= held[head].sample.timeS) {
          // Binary search for the last held sample at or before t; its successor exists since t <= newest.
          let lo = head;
          let hi = held.length - 1;
          while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (held[mid].sample.timeS <= t) lo = mid;
            else hi = mid - 1;
          }
          const before = held[lo];
          const after = lo + 1 < held.length ? held[lo + 1] : before;
          attach(t - before.sample.timeS <= after.sample.timeS - t ? before : after, marker);
          return;
        }
        // Before every held sample: the oldest held one, unless an emitted sample is at least as near.
        if (
          head < held.length &&
          (lastEmittedTimeS === undefined || held[head].sample.timeS - t < t - lastEmittedTimeS)
        ) {
          attach(held[head], marker);
        } else {
          unaligned(marker, 'late');
        }
      };

      const onMarker = (marker: MarkerEvent) => {
        if (!checkTime('marker', marker.timeS)) return;
        if (lastSeenTimeS === undefined || marker.timeS > lastSeenTimeS) {
          let i = waiting.length;
          while (i > 0 && waiting[i - 1].timeS > marker.timeS) i--;
          waiting.splice(i, 0, marker);
        } else {
          placeNow(marker);
        }
      };

      const onSample = (sample: S) => {
        const t = sample.timeS;
        if (!checkTime('sample', t)) return;
        const item: Held<S> = { sample, markers: NO_MARKERS };
        // Waiting markers now bracketed by the previous sample and this one.
        let resolved = 0;
        while (resolved < waiting.length && waiting[resolved].timeS <= t) resolved++;
        if (resolved > 0) {
          const previous = head < held.length ? held[held.length - 1] : undefined;
          const previousTimeS = previous ? previous.sample.timeS : lastEmittedTimeS;
          for (const marker of waiting.splice(0, resolved)) {
            if (previousTimeS === undefined || marker.timeS - previousTimeS > t - marker.timeS) attach(item, marker);
            else if (previous) attach(previous, marker);
            else unaligned(marker, 'late');
          }
        }
        held.push(item);
        lastSeenTimeS = t;
        const releaseUpToS = t - maxDelayS;
        while (head < held.length && held[head].sample.timeS <= releaseUpToS) emitHead();
        compact();
      };

      const markerSub = markers.subscribe({ next: onMarker, error: (err: unknown) => subscriber.error(err) });
      const sourceSub = subscriber.closed
        ? undefined
        : source.subscribe({
            next: (event) => {
              if (isGap(event)) {
                flush();
                subscriber.next(event as Out);
              } else {
                onSample(event as S);
              }
            },
            error: (err: unknown) => subscriber.error(err),
            complete: () => {
              const last = head < held.length ? held[held.length - 1] : undefined;
              for (const marker of waiting.splice(0)) {
                if (last) attach(last, marker);
                else unaligned(marker, lastSeenTimeS === undefined ? 'noSample' : 'late');
              }
              flush();
              subscriber.complete();
            },
          });
      return () => {
        markerSub.unsubscribe();
        sourceSub?.unsubscribe();
        held.length = 0;
        waiting.length = 0;
        head = 0;
      };
    });
}
