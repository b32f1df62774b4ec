import { isObservable, Observable, type OperatorFunction } from 'rxjs';
import { RingBuffer } from '../dsp/RingBuffer';
import { subtractBaseline } from '../dsp/subtractBaseline';
import type { MarkerEvent } from './markerEvent';
import { isGap, type SampleEvent } from './sample';

/** Options of `epochsAround`. */
export interface EpochsAroundConfig {
  /** Signal kept before the marker, in seconds (>= 0), rounded to `beforeSamples = round(beforeS · sampleRateHz)`. */
  readonly beforeS: number;
  /** Signal kept after the marker, in seconds (>= 0), rounded to `afterSamples = round(afterS · sampleRateHz)`. */
  readonly afterS: number;
  /**
   * Baseline length in seconds, in `(0, beforeS]`: each channel's mean over `[marker − baselineS, marker)` (the
   * `round(baselineS · sampleRateHz)` samples before the marker sample) is subtracted from that channel.
   * Default: no baseline correction.
   */
  readonly baselineS?: number;
  /** Sampling rate of the input, in Hz (256 or 128 for EPOC headsets). */
  readonly sampleRateHz: number;
}

/** An event-locked epoch: the multi-channel signal around one marker. */
export interface MarkerEpoch {
  readonly _tag: 'markerEpoch';
  /** The marker the epoch is locked to. */
  readonly marker: MarkerEvent;
  /** Channel-major samples in µV: `data[channel * lengthSamples + i]`; baseline-corrected when `baselineS` is set. */
  readonly data: Float64Array;
  /** Channels per sample. */
  readonly channelCount: number;
  /** Samples per channel: `beforeSamples + 1 + afterSamples`. */
  readonly lengthSamples: number;
  /** Index of the sample nearest the marker: `beforeSamples`. */
  readonly markerIndex: number;
  /** Time of sample 0, seconds since the epoch (sample clock); sample `i` is at `startTimeS + i / sampleRateHz`. */
  readonly startTimeS: number;
  /** Index of sample 0 among the samples this subscription received (0-based; gap events do not count), as `epoch`'s. */
  readonly startSampleIndex: number;
  /** Sampling rate, Hz (from the config). */
  readonly sampleRateHz: number;
  /** Channel names, when the samples carry them. */
  readonly channels?: readonly string[];
}

/** A marker that got no epoch, reported instead of being lost. */
export interface DroppedEpoch {
  readonly _tag: 'droppedEpoch';
  readonly marker: MarkerEvent;
  /**
   * - `'beforeStart'`: the window (or the marker) starts before the first sample of the stream or of the samples after
   *   the last gap: there is not enough history.
   * - `'late'`: the marker arrived after the start of its window had left the buffer (more than `afterS` plus one
   *   sample after its sample).
   * - `'gap'`: a gap event arrived before the window was complete, the sample times inside the window jump (lost
   *   samples), or no sample lies within one period of the marker.
   * - `'end'`: the input completed before the window was complete.
   */
  readonly reason: 'beforeStart' | 'late' | 'gap' | 'end';
}

/** A marker whose nearest sample is known, waiting for the samples after it. */
interface Waiting {
  readonly marker: MarkerEvent;
  /** Index of its nearest sample, counted from the first sample after the last reset. */
  readonly sampleIndex: number;
}

/**
 * Cuts an event-locked epoch (an ERP trial) around each marker: the samples from `marker − beforeS` to
 * `marker + afterS`, both ends included, emitted as soon as the samples after the marker have arrived.
 *
 * Like `bufferCount`, but the windows are placed by markers on the sample clock instead of by counting: the sample
 * nearest the marker (ties go to the earlier sample) is at index `markerIndex = round(beforeS · sampleRateHz)`.
 *
 * Policies:
 * - Buffer: one ring of `lengthSamples + 1` frames per subscription, allocated at the first sample (when the channel
 *   count is known) and reused; each epoch is a new `Float64Array` the consumer may keep.
 * - Markers may arrive before their sample (they wait) or after it, as long as the start of their window is still in
 *   the ring, i.e. up to `afterS` (plus one sample) late; later ones are dropped with reason `'late'`.
 * - Not enough history before the marker (stream start, or just after a gap): dropped, reason `'beforeStart'`.
 *   Epochs are never padded.
 * - Gaps: a gap event resets the ring; the epochs it interrupts are dropped with reason `'gap'`; markers not yet
 *   placed are placed on the samples after the gap. A window whose sample times span more than `(lengthSamples − 1)`
 *   periods (samples lost without a gap event) is dropped too, reason `'gap'`. Put `detectGaps` first to turn COUNTER
 *   jumps into gap events.
 * - End of input: epochs still incomplete and markers not yet placed are dropped, reason `'end'`.
 * - Gap events are consumed, not passed through; the output has only epochs and dropped-epoch reports, in the order
 *   their windows complete.
 *
 * NaN policy: NaN values (invalid samples) stay NaN in the epoch. The baseline mean ignores NaN values; a channel with
 * no finite value in its baseline is NaN throughout its epoch (it cannot be corrected). A marker or sample whose
 * `timeS` is not finite, or a sample whose channel count changes without a gap, errors the output with a RangeError.
 *
 * ## Example
 * ```ts
 * import { Subject, map } from 'rxjs';
 * import { epochsAround, toMarkerEvent, type MarkerEvent } from 'cortex-rx/operators';
 *
 * const markers$ = new Subject<MarkerEvent>();
 * session
 *   .stream('eeg')
 *   .pipe(epochsAround(markers$, { beforeS: 0.1, afterS: 0.5, baselineS: 0.1, sampleRateHz: 256 }))
 *   .subscribe((e) => {
 *     if (e._tag === 'droppedEpoch') return console.warn(`no epoch for ${e.marker.label}: ${e.reason}`);
 *     const o1 = e.channels!.indexOf('O1');
 *     console.log(e.marker.label, e.data.subarray(o1 * e.lengthSamples, (o1 + 1) * e.lengthSamples));
 *   });
 * recording.marker({ label: 'stim', value: 1 }).pipe(map(toMarkerEvent)).subscribe((m) => markers$.next(m));
 * ```
 *
 * @param markers the markers, in any order; its completion changes nothing, its error errors the output.
 * @param config `beforeS`, `afterS`, `sampleRateHz`, `[config.baselineS]` (no baseline correction by default).
 * @returns an operator emitting a `MarkerEpoch` or a `DroppedEpoch` per marker.
 * @throws TypeError when `markers` is not an Observable; RangeError on a negative or non-finite `beforeS`/`afterS`, a
 *   non-positive `sampleRateHz`, or a `baselineS` outside `(0, beforeS]` or shorter than one sample.
 * @see alignMarkers, detectGaps, toMarkerEvent
 */
export function epochsAround(
  markers: Observable<MarkerEvent>,
  config: EpochsAroundConfig,
): OperatorFunction<SampleEvent, MarkerEpoch | DroppedEpoch> {
  if (!isObservable(markers)) {
    throw new TypeError(`epochsAround: markers must be an Observable, got ${String(markers)}`);
  }
  const { beforeS, afterS, baselineS, sampleRateHz } = config;
  if (!(Number.isFinite(sampleRateHz) && sampleRateHz > 0)) {
    throw new RangeError(`epochsAround: sampleRateHz must be a positive finite number, got ${sampleRateHz}`);
  }
  if (!(Number.isFinite(beforeS) && beforeS >= 0)) {
    throw new RangeError(`epochsAround: beforeS must be a finite number >= 0, got ${beforeS}`);
  }
  if (!(Number.isFinite(afterS) && afterS >= 0)) {
    throw new RangeError(`epochsAround: afterS must be a finite number >= 0, got ${afterS}`);
  }
  const beforeSamples = Math.round(beforeS * sampleRateHz);
  const afterSamples = Math.round(afterS * sampleRateHz);
  let baselineSamples = 0;
  if (baselineS !== undefined) {
    if (!(Number.isFinite(baselineS) && baselineS > 0 && baselineS <= beforeS)) {
      throw new RangeError(`epochsAround: baselineS must be in (0, beforeS] = (0, ${beforeS}], got ${baselineS}`);
    }
    baselineSamples = Math.min(beforeSamples, Math.round(baselineS * sampleRateHz));
    if (baselineSamples < 1) {
      throw new RangeError(
        `epochsAround: baselineS must cover at least one sample (1 / sampleRateHz = ${1 / sampleRateHz} s), ` +
          `got ${baselineS}`,
      );
    }
  }
  const lengthSamples = beforeSamples + 1 + afterSamples;

  const windowSamples: WindowSamples = { beforeSamples, afterSamples, baselineSamples, lengthSamples, sampleRateHz };

  return (source) =>
    new Observable<MarkerEpoch | DroppedEpoch>((subscriber) => {
      const cutter = new MarkerEpochCutter(windowSamples, subscriber);
      const markerSub = markers.subscribe({
        next: (marker) => cutter.onMarker(marker),
        error: (err: unknown) => subscriber.error(err),
      });
      const sourceSub = subscriber.closed
        ? undefined
        : source.subscribe({
            next: (event) =>
              isGap(event) ? cutter.reset() : cutter.onSample(event.values, event.timeS, event.channels),
            error: (err: unknown) => subscriber.error(err),
            complete: () => {
              cutter.end();
              subscriber.complete();
            },
          });
      return () => {
        markerSub.unsubscribe();
        sourceSub?.unsubscribe();
        cutter.release();
      };
    });
}

/** The window of `epochsAround` in samples, from its config. */
interface WindowSamples {
  readonly beforeSamples: number;
  readonly afterSamples: number;
  /** 0: no baseline correction. */
  readonly baselineSamples: number;
  /** `beforeSamples + 1 + afterSamples`. */
  readonly lengthSamples: number;
  readonly sampleRateHz: number;
}

/** Where a `MarkerEpochCutter` sends its epochs and reports (the subscriber). */
interface EpochSink {
  readonly closed: boolean;
  next(value: MarkerEpoch | DroppedEpoch): void;
  error(err: unknown): void;
}

/**
 * The per-subscription state of `epochsAround`: a `RingBuffer` of the last `lengthSamples + 1` samples (allocated
 * at the first sample, when the channel count is known) and their times, the markers waiting for their sample
 * (`unplaced`) and those waiting for the samples after it (`placed`). Samples are counted from the last reset (the
 * ring's `totalPushed`).
 */
class MarkerEpochCutter {
  private ring: RingBuffer | undefined;
  /** One frame more than a window: a marker that waited for the sample after it may belong to the one before it. */
  private readonly capacity: number;
  /** `times[i % capacity]`: time of sample i (counted from the last reset), for the samples in the ring. */
  private readonly times: Float64Array;
  private readonly periodS: number;
  /** Samples received by this subscription before the current run (the samples since the start or the last gap). */
  private receivedBeforeRun = 0;
  private channels: readonly string[] | undefined;
  /** Markers after the newest sample, sorted by time. */
  private readonly unplaced: MarkerEvent[] = [];
  /** Markers placed on a sample, sorted by that sample. */
  private readonly placed: Waiting[] = [];

  constructor(
    private readonly w: WindowSamples,
    private readonly sink: EpochSink,
  ) {
    this.capacity = w.lengthSamples + 1;
    this.times = new Float64Array(this.capacity);
    this.periodS = 1 / w.sampleRateHz;
  }

  onMarker(marker: MarkerEvent): void {
    const { count, capacity, unplaced } = this;
    const t = marker.timeS;
    if (!Number.isFinite(t)) return this.fail(`marker timeS must be finite, got ${t}`);
    if (count === 0 || t > this.timeOf(count - 1)) {
      let i = unplaced.length;
      while (i > 0 && unplaced[i - 1].timeS > t) i--;
      unplaced.splice(i, 0, marker);
      return;
    }
    // A late marker: search the ring, newest first, for the last sample at or before t.
    const oldest = Math.max(0, count - capacity);
    let j = count - 1;
    while (j >= oldest && this.timeOf(j) > t) j--;
    if (j < oldest) {
      if (oldest > 0) return this.drop(marker, 'late');
      this.place(marker, 0);
    } else {
      const next = Math.min(j + 1, count - 1);
      this.place(marker, t - this.timeOf(j) <= this.timeOf(next) - t ? j : next);
    }
    this.emitComplete();
  }

  onSample(values: ArrayLike<number>, t: number, sampleChannels: readonly string[] | undefined): void {
    if (!Number.isFinite(t)) return this.fail(`sample timeS must be finite, got ${t}`);
    let ring = this.ring;
    if (ring === undefined || (this.count === 0 && ring.channelCount !== values.length)) {
      if (values.length < 1) return this.fail('a sample must have at least one value');
      ring = this.ring = new RingBuffer(this.capacity, values.length);
    } else if (values.length !== ring.channelCount) {
      return this.fail(
        `sample has ${values.length} values, expected ${ring.channelCount} (channel count changed without a gap)`,
      );
    }
    this.times[ring.totalPushed % this.capacity] = t;
    ring.push(values);
    this.channels = sampleChannels;
    const { unplaced } = this;
    let resolved = 0;
    while (resolved < unplaced.length && unplaced[resolved].timeS <= t) resolved++;
    // Most samples resolve no marker, and `splice` would still allocate an empty array for each of them.
    if (resolved > 0) {
      const k = this.count - 1;
      for (const marker of unplaced.splice(0, resolved)) {
        this.place(marker, k > 0 && marker.timeS - this.timeOf(k - 1) <= t - marker.timeS ? k - 1 : k);
      }
    }
    this.emitComplete();
  }

  /** A gap: drops the epochs it interrupts and starts a new run. */
  reset(): void {
    for (const w of this.placed.splice(0)) this.drop(w.marker, 'gap');
    this.receivedBeforeRun += this.count;
    this.ring?.clear();
  }

  /** The input completed: every epoch still incomplete and every marker not yet placed is dropped. */
  end(): void {
    for (const w of this.placed.splice(0)) this.drop(w.marker, 'end');
    for (const marker of this.unplaced.splice(0)) this.drop(marker, 'end');
  }

  /** Teardown: releases the ring and the queues. */
  release(): void {
    this.ring = undefined;
    this.placed.length = 0;
    this.unplaced.length = 0;
  }

  /** Samples since the start or the last reset: the ring's `totalPushed` (0 before the first sample). */
  private get count(): number {
    return this.ring?.totalPushed ?? 0;
  }

  private drop(marker: MarkerEvent, reason: DroppedEpoch['reason']): void {
    this.sink.next({ _tag: 'droppedEpoch', marker, reason });
  }

  private fail(message: string): void {
    this.sink.error(new RangeError(`epochsAround: ${message}`));
  }

  private timeOf(i: number): number {
    return this.times[i % this.capacity];
  }

  /** Queues a marker on its nearest sample, or drops it when its window cannot be had. */
  private place(marker: MarkerEvent, sampleIndex: number): void {
    const { beforeSamples } = this.w;
    // Nearest is within half a period when samples are regular; further means the marker fell in a hole.
    if (Math.abs(this.timeOf(sampleIndex) - marker.timeS) > this.periodS) {
      return this.drop(marker, sampleIndex === 0 ? 'beforeStart' : 'gap');
    }
    if (sampleIndex < beforeSamples) return this.drop(marker, 'beforeStart');
    if (sampleIndex - beforeSamples < this.count - this.capacity) return this.drop(marker, 'late');
    const { placed } = this;
    let i = placed.length;
    while (i > 0 && placed[i - 1].sampleIndex > sampleIndex) i--;
    placed.splice(i, 0, { marker, sampleIndex });
  }

  /** Emits the epochs whose last sample has arrived (they are at the front: `placed` is sorted). */
  private emitComplete(): void {
    const { placed } = this;
    // `closed`: a consumer that unsubscribes from inside `next` has released the ring.
    while (!this.sink.closed && placed.length > 0 && placed[0].sampleIndex + this.w.afterSamples <= this.count - 1) {
      this.emitEpoch(placed.shift()!);
    }
  }

  private emitEpoch(waiting: Waiting): void {
    const { beforeSamples, afterSamples, baselineSamples, lengthSamples, sampleRateHz } = this.w;
    const r = this.ring!;
    const startIndex = waiting.sampleIndex - beforeSamples;
    const startTimeS = this.timeOf(startIndex);
    const spanS = this.timeOf(waiting.sampleIndex + afterSamples) - startTimeS;
    if (Math.abs(spanS - (lengthSamples - 1) * this.periodS) > this.periodS / 2) {
      this.drop(waiting.marker, 'gap');
      return;
    }
    const channelCount = r.channelCount;
    // Frames are counted from the last reset, as the ring counts them (`count` is its `totalPushed`).
    const data = r.copyFrames(startIndex, lengthSamples);
    if (baselineSamples > 0) {
      for (let c = 0; c < channelCount; c++) {
        const row = data.subarray(c * lengthSamples, (c + 1) * lengthSamples);
        subtractBaseline(row, beforeSamples - baselineSamples, beforeSamples, row);
      }
    }
    const { channels } = this;
    this.sink.next({
      _tag: 'markerEpoch',
      marker: waiting.marker,
      data,
      channelCount,
      lengthSamples,
      markerIndex: beforeSamples,
      startTimeS,
      startSampleIndex: this.receivedBeforeRun + startIndex,
      sampleRateHz,
      ...(channels !== undefined ? { channels } : {}),
    });
  }
}
