import { closeSync, fstatSync, openSync, readSync } from 'fs';
import { FileFormatError } from '../fileFormatError';
import { decodeTals } from './decodeTals';
import { parseEdfHeader, type EdfHeader, type EdfSignalInfo } from './edfHeader';
import { microvoltsPer } from './unitScale';

/** An annotation of the file: onset from the file's start, optional duration, one text. */
export interface EdfAnnotation {
  readonly onsetS: number;
  readonly durationS?: number;
  readonly text: string;
}

/** Options of {@link EdfSource.open}. */
export interface EdfSourceConfig {
  /** Which rate's EEG channels to read when the file's voltage channels run at several rates. */
  readonly sampleRateHz?: number;
}

/** What one read of whole data records gives besides the samples. */
export interface EdfChunk {
  /** Onset of each record read, seconds from the file's start. */
  readonly recordOnsetsS: Float64Array;
  /** Every annotation of the records read, time-keeping TALs excluded. */
  readonly annotations: EdfAnnotation[];
}

/** Where `read` writes sample i of channel c: `out[offset + i * sampleStride + c * channelStride]`. */
export interface EdfLayout {
  readonly offset: number;
  readonly sampleStride: number;
  readonly channelStride: number;
}

const rateOf = (s: EdfSignalInfo, durationS: number) => s.samplesPerRecord / durationS;
/** EDF+ labels EEG channels `EEG <name>` (EDF+ §2.1.3.1); the channel name is what follows. */
const channelName = (label: string) => label.replace(/^EEG\s+/i, '');

/**
 * An open EDF/EDF+/BDF/BDF+ file read in whole data records on demand: the EEG channels (voltage signals, in µV, at
 * one rate), the record onsets and the annotations. Nothing is read until asked, so an hour-long file costs one
 * chunk of memory. Not thread-safe; one reader per file handle.
 *
 * ## Example
 * ```ts
 * const source = EdfSource.open('/data/run.edf');
 * const out = new Float64Array(source.samplesPerRecord * source.channels.length);
 * source.read(0, 1, out, { offset: 0, sampleStride: source.channels.length, channelStride: 1 });
 * source.close();
 * ```
 */
export class EdfSource {
  readonly header: EdfHeader;
  /** The EEG channel names, `EEG ` prefix removed. */
  readonly channels: readonly string[];
  /** Header index of each EEG channel. */
  readonly signalIndices: readonly number[];
  readonly sampleRateHz: number;
  readonly samplesPerRecord: number;
  /** Samples per EEG channel over the whole file. */
  readonly lengthSamples: number;
  /** µV per digital step of each EEG channel: the file's quantisation. */
  readonly resolutionUv: Float64Array;
  private readonly gain: Float64Array;
  private readonly bias: Float64Array;
  private fd: number | undefined;

  private constructor(
    readonly path: string,
    fd: number,
    config: EdfSourceConfig,
  ) {
    this.fd = fd;
    const size = fstatSync(fd).size;
    const first = Buffer.alloc(256);
    readSync(fd, first, 0, 256, 0);
    const ns = Number(first.toString('latin1', 252, 256).trim());
    const head = Buffer.alloc(Number.isInteger(ns) && ns > 0 ? 256 + 256 * ns : 256);
    readSync(fd, head, 0, head.length, 0);
    const header = parseEdfHeader(path, head, size);
    this.header = header;
    const ordinary = header.signals.map((s, i) => ({ s, i })).filter(({ s }) => !s.isAnnotations);
    const voltage = ordinary.filter(({ s }) => microvoltsPer(s.dimension) !== undefined);
    const eeg = voltage.length > 0 ? voltage : ordinary;
    if (eeg.length === 0) throw new FileFormatError(path, 'has no signal besides annotations');
    const rates = [...new Set(eeg.map(({ s }) => rateOf(s, header.recordDurationS)))];
    const rate = config.sampleRateHz ?? rates[0];
    if (config.sampleRateHz === undefined && rates.length > 1) {
      throw new FileFormatError(
        path,
        `its EEG channels run at ${rates.join(', ')} Hz: pass { sampleRateHz } to choose the channels of one rate`,
      );
    }
    const picked = eeg.filter(({ s }) => rateOf(s, header.recordDurationS) === rate);
    if (picked.length === 0) {
      throw new FileFormatError(path, `has no EEG channel at ${rate} Hz (its rates: ${rates.join(', ')} Hz)`);
    }
    this.channels = picked.map(({ s }) => channelName(s.label));
    this.signalIndices = picked.map(({ i }) => i);
    this.sampleRateHz = rate;
    this.samplesPerRecord = picked[0].s.samplesPerRecord;
    this.lengthSamples = this.samplesPerRecord * header.recordCount;
    const n = picked.length;
    this.gain = new Float64Array(n);
    this.bias = new Float64Array(n);
    this.resolutionUv = new Float64Array(n);
    picked.forEach(({ s }, c) => {
      const scale = microvoltsPer(s.dimension) ?? 1;
      const step = (s.physicalMax - s.physicalMin) / (s.digitalMax - s.digitalMin);
      this.gain[c] = step * scale;
      this.bias[c] = (s.physicalMin - s.digitalMin * step) * scale;
      this.resolutionUv[c] = Math.abs(step * scale);
    });
  }

  /** Opens and checks `path`. @throws FileFormatError for a file that is not a readable EDF/BDF. */
  static open(path: string, config: EdfSourceConfig = {}): EdfSource {
    const fd = openSync(path, 'r');
    try {
      return new EdfSource(path, fd, config);
    } catch (err) {
      closeSync(fd);
      throw err;
    }
  }

  /**
   * Reads data records `[firstRecord, firstRecord + recordCount)`: the EEG samples into `out` (µV, at `layout`), and
   * returns their onsets and annotations.
   */
  read(firstRecord: number, recordCount: number, out: Float64Array, layout: EdfLayout): EdfChunk {
    const h = this.header;
    const bytes = this.readBytes(firstRecord, recordCount);
    const spr = this.samplesPerRecord;
    const { offset, sampleStride, channelStride } = layout;
    const bdf = h.bytesPerSample === 3;
    for (let r = 0; r < recordCount; r++) {
      const base = r * h.recordBytes;
      this.signalIndices.forEach((s, c) => {
        let at = base + h.signals[s].offsetBytes;
        const gain = this.gain[c];
        const bias = this.bias[c];
        let o = offset + r * spr * sampleStride + c * channelStride;
        for (let j = 0; j < spr; j++, o += sampleStride) {
          const d = bdf ? bytes.readIntLE(at, 3) : bytes.readInt16LE(at);
          at += h.bytesPerSample;
          out[o] = bias + d * gain;
        }
      });
    }
    return this.annotationsOf(firstRecord, recordCount, bytes);
  }

  /** Physical values (units of the file) of any ordinary signal over the whole file: the channels kept apart. */
  readSignal(signalIndex: number): Float64Array {
    const h = this.header;
    const s = h.signals[signalIndex];
    const out = new Float64Array(s.samplesPerRecord * h.recordCount);
    const step = (s.physicalMax - s.physicalMin) / (s.digitalMax - s.digitalMin);
    const chunk = Math.max(1, Math.floor((1 << 22) / h.recordBytes));
    for (let r0 = 0; r0 < h.recordCount; r0 += chunk) {
      const count = Math.min(chunk, h.recordCount - r0);
      const bytes = this.readBytes(r0, count);
      for (let r = 0; r < count; r++) {
        for (let j = 0; j < s.samplesPerRecord; j++) {
          const at = r * h.recordBytes + s.offsetBytes + j * h.bytesPerSample;
          const d = h.bytesPerSample === 3 ? bytes.readIntLE(at, 3) : bytes.readInt16LE(at);
          out[(r0 + r) * s.samplesPerRecord + j] = s.physicalMin + (d - s.digitalMin) * step;
        }
      }
    }
    return out;
  }

  /** Closes the file; further reads throw. Idempotent. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private readBytes(firstRecord: number, recordCount: number): Buffer {
    if (this.fd === undefined) throw new Error(`${this.path}: read after close`);
    const h = this.header;
    const bytes = Buffer.alloc(recordCount * h.recordBytes);
    const position = h.headerBytes + firstRecord * h.recordBytes;
    let done = 0;
    while (done < bytes.length) {
      const got = readSync(this.fd, bytes, done, bytes.length - done, position + done);
      if (got === 0) throw new FileFormatError(this.path, `ends inside data record ${firstRecord + 1}`);
      done += got;
    }
    return bytes;
  }

  private annotationsOf(firstRecord: number, recordCount: number, bytes: Buffer): EdfChunk {
    const h = this.header;
    const onsets = new Float64Array(recordCount);
    const annotations: EdfAnnotation[] = [];
    const annotationSignals = h.signals.filter((s) => s.isAnnotations);
    for (let r = 0; r < recordCount; r++) {
      onsets[r] = (firstRecord + r) * h.recordDurationS;
      annotationSignals.forEach((s, k) => {
        const start = r * h.recordBytes + s.offsetBytes;
        const tals = decodeTals(bytes.subarray(start, start + s.samplesPerRecord * h.bytesPerSample));
        tals.forEach((tal, t) => {
          // The first TAL of the first annotation signal keeps the record's time (EDF+ §2.2.4).
          if (k === 0 && t === 0 && tal.texts[0] === '') {
            onsets[r] = tal.onsetS;
            tal.texts.slice(1).forEach((text) => text !== '' && annotations.push({ onsetS: tal.onsetS, text }));
            return;
          }
          for (const text of tal.texts) {
            if (text === '') continue;
            annotations.push({ onsetS: tal.onsetS, ...(tal.durationS ? { durationS: tal.durationS } : {}), text });
          }
        });
      });
    }
    return { recordOnsetsS: onsets, annotations };
  }
}
