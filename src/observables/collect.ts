import type { Observable } from 'rxjs';
import { toMarkerEvent } from '../operators/toMarkerEvent';
import type { MarkerEvent } from '../operators/markerEvent';

/** A captured stretch of multi-channel EEG, as typed arrays (for notebooks, plots and offline analysis). */
export interface EegCapture {
  readonly channels: readonly string[];
  /** Sample rate in Hz: given, or the median sample step of the capture. */
  readonly sampleRateHz: number;
  /** Sample times, seconds since the epoch. */
  readonly timesS: Float64Array;
  /** Channel-major samples in µV: `data[c * lengthSamples + i]`; NaN where invalid. */
  readonly data: Float64Array;
  readonly lengthSamples: number;
  /** Markers seen in the stream (the eeg MARKERS column), on the sample clock. */
  readonly markers: readonly MarkerEvent[];
}

/** Options of {@link collect}. */
export interface CollectConfig {
  /** How much to capture, in seconds of sample time. */
  readonly seconds: number;
  /** The sample rate, if known; otherwise estimated from the sample times. */
  readonly sampleRateHz?: number;
}

/** What `collect` reads from each frame: an `EegFrame` or any sample with the same fields. */
export interface CollectedFrame {
  /** The sample time in seconds. */
  readonly timeS: number;
  /** One value per channel, in µV for eeg. */
  readonly values: ArrayLike<number>;
  /** The channel labels, when the frame carries them. */
  readonly channels?: readonly string[];
  /** Markers injected at this sample. */
  readonly markers?: ReadonlyArray<Record<string, unknown>>;
}

/**
 * Captures `seconds` of a sample stream into typed arrays and resolves: the notebook way to get data out of a live
 * stream. Gap events are skipped (the sample times show the gap); markers in the frames are kept.
 *
 * Like `lastValueFrom(stream.pipe(takeWhile(...), toArray()))`, but into one channel-major Float64Array.
 *
 * ## Example
 * ```ts
 * import { collect, connectCortex } from 'cortex-rx';
 * import { switchMap } from 'rxjs';
 * const capture = await collect(client.session().pipe(switchMap((s) => s.stream('eeg'))), { seconds: 10 });
 * capture.data.subarray(0, capture.lengthSamples); // the first channel
 * ```
 * @param stream samples (`{ timeS, values, channels?, markers? }`), e.g. `session.stream('eeg')`; gap events are skipped
 * @param config `seconds` to capture, and `sampleRateHz` if known
 * @returns the capture; rejects if the stream errors or completes before any sample
 */
export function collect(
  stream: Observable<CollectedFrame | { readonly _tag: 'gap' }>,
  config: CollectConfig,
): Promise<EegCapture> {
  if (!(config.seconds > 0)) throw new RangeError(`seconds must be a positive number, got ${config.seconds}`);
  return new Promise<EegCapture>((resolve, reject) => {
    const rows: Float64Array[] = [];
    const times: number[] = [];
    const markers: MarkerEvent[] = [];
    let channels: readonly string[] = [];
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      sub?.unsubscribe();
      if (rows.length === 0) {
        reject(new Error('collect: the stream ended before any sample'));
        return;
      }
      const n = rows.length;
      const channelCount = rows[0].length;
      const data = new Float64Array(channelCount * n);
      for (let i = 0; i < n; i++) for (let c = 0; c < channelCount; c++) data[c * n + i] = rows[i][c];
      const timesS = Float64Array.from(times);
      resolve({
        channels:
          channels.length === channelCount ? channels : Array.from({ length: channelCount }, (_, c) => `ch${c + 1}`),
        sampleRateHz: config.sampleRateHz ?? estimateRateHz(timesS),
        timesS,
        data,
        lengthSamples: n,
        markers,
      });
    };
    // finish() may run inside subscribe(), before the assignment: const would throw there (TDZ).
    // eslint-disable-next-line prefer-const -- see above
    let sub: { unsubscribe(): void } | undefined;
    sub = stream.subscribe({
      next: (frame) => {
        if (done || ('_tag' in frame && frame._tag === 'gap')) return;
        const f = frame as CollectedFrame;
        if (times.length > 0 && f.timeS - times[0] >= config.seconds) {
          finish();
          return;
        }
        if (times.length === 0 && f.channels) channels = f.channels;
        times.push(f.timeS);
        rows.push(Float64Array.from(f.values));
        for (const m of f.markers ?? []) markers.push(toMarkerEvent(m));
        if (config.sampleRateHz !== undefined && times.length >= Math.round(config.seconds * config.sampleRateHz))
          finish();
      },
      error: (err: unknown) => {
        done = true;
        reject(err);
      },
      complete: finish,
    });
    if (done) sub.unsubscribe();
  });
}

function estimateRateHz(timesS: Float64Array): number {
  if (timesS.length < 2) return NaN;
  const steps = Array.from(timesS.subarray(1), (t, i) => t - timesS[i]).sort((a, b) => a - b);
  return Math.round(1 / steps[Math.floor(steps.length / 2)]);
}
