import * as path from 'path';
import type { Marker } from '../../protocol';
import { isoLocal, parseIso } from '../isoTime';
import type { RecordSource } from '../store/recordSource';
import type { StoredRecord } from '../store/storeTypes';
import { encodeEdfHeader, type EdfHeader, type EdfSignalHeader } from './encodeEdfHeader';
import { encodeTal } from './encodeTal';
import { ExportError } from './exportError';
import { exportFileStem } from './exportFileStem';
import { formatEdfNumber } from './formatEdfNumber';
import { StoreRowReader } from './storeRowReader';
import { writeOutputFile } from './writeOutputFile';

const US_PER_S = 1_000_000;
const MS_PER_S = 1000;
/** 16-bit two's complement (EDF) and 24-bit (BDF) digital ranges. */
const EDF_DIGITAL = { min: -32768, max: 32767, bytes: 2 } as const;
const BDF_DIGITAL = { min: -8388608, max: 8388607, bytes: 3 } as const;
/** Data records are 1 s when every rate allows it; otherwise the shortest whole number of seconds up to this. */
const MAX_RECORD_DURATION_S = 60;
/** Physical range margin beyond the data: a fraction of the data span, at least this fraction of the magnitude. */
const RANGE_MARGIN_OF_SPAN = 1 / 64;
const RANGE_MARGIN_OF_MAGNITUDE = 1e-3;
/** Rows read per chunk while scanning for the physical ranges. */
const SCAN_CHUNK_ROWS = 4096;
/** Target size of one write of data records (bytes). */
const WRITE_BATCH_BYTES = 1 << 20;
/** EEG channel labels are `EEG <sensor>`, the EDF+ standard text (EDF+ §2.1.3.1); MNE's infer_types strips it. */
const EEG_LABEL_PREFIX = 'EEG ';
/** Motion channel labels are `MISC <column>`: EDF+ has no motion type; MNE's infer_types reads MISC as misc. */
const MOTION_LABEL_PREFIX = 'MISC ';
/** What EMOTIV documents for its EEG front end: 0.16–43 Hz bandwidth, digital notches at 50 and 60 Hz. */
const EEG_PREFILTERING = 'HP:0.16Hz LP:43Hz N:50Hz N:60Hz';
const EEG_TRANSDUCER = 'EMOTIV EEG sensor';
const MOTION_TRANSDUCER = 'EMOTIV motion sensor';
/** Motion columns that are bookkeeping, not signals. */
const MOTION_COUNTER_COLUMNS = ['COUNTER_MEMS', 'INTERPOLATED_MEMS'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * The EDF-family formats of exportRecord.
 *
 * ## Example
 * ```ts
 * const format: EdfFormat = 'EDFPLUS';
 * ```
 */
export type EdfFormat = 'EDF' | 'EDFPLUS' | 'BDFPLUS';

/**
 * What {@link exportEdf} writes.
 *
 * ## Example
 * ```ts
 * const config: EdfExportConfig = { folder: '/tmp/out', format: 'EDFPLUS', eeg: true, motion: true };
 * ```
 */
export interface EdfExportConfig {
  /** Existing folder the files go to. */
  readonly folder: string;
  /** `EDFPLUS`/`BDFPLUS`: one EDF+C/BDF+C file with annotations; `EDF`: one plain EDF file per stream. */
  readonly format: EdfFormat;
  /** Include the EEG channels (stream `eeg`). */
  readonly eeg: boolean;
  /** Include the motion channels (stream `mot`). */
  readonly motion: boolean;
}

/** One stream's part of a file: its reader, rate and chosen columns. */
interface Group {
  readonly reader: StoreRowReader;
  readonly samplesPerRecord: number;
  readonly channels: Channel[];
}

interface Channel {
  readonly column: number;
  readonly header: EdfSignalHeader;
  readonly physMin: number;
  /** Physical units per digital step: (physMax − physMin) / (digMax − digMin). */
  readonly unitsPerStep: number;
  /** The last stored value, repeated to pad the last data record. */
  readonly lastValue: number;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
/** An EDF+ identification subfield: no spaces inside (they separate subfields), printable ASCII, `X` when unknown. */
const subfield = (s: string | undefined): string => (s ?? '').replace(/[^\x21-\x7e]+/g, '_') || 'X';

/** Seconds per data record: the shortest whole number of seconds holding a whole number of samples of every rate. */
function recordDurationS(ratesHz: readonly number[]): number {
  for (let d = 1; d <= MAX_RECORD_DURATION_S; d++) {
    if (
      ratesHz.every((r) => Math.abs(r * d - Math.round(r * d)) < 1e-9 * Math.max(1, r * d) && Math.round(r * d) >= 1)
    ) {
      return d;
    }
  }
  throw new ExportError(
    'UNSUPPORTED',
    `Invalid Parameters: no data record of 1 to ${MAX_RECORD_DURATION_S} s holds a whole number of samples at ${ratesHz.join(', ')} Hz.`,
  );
}

/** The header's physical range for data in [min, max]: a margin beyond it, rounded outward to what 8 characters hold. */
function physicalRange(label: string, min: number, max: number): { minText: string; maxText: string } {
  if (!(min <= max)) {
    // No finite value at all: any valid range will do, every sample is written as missing.
    min = 0;
    max = 0;
  }
  const margin = Math.max(
    (max - min) * RANGE_MARGIN_OF_SPAN,
    RANGE_MARGIN_OF_MAGNITUDE * Math.max(1, Math.abs(min), Math.abs(max)),
  );
  try {
    return { minText: formatEdfNumber(min - margin, 8, 'down'), maxText: formatEdfNumber(max + margin, 8, 'up') };
  } catch {
    throw new ExportError(
      'UNSUPPORTED',
      `Invalid Parameters: channel ${label} spans ${min} to ${max}, beyond what an 8-character EDF header field can state.`,
    );
  }
}

/** Annotation text of a marker: its label, then `=value` when the value is not empty (`stim_on=42`). */
function markerText(m: Marker): string {
  const value = String(m.value);
  return `${m.label === '' ? 'marker' : m.label}${value === '' ? '' : `=${value}`}`;
}

/** Start time (µs since the epoch, integer) of a marker, and its duration (µs) when it is an interval. */
function markerTimesUs(m: Marker): { startUs: number; durationUs: number | undefined } {
  const startUs = Math.round(parseIso(m.startDatetime) * MS_PER_S);
  const endUs = m.endDatetime ? Math.round(parseIso(m.endDatetime) * MS_PER_S) : startUs;
  return { startUs, durationUs: endUs > startUs ? endUs - startUs : undefined };
}

/** Builds the groups of one file: readers, chosen columns, ranges (a full scan of the rows), labels. */
function planGroups(
  store: RecordSource,
  stored: StoredRecord,
  streams: readonly ('eeg' | 'mot')[],
  digital: typeof EDF_DIGITAL | typeof BDF_DIGITAL,
  durationS: number,
): Group[] {
  const recordId = stored.record.uuid;
  return streams.map((stream) => {
    const layout = stored.streams.find((s) => s.stream === stream);
    if (layout === undefined) {
      throw new ExportError('NO_DATA', `Invalid Parameters: record ${recordId} has no '${stream}' stream to export.`);
    }
    const picked = layout.columns
      .map((name, column) => ({ name, column }))
      .filter(({ name }) =>
        stream === 'eeg' ? stored.headset.sensors.includes(name) : !MOTION_COUNTER_COLUMNS.includes(name),
      );
    if (picked.length === 0) {
      throw new ExportError(
        'NO_DATA',
        `Invalid Parameters: the '${stream}' stream of record ${recordId} has no signal column.`,
      );
    }
    const reader = new StoreRowReader(store, recordId, stream);
    const mins = picked.map(() => Infinity);
    const maxs = picked.map(() => -Infinity);
    for (let r = 0; r < reader.rows; r++) {
      if (r % SCAN_CHUNK_ROWS === 0) reader.ensure(r, SCAN_CHUNK_ROWS);
      picked.forEach(({ column }, i) => {
        const v = reader.value(r, column);
        if (Number.isFinite(v)) {
          if (v < (mins[i] as number)) mins[i] = v;
          if (v > (maxs[i] as number)) maxs[i] = v;
        }
      });
    }
    if (reader.rows > 0) reader.ensure(reader.rows - 1, 1);
    const samplesPerRecord = Math.round(layout.sampleRateHz * durationS);
    const channels = picked.map(({ name, column }, i): Channel => {
      const label = `${stream === 'eeg' ? EEG_LABEL_PREFIX : MOTION_LABEL_PREFIX}${name}`;
      if (label.length > 16) {
        throw new ExportError(
          'UNSUPPORTED',
          `Invalid Parameters: channel label ${label} is longer than EDF's 16 characters.`,
        );
      }
      const { minText, maxText } = physicalRange(label, mins[i] as number, maxs[i] as number);
      const physMin = Number(minText);
      return {
        column,
        header: {
          label,
          transducer: stream === 'eeg' ? EEG_TRANSDUCER : MOTION_TRANSDUCER,
          physicalDimension: stream === 'eeg' ? 'uV' : '',
          physicalMin: minText,
          physicalMax: maxText,
          digitalMin: digital.min,
          digitalMax: digital.max,
          prefiltering: stream === 'eeg' ? EEG_PREFILTERING : '',
          samplesPerRecord,
        },
        physMin,
        // Computed from the header's own (rounded) numbers, so readers invert exactly this mapping.
        unitsPerStep: (Number(maxText) - physMin) / (digital.max - digital.min),
        lastValue: reader.rows > 0 ? reader.value(reader.rows - 1, column) : NaN,
      };
    });
    return { reader, samplesPerRecord, channels };
  });
}

/**
 * When a file of these groups starts: its first sample (of the first group that has one: EEG before motion), the
 * local second holding it (the header's start date/time) and the fraction of that second (the first time-keeping TAL).
 */
function startOf(groups: readonly Group[]): { dataStartUs: number; startSecondUs: number; fractionUs: number } {
  const g = groups.find((x) => x.reader.rows > 0) as Group;
  g.reader.ensure(0, 1);
  const dataStartUs = Math.round(g.reader.timeS(0) * US_PER_S);
  const startSecondUs = Math.floor(dataStartUs / US_PER_S) * US_PER_S;
  return { dataStartUs, startSecondUs, fractionUs: dataStartUs - startSecondUs };
}

/** Writes one EDF/EDF+/BDF+ file of these groups, with these TALs per data record when it is EDF+/BDF+. */
function writeEdfFile(
  file: string,
  variant: EdfHeader['variant'],
  who: { subjectName: string | undefined; recordId: string; headsetId: string },
  startSecondMs: number,
  durationS: number,
  recordCount: number,
  groups: readonly Group[],
  tals: readonly Buffer[][] | undefined,
): void {
  const digital = variant === 'BDF+C' ? BDF_DIGITAL : EDF_DIGITAL;
  const signals: EdfSignalHeader[] = groups.flatMap((g) => g.channels.map((c) => c.header));
  let annotationSamples = 0;
  if (tals !== undefined) {
    const busiest = Math.max(...tals.map((list) => list.reduce((n, b) => n + b.length, 0)));
    annotationSamples = Math.ceil(busiest / digital.bytes);
    signals.push({
      label: variant === 'BDF+C' ? 'BDF Annotations' : 'EDF Annotations',
      transducer: '',
      physicalDimension: '',
      physicalMin: '-1',
      physicalMax: '1',
      digitalMin: digital.min,
      digitalMax: digital.max,
      prefiltering: '',
      samplesPerRecord: annotationSamples,
    });
  }
  const start = new Date(startSecondMs);
  const recordingPrefix = `Startdate ${pad2(start.getDate())}-${MONTHS[start.getMonth()]}-${start.getFullYear()} ${subfield(who.recordId)} X `;
  const header = encodeEdfHeader({
    variant,
    patientId: `X X X ${subfield(who.subjectName)}`.slice(0, 80),
    recordingId: `${recordingPrefix}${subfield(who.headsetId)}`.slice(0, 80),
    startDate: `${pad2(start.getDate())}.${pad2(start.getMonth() + 1)}.${pad2(start.getFullYear() % 100)}`,
    startTime: `${pad2(start.getHours())}.${pad2(start.getMinutes())}.${pad2(start.getSeconds())}`,
    recordCount,
    recordDurationText: formatEdfNumber(durationS),
    signals,
  });
  const recordBytes = signals.reduce((n, s) => n + s.samplesPerRecord, 0) * digital.bytes;
  const batchRecords = Math.max(1, Math.floor(WRITE_BATCH_BYTES / recordBytes));
  const batch = Buffer.alloc(batchRecords * recordBytes);
  const writeSample =
    digital.bytes === 2
      ? (value: number, offset: number) => batch.writeInt16LE(value, offset)
      : (value: number, offset: number) => batch.writeIntLE(value, offset, 3);
  writeOutputFile(file, (write) => {
    write(header);
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
    }
  });
}

/**
 * Writes a stopped record as EDF+C (`EDFPLUS`), BDF+C (`BDFPLUS`) or plain EDF (`EDF`) files, plus its markers as JSON.
 *
 * Like Cortex's EDF exports (cortex-api §6): `EDFPLUS`/`BDFPLUS` give one file `<stem>.edf`/`<stem>.bdf` with the EEG
 * channels, the motion channels when asked, and an `EDF Annotations`/`BDF Annotations` signal (last) holding one
 * marker per TAL; `EDF` gives `<stem>_EEG.edf` and `<stem>_MOTION.edf` without annotations. Every format also writes
 * `<stem>_markers.json`: `{ recordId, title, dataStartDatetime, markers: [{ ...marker, onsetS, durationS? }] }`, onsets
 * relative to the first exported sample. `<stem>` is {@link exportFileStem}.
 *
 * Choices:
 * - Labels `EEG <sensor>` in `uV` (the EDF+ standard text), motion `MISC <column>` with an empty dimension (units
 *   UNVERIFIED); counters, `RAW_CQ` and `MARKER_HARDWARE` are left out.
 * - Physical range per channel: the stored min/max widened by max(span/64, 0.001 × magnitude), rounded outward to 8
 *   characters; digital range -32768..32767 (BDF: -8388608..8388607). Values round-trip within half a step.
 * - NaN (missing) samples are written as the digital minimum, which no valid sample maps to.
 * - Data records last 1 s (or the shortest whole number of seconds holding whole samples of every rate); the last one
 *   is padded by repeating each signal's last stored value. Sample i of a signal sits at fileStart + i / rate: stored
 *   timestamps are not used past the first, and a stream shorter than the others is padded the same way.
 * - The header start date/time is the local second of the first sample; the first time-keeping TAL is `+0.xxx`, the
 *   fraction of that second (EDF+ §2.2.4), and record k's is that + k × duration. Marker onsets are relative to the
 *   header second, durations are set for markers whose end is after their start, texts are `label=value`
 *   (`label` alone for an empty value). A marker's TAL goes in the data record covering its onset (the first or last
 *   one when outside); the annotation signal is sized for the busiest record.
 * - Patient `X X X <subjectName>`, recording `Startdate dd-MMM-yyyy <recordId> X <headsetId>`; prefiltering
 *   `HP:0.16Hz LP:43Hz N:50Hz N:60Hz` (what EMOTIV documents for its headsets).
 *
 * ## Example
 * ```ts
 * const files = exportEdf(store, store.get(id)!, { folder: '/tmp', format: 'EDFPLUS', eeg: true, motion: false });
 * // ['/tmp/Run_1_<id>.edf', '/tmp/Run_1_<id>_markers.json']
 * ```
 *
 * @param store the record store.
 * @param stored the record (stopped).
 * @param config folder, format and streams.
 * @returns the paths written.
 * @throws ExportError `NO_DATA` (a stream missing or empty), `UNSUPPORTED` (a range or rate EDF cannot state).
 * @see exportRecord, which validates the request and calls this.
 */
export function exportEdf(store: RecordSource, stored: StoredRecord, config: EdfExportConfig): string[] {
  const streams = [...(config.eeg ? (['eeg'] as const) : []), ...(config.motion ? (['mot'] as const) : [])];
  const rates = streams.map((s) => stored.streams.find((l) => l.stream === s)?.sampleRateHz ?? 1);
  const durationS = recordDurationS(rates);
  const digital = config.format === 'BDFPLUS' ? BDF_DIGITAL : EDF_DIGITAL;
  const groups = planGroups(store, stored, streams, digital, durationS);
  const recordsOf = (gs: readonly Group[]): number =>
    Math.max(0, ...gs.map((g) => Math.ceil(g.reader.rows / g.samplesPerRecord)));
  const recordId = stored.record.uuid;
  if (recordsOf(groups) === 0) {
    throw new ExportError(
      'NO_DATA',
      `Invalid Parameters: record ${recordId} has no ${streams.join('/')} samples to export.`,
    );
  }

  const record = stored.record;
  const who = { subjectName: record.subject?.subjectName, recordId, headsetId: stored.headset.id };
  const markers = [...(record.markers ?? [])]
    .map((m) => ({ m, ...markerTimesUs(m) }))
    .sort((a, b) => a.startUs - b.startUs);
  const stem = path.join(config.folder, exportFileStem(record));
  const files: string[] = [];

  let dataStartUs: number;
  if (config.format === 'EDF') {
    const empty = streams.filter((_, i) => (groups[i] as Group).reader.rows === 0);
    if (empty.length > 0) {
      throw new ExportError(
        'NO_DATA',
        `Invalid Parameters: record ${recordId} has no '${empty.join("', '")}' samples to export.`,
      );
    }
    // Plain EDF cannot state a fraction of a second: each file starts at the local second of its first sample.
    dataStartUs = startOf(groups).dataStartUs;
    streams.forEach((stream, i) => {
      const g = groups[i] as Group;
      const file = `${stem}_${stream === 'eeg' ? 'EEG' : 'MOTION'}.edf`;
      writeEdfFile(file, 'EDF', who, startOf([g]).startSecondUs / MS_PER_S, durationS, recordsOf([g]), [g], undefined);
      files.push(file);
    });
  } else {
    const t = startOf(groups);
    dataStartUs = t.dataStartUs;
    const recordCount = recordsOf(groups);
    const recordUs = durationS * US_PER_S;
    const tals: Buffer[][] = Array.from({ length: recordCount }, (_, k) => [
      encodeTal(t.fractionUs + k * recordUs, undefined, ['']),
    ]);
    for (const { m, startUs, durationUs } of markers) {
      const onsetUs = startUs - t.startSecondUs;
      const k = Math.min(recordCount - 1, Math.max(0, Math.floor((onsetUs - t.fractionUs) / recordUs)));
      (tals[k] as Buffer[]).push(encodeTal(onsetUs, durationUs, [markerText(m)]));
    }
    const file = `${stem}.${config.format === 'BDFPLUS' ? 'bdf' : 'edf'}`;
    const variant = config.format === 'BDFPLUS' ? 'BDF+C' : 'EDF+C';
    writeEdfFile(file, variant, who, t.startSecondUs / MS_PER_S, durationS, recordCount, groups, tals);
    files.push(file);
  }

  const json = {
    recordId,
    title: record.title,
    dataStartDatetime: isoLocal(dataStartUs / MS_PER_S),
    markers: markers.map(({ m, startUs, durationUs }) => ({
      ...m,
      onsetS: (startUs - dataStartUs) / US_PER_S,
      ...(durationUs === undefined ? {} : { durationS: durationUs / US_PER_S }),
    })),
  };
  const markersFile = `${stem}_markers.json`;
  writeOutputFile(markersFile, (write) => write(`${JSON.stringify(json, null, 2)}\n`));
  files.push(markersFile);
  return files;
}
