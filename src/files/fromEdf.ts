import type { Observable } from 'rxjs';
import type { EegFrame } from '../observables';
import { annotationParts } from './edf/annotationParts';
import { EdfSource, type EdfAnnotation } from './edf/edfSource';
import { emitChunks, type FrameChunks } from './emitChunks';
import type { FileStreamConfig } from './fileStreamConfig';
import { MarkerQueue } from './markerQueue';

const DEFAULT_CHUNK_SAMPLES = 256;

/** The MARKERS-column object of an annotation: `time` in ms from the file's start, as the column carries it. */
function annotationMarker(a: EdfAnnotation): Record<string, unknown> {
  return {
    ...annotationParts(a.text),
    type: a.durationS === undefined ? 'instance' : 'interval',
    port: 'EDF',
    time: a.onsetS * 1000,
    ...(a.durationS === undefined ? {} : { durationS: a.durationS }),
  };
}

/** The frames of an open EDF source, a chunk of whole data records at a time. */
function edfChunks(source: EdfSource, chunkSamples: number): FrameChunks {
  const n = source.channels.length;
  const spr = source.samplesPerRecord;
  const rate = source.sampleRateHz;
  const counterModulo = Math.max(1, Math.round(rate));
  const recordsPerChunk = Math.max(1, Math.ceil(chunkSamples / spr));
  const markers = new MarkerQueue(1 / rate);
  const total = source.header.recordCount;
  let record = 0;
  let firstOnsetS: number | undefined;
  return {
    next: () => {
      if (record >= total) return undefined;
      const count = Math.min(recordsPerChunk, total - record);
      // One block per chunk; each frame's values is a view of it, as the client's frames are.
      const block = new Float64Array(count * spr * n);
      const chunk = source.read(record, count, block, { offset: 0, sampleStride: n, channelStride: 1 });
      for (const a of chunk.annotations) markers.add(a.onsetS, annotationMarker(a));
      const t0S = (firstOnsetS ??= chunk.recordOnsetsS[0] ?? 0);
      const frames: EegFrame[] = [];
      for (let r = 0; r < count; r++) {
        for (let j = 0; j < spr; j++) {
          const i = r * spr + j;
          const timeS = chunk.recordOnsetsS[r] + j / rate;
          const taken = markers.take(timeS, record + r === total - 1 && j === spr - 1);
          frames.push({
            _tag: 'eeg',
            timeS,
            // From the time, as a headset's would be: across an EDF+D discontinuity it jumps with the time, so
            // detectGaps reports the samples the file does not hold (in a continuous file it is the sample index).
            counter: Math.round((timeS - t0S) * rate) % counterModulo,
            interpolated: false,
            channels: source.channels,
            values: block.subarray(i * n, i * n + n),
            rawCq: 0,
            hardwareMarker: taken.length > 0 ? 1 : 0,
            markers: taken,
          });
        }
      }
      record += count;
      return frames;
    },
    close: () => source.close(),
  };
}

/**
 * Streams an EDF, EDF+, BDF or BDF+ file as the eeg frames `session.stream('eeg')` emits, so every operator runs
 * unchanged on a recording: `values` in µV (the file's uV, mV or V scaled), `timeS` in seconds from the file's start
 * (the header's start date/time; EDF+ record onsets honoured), `counter` the sample's index modulo the rate,
 * counted by its time from the first sample (across an EDF+D discontinuity it jumps, as a headset's does after lost
 * packets, so `detectGaps` reports the break),
 * annotations in `markers` (`{ label, value, type, port: 'EDF', time }`, `time` in ms from the file's start, on the
 * sample nearest their onset, `hardwareMarker` 1 there) so `toMarkerEvent` reads them.
 *
 * Like MNE's `read_raw_edf(preload=False)`: the file is read a chunk of data records at a time, never whole, and
 * closed on complete, error or unsubscribe. Channels whose dimension is not a voltage (motion, annotations) are left
 * out; when the voltage channels run at several rates, `sampleRateHz` picks one (else a FileFormatError says so).
 *
 * ## Example
 * ```ts
 * import { fromEdf } from 'cortex-rx/files';
 * import { bandPower, epoch } from 'cortex-rx/operators';
 * fromEdf('run.edf')
 *   .pipe(epoch({ lengthSamples: 256, hopSamples: 128 }), bandPower({ sampleRateHz: 128, segmentLength: 128 }))
 *   .subscribe((powers) => console.log(powers));
 * ```
 * @param path the file
 * @param config `pace` (`'fast'` default, or `'realtime'`), `chunkSamples` (default 256), `sampleRateHz`
 * @returns a cold observable: each subscription opens and reads the file; errors with FileFormatError for a bad file
 */
export function fromEdf(path: string, config: FileStreamConfig = {}): Observable<EegFrame> {
  const chunkSamples = config.chunkSamples ?? DEFAULT_CHUNK_SAMPLES;
  if (!(Number.isSafeInteger(chunkSamples) && chunkSamples > 0)) {
    throw new RangeError(`chunkSamples must be a positive integer, got ${chunkSamples}`);
  }
  return emitChunks(
    () => edfChunks(EdfSource.open(path, { sampleRateHz: config.sampleRateHz }), chunkSamples),
    config.pace ?? 'fast',
  );
}
