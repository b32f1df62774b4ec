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
  | AlignedSample<Extract<Exclude<T, GapEvent>, Sample>>
  | Extract<T, GapEvent>
  | UnalignedMarker;

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
  return (source) =>
    new Observable<AlignedEvent<T>>((subscriber) => {
      const aligner = new MarkerAligner<T>(maxDelayS, subscriber);
      const markerSub = markers.subscribe({
        next: (marker) => aligner.onMarker(marker),
        error: (err: unknown) => subscriber.error(err),
      });
      const sourceSub = subscriber.closed
        ? undefined
        : source.subscribe({
            next: (event) => {
              if (isGap(event)) {
                aligner.flush();
                subscriber.next(event as AlignedEvent<T>);
              } else {
                aligner.onSample(event as SampleOf<T>);
              }
            },
            error: (err: unknown) => subscriber.error(err),
            complete: () => {
              aligner.end();
              subscriber.complete();
            },
          });
      return () => {
        markerSub.unsubscribe();
        sourceSub?.unsubscribe();
        aligner.release();
      };
    });
}

/** The samples of a `SampleEvent` union. */
type SampleOf<T extends SampleEvent> = Extract<Exclude<T, GapEvent>, Sample>;

/** Where a `MarkerAligner` sends its events (the subscriber). */
interface AlignedSink<T extends SampleEvent> {
  next(value: AlignedEvent<T>): void;
  error(err: unknown): void;
}

/**
 * The per-subscription state of `alignMarkers`: the samples held back (`held` from `head`, oldest first) and the
 * markers after the newest sample (`waiting`, sorted by time, equal times in arrival order).
 */
class MarkerAligner<T extends SampleEvent> {
  private readonly held: Array<Held<SampleOf<T>>> = [];
  private head = 0;
  private readonly waiting: MarkerEvent[] = [];
  private lastSeenTimeS: number | undefined;
  private lastEmittedTimeS: number | undefined;

  constructor(
    private readonly maxDelayS: number,
    private readonly sink: AlignedSink<T>,
  ) {}

  onMarker(marker: MarkerEvent): void {
    if (!this.checkTime('marker', marker.timeS)) return;
    const { waiting, lastSeenTimeS } = this;
    if (lastSeenTimeS === undefined || marker.timeS > lastSeenTimeS) {
      let i = waiting.length;
      while (i > 0 && waiting[i - 1].timeS > marker.timeS) i--;
      waiting.splice(i, 0, marker);
    } else {
      this.placeNow(marker);
    }
  }

  onSample(sample: SampleOf<T>): void {
    const t = sample.timeS;
    if (!this.checkTime('sample', t)) return;
    const { held, waiting } = this;
    const item: Held<SampleOf<T>> = { sample, markers: NO_MARKERS };
    // Waiting markers now bracketed by the previous sample and this one.
    let resolved = 0;
    while (resolved < waiting.length && waiting[resolved].timeS <= t) resolved++;
    if (resolved > 0) {
      const previous = this.head < held.length ? held[held.length - 1] : undefined;
      const previousTimeS = previous ? previous.sample.timeS : this.lastEmittedTimeS;
      for (const marker of waiting.splice(0, resolved)) {
        if (previousTimeS === undefined || marker.timeS - previousTimeS > t - marker.timeS) attach(item, marker);
        else if (previous) attach(previous, marker);
        else this.unaligned(marker, 'late');
      }
    }
    held.push(item);
    this.lastSeenTimeS = t;
    const releaseUpToS = t - this.maxDelayS;
    while (this.head < held.length && held[this.head].sample.timeS <= releaseUpToS) this.emitHead();
    this.compact();
  }

  /** Emits every held sample (a gap, or the end). */
  flush(): void {
    while (this.head < this.held.length) this.emitHead();
    this.held.length = 0;
    this.head = 0;
  }

  /** The input completed: waiting markers go to the newest held sample, or are reported; then everything is emitted. */
  end(): void {
    const { held } = this;
    const last = this.head < held.length ? held[held.length - 1] : undefined;
    for (const marker of this.waiting.splice(0)) {
      if (last) attach(last, marker);
      else this.unaligned(marker, this.lastSeenTimeS === undefined ? 'noSample' : 'late');
    }
    this.flush();
  }

  /** Teardown: releases the held samples and markers. */
  release(): void {
    this.held.length = 0;
    this.waiting.length = 0;
    this.head = 0;
  }

  private unaligned(marker: MarkerEvent, reason: UnalignedMarker['reason']): void {
    this.sink.next({ _tag: 'unalignedMarker', marker, reason });
  }

  private emitHead(): void {
    const item = this.held[this.head++];
    this.lastEmittedTimeS = item.sample.timeS;
    this.sink.next({ _tag: 'aligned', sample: item.sample, markers: item.markers } as AlignedEvent<T>);
  }

  private compact(): void {
    if (this.head >= COMPACT_AFTER_SLOTS && this.head * 2 >= this.held.length) {
      this.held.splice(0, this.head);
      this.head = 0;
    }
  }

  private checkTime(what: string, timeS: number): boolean {
    if (Number.isFinite(timeS)) return true;
    this.sink.error(new RangeError(`alignMarkers: ${what} timeS must be finite, got ${timeS}`));
    return false;
  }

  /** Places a marker whose time is at or before the newest sample. */
  private placeNow(marker: MarkerEvent): void {
    const { held, head, lastEmittedTimeS } = this;
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
    if (head < held.length && (lastEmittedTimeS === undefined || held[head].sample.timeS - t < t - lastEmittedTimeS)) {
      attach(held[head], marker);
    } else {
      this.unaligned(marker, 'late');
    }
  }
}

/** Adds `marker` to `item`'s markers, in time order (equal times in arrival order), as a new array each time. */
function attach<S>(item: Held<S>, marker: MarkerEvent): void {
  // A new array each time: an emitted list is never mutated.
  const list = item.markers === NO_MARKERS ? [] : item.markers.slice();
  let i = list.length;
  while (i > 0 && list[i - 1].timeS > marker.timeS) i--;
  list.splice(i, 0, marker);
  item.markers = list;
}
