/** Bytes of the fixed header and of each signal's header (EDF §"header record"). */
const FIXED_HEADER_BYTES = 256;
const SIGNAL_HEADER_BYTES = 256;
/** BDF's version field: byte 255 then `BIOSEMI` (the BioSemi 24-bit variant of EDF). */
const BDF_VERSION = Buffer.concat([Buffer.from([0xff]), Buffer.from('BIOSEMI', 'ascii')]);

/**
 * One signal's header fields; numbers as they go into the file (`physicalMin`/`Max` already formatted).
 *
 * ## Example
 * ```ts
 * const af3: EdfSignalHeader = { label: 'EEG AF3', transducer: 'EMOTIV EEG sensor', physicalDimension: 'uV',
 *   physicalMin: '4100.5', physicalMax: '4300.25', digitalMin: -32768, digitalMax: 32767, prefiltering: '',
 *   samplesPerRecord: 128 };
 * ```
 */
export interface EdfSignalHeader {
  /** ≤ 16 characters, e.g. `EEG AF3` or `EDF Annotations`. */
  readonly label: string;
  /** ≤ 80 characters, e.g. `AgAgCl electrode`; empty for annotations. */
  readonly transducer: string;
  /** ≤ 8 characters, e.g. `uV`; empty for annotations. */
  readonly physicalDimension: string;
  /** ≤ 8 characters, e.g. `4100.5` (see formatEdfNumber). */
  readonly physicalMin: string;
  /** ≤ 8 characters, different from the minimum. */
  readonly physicalMax: string;
  /** Integer, e.g. -32768. */
  readonly digitalMin: number;
  /** Integer greater than the minimum, e.g. 32767. */
  readonly digitalMax: number;
  /** ≤ 80 characters, e.g. `HP:0.16Hz LP:43Hz`. */
  readonly prefiltering: string;
  /** Samples (annotations: 2- or 3-byte units) in each data record, > 0. */
  readonly samplesPerRecord: number;
}

/**
 * The fixed header fields of an EDF, EDF+ or BDF+ file.
 *
 * ## Example
 * ```ts
 * const h: EdfHeader = { variant: 'EDF+C', patientId: 'X X X X', recordingId: 'Startdate 02-MAY-2024 X X X',
 *   startDate: '02.05.24', startTime: '10.20.01', recordCount: 60, recordDurationText: '1', signals: [af3] };
 * ```
 */
export interface EdfHeader {
  /** `EDF` (reserved field empty), `EDF+C` or `BDF+C` (24-bit, version field `\xFFBIOSEMI`). */
  readonly variant: 'EDF' | 'EDF+C' | 'BDF+C';
  /** ≤ 80 characters: EDF+ `code sex birthdate name`. */
  readonly patientId: string;
  /** ≤ 80 characters: EDF+ `Startdate dd-MMM-yyyy admincode technician equipment`. */
  readonly recordingId: string;
  /** `dd.mm.yy`, local. */
  readonly startDate: string;
  /** `hh.mm.ss`, local. */
  readonly startTime: string;
  /** Number of data records. */
  readonly recordCount: number;
  /** Duration of a data record (s), e.g. `1`. */
  readonly recordDurationText: string;
  /** The signals, annotations last. */
  readonly signals: readonly EdfSignalHeader[];
}

/** A left-aligned, space-padded ASCII field; refuses what does not fit or is not printable US-ASCII. */
function field(name: string, value: string, width: number): Buffer {
  if (!/^[\x20-\x7e]*$/.test(value))
    throw new RangeError(`EDF header ${name} must be printable ASCII, got ${JSON.stringify(value)}`);
  if (value.length > width)
    throw new RangeError(`EDF header ${name} must fit ${width} characters, got ${JSON.stringify(value)}`);
  return Buffer.from(value.padEnd(width, ' '), 'ascii');
}

/**
 * Encodes the header record of an EDF, EDF+C or BDF+C file: `256 + 256 × ns` bytes.
 *
 * Like the header tables of the EDF (1992) and EDF+ (2003) specifications: every field is left-aligned printable
 * ASCII padded with spaces, and per-signal fields are stored field by field (all labels, then all transducers, ...).
 * Fields that do not fit throw rather than being cut, so a header never lies.
 *
 * ## Example
 * ```ts
 * const header = encodeEdfHeader({ variant: 'EDF+C', patientId: 'X X X X', recordingId: 'Startdate 02-MAY-2024 X X X',
 *   startDate: '02.05.24', startTime: '10.20.01', recordCount: 60, recordDurationText: '1', signals });
 * ```
 *
 * @param h the header fields.
 * @returns the header bytes.
 * @throws RangeError naming the field that does not fit or is not printable ASCII.
 */
export function encodeEdfHeader(h: EdfHeader): Buffer {
  const ns = h.signals.length;
  const num = (name: string, n: number, width: number): Buffer => field(name, String(n), width);
  const perSignal = (name: string, width: number, get: (s: EdfSignalHeader) => string): Buffer[] =>
    h.signals.map((s, i) => field(`${name} of signal ${i + 1}`, get(s), width));
  const header = Buffer.concat([
    h.variant === 'BDF+C' ? BDF_VERSION : field('version', '0', 8),
    field('patient identification', h.patientId, 80),
    field('recording identification', h.recordingId, 80),
    field('start date', h.startDate, 8),
    field('start time', h.startTime, 8),
    num('header bytes', FIXED_HEADER_BYTES + SIGNAL_HEADER_BYTES * ns, 8),
    field('reserved', h.variant === 'EDF' ? '' : h.variant, 44),
    num('number of data records', h.recordCount, 8),
    field('data record duration', h.recordDurationText, 8),
    num('number of signals', ns, 4),
    ...perSignal('label', 16, (s) => s.label),
    ...perSignal('transducer type', 80, (s) => s.transducer),
    ...perSignal('physical dimension', 8, (s) => s.physicalDimension),
    ...perSignal('physical minimum', 8, (s) => s.physicalMin),
    ...perSignal('physical maximum', 8, (s) => s.physicalMax),
    ...perSignal('digital minimum', 8, (s) => String(s.digitalMin)),
    ...perSignal('digital maximum', 8, (s) => String(s.digitalMax)),
    ...perSignal('prefiltering', 80, (s) => s.prefiltering),
    ...perSignal('samples per record', 8, (s) => String(s.samplesPerRecord)),
    ...perSignal('reserved', 32, () => ''),
  ]);
  if (header.length !== FIXED_HEADER_BYTES + SIGNAL_HEADER_BYTES * ns) {
    throw new RangeError(
      `EDF header is ${header.length} bytes, expected ${FIXED_HEADER_BYTES + SIGNAL_HEADER_BYTES * ns}`,
    );
  }
  return header;
}
