import { annotationParts } from '../../files/edf/annotationParts';
import { EdfSource } from '../../files/edf/edfSource';
import type { EegSource } from './eegSource';

/** Samples read from the file at a time (whole data records, at least one). */
const CHUNK_SAMPLES = 1024;

/** Options of {@link createReplayEeg}. */
export interface ReplayEegConfig {
  /** The EDF/EDF+/BDF/BDF+ file. */
  readonly path: string;
  /** The headset's sensors: the file's EEG channels in the order the headset sends them. */
  readonly sensors: readonly string[];
}

/**
 * A recording as a headset's EEG source: the file's samples in order (µV), read a chunk of data records at a time,
 * looping to the start at the end; each annotation is a hardware marker of the sample nearest its onset
 * (`{ type: 'instance', label, value, port: 'Hardware', time }`, `label=value` texts split, `time` the sample's time in
 * ms). The file is opened for each chunk and closed again, so a headset holds no file handle.
 *
 * ## Example
 * ```ts
 * const eeg = createReplayEeg({ path: 'run.edf', sensors: ['O1', 'O2'] });
 * const sample = new Float64Array(2);
 * eeg.next(sample); // the file's first sample
 * ```
 * @throws FileFormatError (cortex-rx/files) when the file is not a readable EDF/BDF
 */
export function createReplayEeg(config: ReplayEegConfig): EegSource {
  const probe = EdfSource.open(config.path);
  probe.close();
  const order = config.sensors.map((name) => probe.channels.indexOf(name));
  if (order.some((c) => c < 0))
    throw new RangeError(`${config.path} lacks some of the sensors ${config.sensors.join(', ')}`);
  const n = probe.channels.length;
  const spr = probe.samplesPerRecord;
  const total = probe.header.recordCount;
  const firstOnsetS = probe.header.format.includes('+') ? NaN : 0;
  const recordsPerChunk = Math.max(1, Math.ceil(CHUNK_SAMPLES / spr));
  let block = new Float64Array(0);
  let blockStart = 0; // file sample index of block[0]
  let blockLength = 0; // samples in block
  let fileIndex = 0; // the next sample's index in the file
  let origin = firstOnsetS;
  let pending: { index: number; json: string }[] = [];
  let last = '';

  const load = (record: number) => {
    const count = Math.min(recordsPerChunk, total - record);
    if (block.length < count * spr * n) block = new Float64Array(count * spr * n);
    const source = EdfSource.open(config.path);
    try {
      const chunk = source.read(record, count, block, { offset: 0, sampleStride: n, channelStride: 1 });
      if (Number.isNaN(origin)) origin = chunk.recordOnsetsS[0];
      for (const a of chunk.annotations) {
        const index = Math.min(
          Math.max(Math.round((a.onsetS - origin) * probe.sampleRateHz), record * spr),
          total * spr - 1,
        );
        pending.push({
          index,
          json: JSON.stringify({ type: 'instance', ...annotationParts(a.text), port: 'Hardware' }),
        });
      }
      pending.sort((a, b) => a.index - b.index);
    } finally {
      source.close();
    }
    blockStart = record * spr;
    blockLength = count * spr;
  };

  return {
    blinkUv: 0,
    next(out: Float64Array): void {
      if (fileIndex >= total * spr) {
        // Loop: read the first records (and their annotations) again.
        fileIndex = 0;
        blockLength = 0;
        pending = [];
      }
      if (fileIndex < blockStart || fileIndex >= blockStart + blockLength) load(Math.floor(fileIndex / spr));
      const at = (fileIndex - blockStart) * n;
      for (let c = 0; c < order.length; c++) out[c] = block[at + order[c]];
      let count = 0;
      while (count < pending.length && pending[count].index <= fileIndex) count++;
      last =
        count === 0
          ? ''
          : pending
              .splice(0, count)
              .map((p) => p.json)
              .join('\u0000');
      fileIndex++;
    },
    hardwareMarkers(sampleTimeS: number): string {
      if (last === '') return '';
      const time = `,"time":${Math.round(sampleTimeS * 1e6) / 1e3}}`;
      return last
        .split('\u0000')
        .map((json) => json.slice(0, -1) + time)
        .join(',');
    },
  };
}
