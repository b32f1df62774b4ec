import { FileFormatError } from '../fileFormatError';

/** One signal of an EDF/BDF header. */
export interface EdfSignalInfo {
  /** The label as written, e.g. `EEG AF3`. */
  readonly label: string;
  /** The physical dimension as written, e.g. `uV`. */
  readonly dimension: string;
  readonly physicalMin: number;
  readonly physicalMax: number;
  readonly digitalMin: number;
  readonly digitalMax: number;
  readonly samplesPerRecord: number;
  /** True for an `EDF Annotations` / `BDF Annotations` signal. */
  readonly isAnnotations: boolean;
  /** Byte offset of this signal's samples inside a data record. */
  readonly offsetBytes: number;
}

/** The parsed header of an EDF, EDF+, BDF or BDF+ file. */
export interface EdfHeader {
  /** `EDF`, `EDF+C`, `EDF+D`, `BDF`, `BDF+C` or `BDF+D`. */
  readonly format: 'EDF' | 'EDF+C' | 'EDF+D' | 'BDF' | 'BDF+C' | 'BDF+D';
  /** Bytes per sample: 2 (EDF) or 3 (BDF). */
  readonly bytesPerSample: 2 | 3;
  /** The start of the recording from the header (local time; the EDF+ recording field's 4-digit year when present). */
  readonly startDate: Date;
  readonly headerBytes: number;
  readonly recordCount: number;
  readonly recordDurationS: number;
  readonly recordBytes: number;
  readonly signals: readonly EdfSignalInfo[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** The start date/time of the header (dd.mm.yy, hh.mm.ss), with the 4-digit year of `Startdate dd-MMM-yyyy`. */
function startDateOf(path: string, date: string, time: string, recording: string): Date {
  const d = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(date);
  const t = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(time);
  if (!d || !t) throw new FileFormatError(path, `start date/time '${date} ${time}' is not dd.mm.yy hh.mm.ss`);
  const yy = Number(d[3]);
  let year = yy >= 85 ? 1900 + yy : 2000 + yy;
  const plus = /^Startdate (\d\d)-([A-Z]{3})-(\d{4})/.exec(recording);
  if (plus && MONTHS.includes(plus[2])) year = Number(plus[3]);
  return new Date(year, Number(d[2]) - 1, Number(d[1]), Number(t[1]), Number(t[2]), Number(t[3]));
}

/**
 * Parses and checks the header of an EDF/EDF+/BDF/BDF+ file (EDF 1992, EDF+ 2003, BioSemi's BDF): the fixed part
 * and the per-signal fields, with the byte offset of each signal inside a data record.
 *
 * ## Example
 * ```ts
 * const header = parseEdfHeader('/data/run.edf', fixed256, perSignalBytes);
 * header.signals.map((s) => s.label);
 * ```
 * @param path the file, for messages
 * @param head the first `256 + 256 × ns` bytes of the file (or more)
 * @param fileBytes the file's size, to check the data length against the header
 * @throws FileFormatError for a header that breaks the specification or a data length that does not match it
 */
export function parseEdfHeader(path: string, head: Buffer, fileBytes: number): EdfHeader {
  if (head.length < 256) throw new FileFormatError(path, `shorter (${head.length} bytes) than an EDF header`);
  const isBdf = head[0] === 0xff && head.toString('latin1', 1, 8) === 'BIOSEMI';
  const version = head.toString('latin1', 0, 8).trim();
  if (!isBdf && version !== '0') throw new FileFormatError(path, `not an EDF or BDF file (version field '${version}')`);
  const text = (from: number, length: number) => head.toString('latin1', from, from + length).trim();
  const int = (value: string, what: string) => {
    if (!/^[+-]?\d+$/.test(value)) throw new FileFormatError(path, `${what} '${value}' is not an integer`);
    return Number(value);
  };
  const num = (value: string, what: string) => {
    const n = Number(value);
    if (value === '' || !Number.isFinite(n)) throw new FileFormatError(path, `${what} '${value}' is not a number`);
    return n;
  };
  const headerBytes = int(text(184, 8), 'header bytes');
  const reserved = text(192, 44);
  const recordCount = int(text(236, 8), 'number of data records');
  const recordDurationS = num(text(244, 8), 'data record duration');
  const ns = int(text(252, 4), 'number of signals');
  if (ns < 1) throw new FileFormatError(path, `has no signal (ns = ${ns})`);
  if (headerBytes !== 256 + 256 * ns) {
    throw new FileFormatError(path, `header bytes ${headerBytes} should be 256 + 256 × ${ns} = ${256 + 256 * ns}`);
  }
  if (head.length < headerBytes) throw new FileFormatError(path, `ends inside its header`);
  const plus = /^(EDF|BDF)\+([CD])/.exec(reserved);
  const prefix = isBdf ? 'BDF' : 'EDF';
  const format = (plus ? `${prefix}+${plus[2]}` : prefix) as EdfHeader['format'];
  const bytesPerSample = isBdf ? 3 : 2;
  const field = (offset: number, width: number, s: number) => text(256 + offset * ns + width * s, width);
  const signals: EdfSignalInfo[] = [];
  let offsetBytes = 0;
  for (let s = 0; s < ns; s++) {
    const label = field(0, 16, s);
    const where = `signal ${s + 1} (${label})`;
    const info: EdfSignalInfo = {
      label,
      dimension: field(96, 8, s),
      physicalMin: num(field(104, 8, s), `${where} physical minimum`),
      physicalMax: num(field(112, 8, s), `${where} physical maximum`),
      digitalMin: int(field(120, 8, s), `${where} digital minimum`),
      digitalMax: int(field(128, 8, s), `${where} digital maximum`),
      samplesPerRecord: int(field(216, 8, s), `${where} samples per record`),
      isAnnotations: plus !== null && (label === 'EDF Annotations' || label === 'BDF Annotations'),
      offsetBytes,
    };
    if (info.samplesPerRecord < 1)
      throw new FileFormatError(path, `${where} has ${info.samplesPerRecord} samples per record`);
    if (!(info.digitalMin < info.digitalMax))
      throw new FileFormatError(path, `${where} digital minimum is not below its maximum`);
    if (info.physicalMin === info.physicalMax)
      throw new FileFormatError(path, `${where} physical minimum equals its maximum`);
    signals.push(info);
    offsetBytes += info.samplesPerRecord * bytesPerSample;
  }
  const recordBytes = offsetBytes;
  const dataBytes = fileBytes - headerBytes;
  // -1 records: a file still being written; the data length decides (whole records only).
  const count = recordCount === -1 ? Math.floor(dataBytes / recordBytes) : recordCount;
  if (count < 0 || count * recordBytes > dataBytes) {
    throw new FileFormatError(
      path,
      `the header announces ${count} data records of ${recordBytes} bytes, but the file holds ${dataBytes} bytes of data`,
    );
  }
  if (!(recordDurationS > 0) && signals.some((s) => !s.isAnnotations)) {
    throw new FileFormatError(path, `data record duration ${recordDurationS} s: signals need a positive duration`);
  }
  const startDate = startDateOf(path, text(168, 8), text(176, 8), text(88, 80));
  return { format, bytesPerSample, startDate, headerBytes, recordCount: count, recordDurationS, recordBytes, signals };
}
