/**
 * An independent EDF / EDF+ / BDF / BDF+ reader for tests, written from the specifications (EDF 1992, EDF+ 2003 as
 * published at edfplus.info, BDF from BioSemi) and NOT from the exporter's code, so that the two can check each other.
 *
 * It parses the fixed and per-signal headers, validates what the specifications require, decodes every ordinary
 * signal to physical values and parses every TAL of every annotation signal.
 *
 * ## Example
 * ```ts
 * import { readEdf } from '../support/edfReader';
 * const edf = readEdf(readFileSync(file));
 * edf.signals[0].label; edf.physical[0][0]; edf.annotations[0].texts;
 * ```
 */

/** One signal's header. */
export interface EdfReaderSignal {
  readonly label: string;
  readonly transducer: string;
  readonly physicalDimension: string;
  readonly physicalMin: number;
  readonly physicalMax: number;
  readonly digitalMin: number;
  readonly digitalMax: number;
  readonly prefiltering: string;
  readonly samplesPerRecord: number;
  /** True for an `EDF Annotations` / `BDF Annotations` signal (EDF+/BDF+ only). */
  readonly isAnnotations: boolean;
}

/** One annotation of a TAL (time-keeping annotations excluded). */
export interface EdfAnnotation {
  /** Seconds relative to the header's start date/time. */
  readonly onsetS: number;
  /** Seconds, when the TAL has a duration. */
  readonly durationS?: number;
  /** The annotation texts sharing this onset. */
  readonly texts: string[];
}

/** A parsed file. */
export interface EdfFile {
  /** `EDF`, `EDF+C`, `EDF+D`, `BDF`, `BDF+C`, `BDF+D`. */
  readonly kind: string;
  readonly is24Bit: boolean;
  readonly patientId: string;
  readonly recordingId: string;
  /** Header start date `dd.mm.yy` and time `hh.mm.ss`, as written. */
  readonly startDate: string;
  readonly startTime: string;
  /** Start of the file, from the header (local time, the 4-digit year of the EDF+ recording field when present). */
  readonly start: Date;
  readonly headerBytes: number;
  readonly reserved: string;
  readonly recordCount: number;
  readonly recordDurationS: number;
  /** Every signal, annotation signals included, in file order. */
  readonly signals: EdfReaderSignal[];
  /** For each signal: its physical values over the whole file (empty for annotation signals). */
  readonly physical: Float64Array[];
  /** For each signal: its digital values over the whole file (empty for annotation signals). */
  readonly digital: Int32Array[];
  /** Onset (s) of each data record's time-keeping TAL (EDF+/BDF+ only). */
  readonly recordOnsetsS: number[];
  /** Every non-time-keeping annotation, in file order. */
  readonly annotations: EdfAnnotation[];
}

/** A file that breaks the specification; the message says which rule. */
export class EdfFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EdfFormatError';
  }
}

const fail = (message: string): never => {
  throw new EdfFormatError(message);
};

/** A cursor over the header bytes that reads fixed-width ASCII fields. */
class HeaderCursor {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  /** Raw field, checked to be printable US-ASCII (bytes 32..126), as the EDF header requires. */
  raw(width: number, what: string): string {
    if (this.pos + width > this.bytes.length) fail(`file ends inside the header field '${what}'`);
    let text = '';
    for (let i = 0; i < width; i++) {
      const b = this.bytes[this.pos + i] as number;
      if (b < 32 || b > 126) fail(`header field '${what}' holds byte ${b}, not printable ASCII`);
      text += String.fromCharCode(b);
    }
    this.pos += width;
    return text;
  }

  text(width: number, what: string): string {
    return this.raw(width, what).replace(/ +$/, '');
  }

  /** A number field: decimal, optional sign and point, no exponent or grouping; left-aligned. */
  number(width: number, what: string, integer = false): number {
    const t = this.raw(width, what);
    const trimmed = t.replace(/ +$/, '');
    const pattern = integer ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)$/;
    if (!pattern.test(trimmed)) fail(`header field '${what}' is not a ${integer ? 'whole ' : ''}number: '${t}'`);
    return Number(trimmed);
  }
}

/** Parses the time-stamped annotation lists of one data record's annotation bytes (EDF+ §2.2.2). */
function parseTals(bytes: Uint8Array, where: string): { onsetS: number; durationS?: number; texts: string[] }[] {
  const tals: { onsetS: number; durationS?: number; texts: string[] }[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let i = 0;
  while (i < bytes.length && bytes[i] !== 0) {
    // Onset: '+' or '-' then digits with an optional decimal point, ended by 21 (duration) or 20.
    const onsetStart = i;
    while (i < bytes.length && bytes[i] !== 0x15 && bytes[i] !== 0x14) i++;
    const onsetText = String.fromCharCode(...bytes.subarray(onsetStart, i));
    if (!/^[+-]\d+(\.\d+)?$/.test(onsetText)) fail(`${where}: TAL onset '${onsetText}' is not ±seconds`);
    let durationS: number | undefined;
    if (bytes[i] === 0x15) {
      const durStart = ++i;
      while (i < bytes.length && bytes[i] !== 0x14) i++;
      const durText = String.fromCharCode(...bytes.subarray(durStart, i));
      if (!/^\d+(\.\d+)?$/.test(durText)) fail(`${where}: TAL duration '${durText}' is not unsigned seconds`);
      durationS = Number(durText);
    }
    if (bytes[i] !== 0x14) fail(`${where}: TAL at byte ${onsetStart} has no 20 after its onset`);
    i++;
    // Annotations, each ended by 20, until the 0 that ends the TAL.
    const texts: string[] = [];
    while (i < bytes.length && bytes[i] !== 0) {
      const textStart = i;
      while (i < bytes.length && bytes[i] !== 0x14 && bytes[i] !== 0) i++;
      if (bytes[i] !== 0x14) fail(`${where}: annotation at byte ${textStart} is not ended by 20`);
      texts.push(decoder.decode(bytes.subarray(textStart, i)));
      i++;
    }
    if (i >= bytes.length) fail(`${where}: TAL at byte ${onsetStart} is not ended by 0`);
    i++; // the 0 ending the TAL
    tals.push(
      durationS === undefined ? { onsetS: Number(onsetText), texts } : { onsetS: Number(onsetText), durationS, texts },
    );
  }
  // The rest of the signal's bytes in this record must be unused (0).
  for (; i < bytes.length; i++) if (bytes[i] !== 0) fail(`${where}: non-zero byte after the last TAL`);
  return tals;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * Reads and validates an EDF, EDF+, BDF or BDF+ file.
 *
 * Checks: printable-ASCII header; header bytes = 256 + 256 × ns; record count × record bytes = data bytes; every
 * signal has samples per record > 0, digital min < max, physical min ≠ max; EDF+ patient field has 4 subfields and
 * recording field starts with `Startdate dd-MMM-yyyy`; the first TAL of every record is time-keeping (first
 * annotation empty), onsets increasing by the record duration in EDF+C, the first in [0, 1).
 * @throws EdfFormatError naming the broken rule.
 */
export function readEdf(file: Uint8Array): EdfFile {
  if (file.length < 256) fail(`file has ${file.length} bytes, less than the 256 of the fixed header`);
  const is24Bit = file[0] === 0xff;
  let version: string;
  if (is24Bit) {
    version = String.fromCharCode(...file.subarray(1, 8));
    if (version !== 'BIOSEMI') fail(`BDF version field must be 0xFF 'BIOSEMI', got '${version}'`);
  }
  const h = new HeaderCursor(file);
  if (is24Bit) h.pos = 8;
  else {
    version = h.text(8, 'version');
    if (version !== '0') fail(`EDF version must be '0', got '${version}'`);
  }
  const patientId = h.text(80, 'patient identification');
  const recordingId = h.text(80, 'recording identification');
  const startDate = h.raw(8, 'start date');
  const startTime = h.raw(8, 'start time');
  const headerBytes = h.number(8, 'number of header bytes', true);
  const reserved = h.text(44, 'reserved');
  const recordCount = h.number(8, 'number of data records', true);
  const recordDurationS = h.number(8, 'duration of a data record');
  const ns = h.number(4, 'number of signals', true);
  if (ns < 1) fail(`number of signals must be at least 1, got ${ns}`);
  if (headerBytes !== 256 + 256 * ns)
    fail(`header bytes must be 256 + 256 × ${ns} = ${256 + 256 * ns}, got ${headerBytes}`);
  if (file.length < headerBytes) fail(`file ends inside the signal headers`);

  const plusKind = reserved.startsWith(is24Bit ? 'BDF+' : 'EDF+') ? reserved.slice(0, 5) : undefined;
  const kind = plusKind ?? (is24Bit ? 'BDF' : 'EDF');
  const isPlus = plusKind !== undefined;
  if (isPlus && !['EDF+C', 'EDF+D', 'BDF+C', 'BDF+D'].includes(plusKind))
    fail(`reserved field starts with unknown '${plusKind}'`);

  const dm = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(startDate) ?? fail(`start date must be dd.mm.yy, got '${startDate}'`);
  const tm = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(startTime) ?? fail(`start time must be hh.mm.ss, got '${startTime}'`);
  const yy = Number(dm[3]);
  let year = yy >= 85 ? 1900 + yy : 2000 + yy;
  if (isPlus) {
    const patientParts = patientId.split(' ');
    if (patientParts.length < 4) fail(`EDF+ patient identification needs 4 subfields, got '${patientId}'`);
    const rm = /^Startdate (\d\d)-([A-Z]{3})-(\d{4}) \S+ \S+ \S+/.exec(recordingId);
    if (rm === null)
      fail(`EDF+ recording identification must start 'Startdate dd-MMM-yyyy a b c', got '${recordingId}'`);
    else {
      const month = MONTHS.indexOf(rm[2] as string);
      if (month < 0) fail(`recording Startdate month '${rm[2]}' is not JAN..DEC`);
      if (Number(rm[1]) !== Number(dm[1]) || month + 1 !== Number(dm[2]) || Number(rm[3]) % 100 !== yy) {
        fail(`recording Startdate ${rm[1]}-${rm[2]}-${rm[3]} disagrees with start date ${startDate}`);
      }
      year = Number(rm[3]);
    }
  }
  const start = new Date(year, Number(dm[2]) - 1, Number(dm[1]), Number(tm[1]), Number(tm[2]), Number(tm[3]));

  // Per-signal fields are stored field by field: all labels, then all transducers, ...
  const col = <T>(read: () => T): T[] => Array.from({ length: ns }, read);
  const labels = col(() => h.text(16, 'label'));
  const transducers = col(() => h.text(80, 'transducer type'));
  const dims = col(() => h.text(8, 'physical dimension'));
  const pmins = col(() => h.number(8, 'physical minimum'));
  const pmaxs = col(() => h.number(8, 'physical maximum'));
  const dmins = col(() => h.number(8, 'digital minimum', true));
  const dmaxs = col(() => h.number(8, 'digital maximum', true));
  const prefilters = col(() => h.text(80, 'prefiltering'));
  const counts = col(() => h.number(8, 'samples per data record', true));
  col(() => h.raw(32, 'signal reserved'));
  if (h.pos !== headerBytes) fail(`signal headers end at ${h.pos}, not at ${headerBytes}`);

  const annotationLabel = is24Bit ? 'BDF Annotations' : 'EDF Annotations';
  const bytesPerSample = is24Bit ? 3 : 2;
  const [lo, hi] = is24Bit ? [-8388608, 8388607] : [-32768, 32767];
  const signals: EdfReaderSignal[] = labels.map((label, i) => {
    const s = {
      label,
      transducer: transducers[i] as string,
      physicalDimension: dims[i] as string,
      physicalMin: pmins[i] as number,
      physicalMax: pmaxs[i] as number,
      digitalMin: dmins[i] as number,
      digitalMax: dmaxs[i] as number,
      prefiltering: prefilters[i] as string,
      samplesPerRecord: counts[i] as number,
      isAnnotations: isPlus && label === annotationLabel,
    };
    if (!(s.samplesPerRecord > 0)) fail(`signal ${i + 1} (${label}) has ${s.samplesPerRecord} samples per record`);
    if (!(s.digitalMin < s.digitalMax))
      fail(`signal ${i + 1} (${label}): digital minimum ${s.digitalMin} is not below maximum ${s.digitalMax}`);
    if (s.digitalMin < lo || s.digitalMax > hi) fail(`signal ${i + 1} (${label}): digital range exceeds ${lo}..${hi}`);
    if (s.physicalMin === s.physicalMax) fail(`signal ${i + 1} (${label}): physical minimum equals maximum`);
    return s;
  });
  if (isPlus && !signals.some((s) => s.isAnnotations)) fail(`${kind} file has no '${annotationLabel}' signal`);

  const recordBytes = counts.reduce((a, b) => a + b, 0) * bytesPerSample;
  const dataBytes = file.length - headerBytes;
  if (recordCount < 0) fail(`number of data records is ${recordCount} (still recording?)`);
  if (recordCount * recordBytes !== dataBytes) {
    fail(
      `${recordCount} records × ${recordBytes} bytes = ${recordCount * recordBytes}, but the file has ${dataBytes} data bytes`,
    );
  }

  const physical = signals.map((s) => new Float64Array(s.isAnnotations ? 0 : s.samplesPerRecord * recordCount));
  const digital = signals.map((s) => new Int32Array(s.isAnnotations ? 0 : s.samplesPerRecord * recordCount));
  const recordOnsetsS: number[] = [];
  const annotations: EdfAnnotation[] = [];
  let pos = headerBytes;
  for (let r = 0; r < recordCount; r++) {
    let firstAnnotationSignal = true;
    signals.forEach((s, i) => {
      const n = s.samplesPerRecord;
      if (s.isAnnotations) {
        const where = `record ${r}, signal ${i + 1}`;
        const tals = parseTals(file.subarray(pos, pos + n * bytesPerSample), where);
        if (firstAnnotationSignal) {
          // EDF+ §2.2.4: the first TAL of the first annotation signal of each record keeps the time: empty first annotation.
          const keeper = tals[0];
          if (keeper === undefined || keeper.texts[0] !== '' || keeper.durationS !== undefined) {
            fail(`${where}: first TAL is not a time-keeping TAL`);
          } else {
            recordOnsetsS.push(keeper.onsetS);
            for (const t of keeper.texts.slice(1)) annotations.push({ onsetS: keeper.onsetS, texts: [t] });
            tals.shift();
          }
          firstAnnotationSignal = false;
        }
        for (const t of tals) annotations.push(t);
      } else {
        const gain = (s.physicalMax - s.physicalMin) / (s.digitalMax - s.digitalMin);
        for (let k = 0; k < n; k++) {
          const at = pos + k * bytesPerSample;
          let d: number;
          if (is24Bit) {
            d = (file[at] as number) | ((file[at + 1] as number) << 8) | ((file[at + 2] as number) << 16);
            if (d & 0x800000) d -= 0x1000000; // sign-extend 24-bit two's complement
          } else {
            d = (file[at] as number) | ((file[at + 1] as number) << 8);
            if (d & 0x8000) d -= 0x10000;
          }
          (digital[i] as Int32Array)[r * n + k] = d;
          (physical[i] as Float64Array)[r * n + k] = s.physicalMin + (d - s.digitalMin) * gain;
        }
      }
      pos += n * bytesPerSample;
    });
  }

  if (isPlus && recordCount > 0) {
    const first = recordOnsetsS[0] as number;
    if (!(first >= 0 && first < 1)) fail(`first record's time-keeping onset ${first} is not in [0, 1)`);
    if (kind.endsWith('+C')) {
      recordOnsetsS.forEach((onset, r) => {
        const expected = first + r * recordDurationS;
        if (Math.abs(onset - expected) > 1e-6)
          fail(`record ${r} starts at +${onset}, expected +${expected} in a continuous file`);
      });
    }
  }

  return {
    kind,
    is24Bit,
    patientId,
    recordingId,
    startDate,
    startTime,
    start,
    headerBytes,
    reserved,
    recordCount,
    recordDurationS,
    signals,
    physical,
    digital,
    recordOnsetsS,
    annotations,
  };
}
