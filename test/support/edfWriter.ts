import { writeFileSync } from 'fs';

/**
 * An independent EDF / EDF+ / BDF / BDF+ writer for tests, written from the specifications (/work/shared/edf-plus.md:
 * EDF 1992, EDF+ 2003, BioSemi's BDF) and NOT from the exporter (src/simulator/export), so that files of a writer
 * other than the project's own check cortex-rx/files. It takes physical values and quantises them as a writer must:
 * `digital = round((physical − physMin) / step) + digMin`, clamped to the digital range.
 *
 * ## Example
 * ```ts
 * writeTestEdf('/tmp/a.edf', { format: 'EDF+C', recordDurationS: 1, signals: [{ label: 'EEG O1', dimension: 'uV',
 *   physicalMin: -500, physicalMax: 500, samplesPerRecord: 128, samples: values }], annotations: [] });
 * ```
 */

/** One ordinary signal to write. */
export interface TestSignal {
  readonly label: string;
  readonly dimension: string;
  readonly physicalMin: number;
  readonly physicalMax: number;
  readonly samplesPerRecord: number;
  /** Physical values, `samplesPerRecord × records` of them. */
  readonly samples: ArrayLike<number>;
}

/** One annotation (EDF+/BDF+ only). */
export interface TestAnnotation {
  readonly onsetS: number;
  readonly durationS?: number;
  readonly text: string;
}

/** What to write. */
export interface TestEdf {
  readonly format: 'EDF' | 'EDF+C' | 'EDF+D' | 'BDF' | 'BDF+C' | 'BDF+D';
  readonly recordDurationS: number;
  readonly signals: readonly TestSignal[];
  readonly annotations?: readonly TestAnnotation[];
  /** Seconds after the header's start second at which the first record begins (EDF+: the first TAL's onset). */
  readonly startOffsetS?: number;
  /** Bytes of the annotation signal per record (default 120). */
  readonly annotationBytes?: number;
  /** EDF+D/BDF+D: each data record's onset in seconds from the start (default: back to back from startOffsetS). */
  readonly recordOnsetsS?: readonly number[];
  /** Header start (default 2026-11-22 10:20:30 local). */
  readonly start?: Date;
}

/** The digital range a writer of this format uses. */
export function digitalRange(format: TestEdf['format']): { min: number; max: number } {
  return format.startsWith('BDF') ? { min: -8388608, max: 8388607 } : { min: -32768, max: 32767 };
}

const field = (text: string, width: number): string => {
  if (text.length > width) throw new Error(`'${text}' does not fit ${width} characters`);
  return text.padEnd(width, ' ');
};
const two = (n: number) => String(n).padStart(2, '0');
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Writes the file and returns, for each signal, the physical values a reader must find (after quantisation). */
export function writeTestEdf(path: string, edf: TestEdf): Float64Array[] {
  const plus = edf.format.endsWith('+C') || edf.format.endsWith('+D');
  const bdf = edf.format.startsWith('BDF');
  const bytesPerSample = bdf ? 3 : 2;
  const dig = digitalRange(edf.format);
  const records = edf.signals.length > 0 ? edf.signals[0].samples.length / edf.signals[0].samplesPerRecord : 0;
  const annBytes = edf.annotationBytes ?? 120;
  const annSamples = Math.ceil(annBytes / bytesPerSample);
  type Header = Omit<TestSignal, 'samples'> & { transducer: string; prefiltering: string };
  const headers: Header[] = edf.signals.map((s) => ({ ...s, transducer: 'AgAgCl electrode', prefiltering: '' }));
  if (plus) {
    headers.push({
      label: bdf ? 'BDF Annotations' : 'EDF Annotations',
      dimension: '',
      physicalMin: -1,
      physicalMax: 1,
      samplesPerRecord: annSamples,
      transducer: '',
      prefiltering: '',
    });
  }
  const ns = headers.length;
  const start = edf.start ?? new Date(2026, 10, 22, 10, 20, 30);
  const version = bdf ? '\xffBIOSEMI' : field('0', 8);
  let head =
    version +
    field('X X X X', 80) +
    field(`Startdate ${two(start.getDate())}-${MONTHS[start.getMonth()]}-${start.getFullYear()} X X test-writer`, 80) +
    `${two(start.getDate())}.${two(start.getMonth() + 1)}.${two(start.getFullYear() % 100)}` +
    `${two(start.getHours())}.${two(start.getMinutes())}.${two(start.getSeconds())}` +
    field(String(256 + 256 * ns), 8) +
    field(plus ? edf.format : bdf ? '24BIT' : '', 44) +
    field(String(records), 8) +
    field(String(edf.recordDurationS), 8) +
    field(String(ns), 4);
  const each = (f: (h: Header) => string, width: number) => headers.map((h) => field(f(h), width)).join('');
  head += each((h) => h.label, 16) + each((h) => h.transducer, 80) + each((h) => h.dimension, 8);
  head += each((h) => String(h.physicalMin), 8) + each((h) => String(h.physicalMax), 8);
  head += each(() => String(dig.min), 8) + each(() => String(dig.max), 8);
  head += each((h) => h.prefiltering, 80) + each((h) => String(h.samplesPerRecord), 8) + each(() => '', 32);
  const expected = edf.signals.map((s) => new Float64Array(s.samples.length));
  const recordBytes = headers.reduce((sum, h) => sum + h.samplesPerRecord * bytesPerSample, 0);
  const data = Buffer.alloc(records * recordBytes);
  const offsetS = edf.startOffsetS ?? 0;
  for (let r = 0; r < records; r++) {
    let at = r * recordBytes;
    edf.signals.forEach((s, k) => {
      const step = (s.physicalMax - s.physicalMin) / (dig.max - dig.min);
      for (let j = 0; j < s.samplesPerRecord; j++) {
        const i = r * s.samplesPerRecord + j;
        const d = Math.min(dig.max, Math.max(dig.min, Math.round((s.samples[i] - s.physicalMin) / step) + dig.min));
        expected[k][i] = s.physicalMin + (d - dig.min) * step;
        if (bdf) data.writeIntLE(d, at, 3);
        else data.writeInt16LE(d, at);
        at += bytesPerSample;
      }
    });
    if (plus) {
      const onset = edf.recordOnsetsS?.[r] ?? offsetS + r * edf.recordDurationS;
      let tals = `+${onset}\x14\x14\x00`;
      for (const a of edf.annotations ?? []) {
        // Each annotation in the record whose time span holds its onset (the last record takes later ones).
        const inRecord = a.onsetS >= onset && (a.onsetS < onset + edf.recordDurationS || r === records - 1);
        if (!inRecord && !(r === 0 && a.onsetS < onset)) continue;
        tals += `${a.onsetS < 0 ? '-' : '+'}${Math.abs(a.onsetS)}${a.durationS ? `\x15${a.durationS}` : ''}\x14${a.text}\x14\x00`;
      }
      const bytes = Buffer.from(tals, 'utf8');
      if (bytes.length > annSamples * bytesPerSample) throw new Error(`record ${r}: annotations do not fit`);
      bytes.copy(data, at);
    }
  }
  writeFileSync(path, Buffer.concat([Buffer.from(head, 'latin1'), data]));
  return expected;
}
