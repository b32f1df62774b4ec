import type { EdfDigital } from './edfDigital';
import { BDF_DIGITAL, EDF_DIGITAL } from './edfDigital';
import { encodeEdfHeader, type EdfHeader, type EdfSignalHeader } from './encodeEdfHeader';
import type { ExportSteps } from './exportSteps';
import { formatEdfNumber } from './formatEdfNumber';
import type { EdfGroup } from './planEdfGroups';
import { writeOutputFile } from './writeOutputFile';

/** Target size of one write of data records (bytes). */
const WRITE_BATCH_BYTES = 1 << 20;
/** Samples encoded per step (see `ExportSteps`): a few ms of work, so an export never stalls the loop. */
const STEP_SAMPLES = 16_384;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

const pad2 = (n: number): string => String(n).padStart(2, '0');
/** An EDF+ identification subfield: no spaces inside (they separate subfields), printable ASCII, `X` when unknown. */
const subfield = (s: string | undefined): string => (s ?? '').replace(/[^\x21-\x7e]+/g, '_') || 'X';

/** Who and what a file is of, for its header's patient and recording fields. */
export interface EdfIdentity {
  readonly subjectName: string | undefined;
  readonly recordId: string;
  readonly headsetId: string;
}

/** The shape of one file: its variant, first second, data record duration and count, and its annotation TALs. */
export interface EdfFilePlan {
  readonly variant: EdfHeader['variant'];
  /** The local second (ms since the epoch) of the first sample: the header's start date and time. */
  readonly startSecondMs: number;
  readonly durationS: number;
  readonly recordCount: number;
  /** The TALs of each data record (EDF+/BDF+ only). */
  readonly tals: readonly Buffer[][] | undefined;
}

/** The header of a file, with its annotation signal (sized for the busiest data record) when it has TALs. */
function fileHeader(who: EdfIdentity, plan: EdfFilePlan, groups: readonly EdfGroup[], digital: EdfDigital): EdfHeader {
  const { variant, tals } = plan;
  const signals: EdfSignalHeader[] = groups.flatMap((g) => g.channels.map((c) => c.header));
  if (tals !== undefined) {
    const busiest = Math.max(...tals.map((list) => list.reduce((n, b) => n + b.length, 0)));
    signals.push({
      label: variant === 'BDF+C' ? 'BDF Annotations' : 'EDF Annotations',
      transducer: '',
      physicalDimension: '',
      physicalMin: '-1',
      physicalMax: '1',
      digitalMin: digital.min,
      digitalMax: digital.max,
      prefiltering: '',
      samplesPerRecord: Math.ceil(busiest / digital.bytes),
    });
  }
  const start = new Date(plan.startSecondMs);
  const recordingPrefix = `Startdate ${pad2(start.getDate())}-${MONTHS[start.getMonth()]}-${start.getFullYear()} ${subfield(who.recordId)} X `;
  return {
    variant,
    patientId: `X X X ${subfield(who.subjectName)}`.slice(0, 80),
    recordingId: `${recordingPrefix}${subfield(who.headsetId)}`.slice(0, 80),
    startDate: `${pad2(start.getDate())}.${pad2(start.getMonth() + 1)}.${pad2(start.getFullYear() % 100)}`,
    startTime: `${pad2(start.getHours())}.${pad2(start.getMinutes())}.${pad2(start.getSeconds())}`,
    recordCount: plan.recordCount,
    recordDurationText: formatEdfNumber(plan.durationS),
    signals,
  };
}

/**
 * Writes one EDF/EDF+/BDF+ file of these groups, with the TALs of each data record when it is EDF+/BDF+. Data records
 * are written in batches of about 1 MiB, in steps of about 16k samples; past a stream's stored rows, the last data record repeats its last value;
 * NaN (missing) is written as the digital minimum, which valid data never reaches (the range has a margin).
 *
 * ## Example
 * ```ts
 * runSteps(writeEdfFile('/tmp/out/run.edf', who, { variant: 'EDF+C', startSecondMs, durationS: 1, recordCount, tals }, groups));
 * ```
 */
export function* writeEdfFile(
  file: string,
  who: EdfIdentity,
  plan: EdfFilePlan,
  groups: readonly EdfGroup[],
): ExportSteps<void> {
  const { recordCount, tals } = plan;
  const digital = plan.variant === 'BDF+C' ? BDF_DIGITAL : EDF_DIGITAL;
  const header = fileHeader(who, plan, groups, digital);
  const headerBytes = encodeEdfHeader(header);
  const signals = header.signals;
  const annotationSamples = tals === undefined ? 0 : (signals[signals.length - 1] as EdfSignalHeader).samplesPerRecord;
  const recordBytes = signals.reduce((n, s) => n + s.samplesPerRecord, 0) * digital.bytes;
  const batchRecords = Math.max(1, Math.floor(WRITE_BATCH_BYTES / recordBytes));
  const batch = Buffer.alloc(batchRecords * recordBytes);
  const recordsPerStep = Math.max(1, Math.floor((STEP_SAMPLES * digital.bytes) / recordBytes));
  const writeSample =
    digital.bytes === 2
      ? (value: number, offset: number) => batch.writeInt16LE(value, offset)
      : (value: number, offset: number) => batch.writeIntLE(value, offset, 3);
  yield* writeOutputFile(file, function* (write) {
    write(headerBytes);
    let used = 0;
    for (let k = 0; k < recordCount; k++) {
      let o = used * recordBytes;
      for (const g of groups) {
        const first = k * g.samplesPerRecord;
        if (first < g.reader.rows) g.reader.ensure(first, g.samplesPerRecord);
        for (const c of g.channels) {
          for (let i = 0; i < g.samplesPerRecord; i++) {
            const row = first + i;
            // Past the stored rows: the last data record is padded by repeating the last stored value.
            const v = row < g.reader.rows ? g.reader.value(row, c.column) : c.lastValue;
            // NaN (missing) is written as the digital minimum, which valid data never reaches (the range has a margin).
            const d = Number.isFinite(v)
              ? Math.min(
                  digital.max,
                  Math.max(digital.min + 1, Math.round(digital.min + (v - c.physMin) / c.unitsPerStep)),
                )
              : digital.min;
            writeSample(d, o);
            o += digital.bytes;
          }
        }
      }
      if (tals !== undefined) {
        const end = o + annotationSamples * digital.bytes;
        for (const tal of tals[k] ?? []) o += tal.copy(batch, o);
        batch.fill(0, o, end);
        o = end;
      }
      used++;
      if (used === batchRecords || k === recordCount - 1) {
        write(batch.subarray(0, used * recordBytes));
        used = 0;
      }
      if ((k + 1) % recordsPerStep === 0) yield;
    }
  });
}
