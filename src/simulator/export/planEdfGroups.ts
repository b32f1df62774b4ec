import type { RecordSource } from '../store/recordSource';
import type { StoredRecord } from '../store/storeTypes';
import type { EdfDigital } from './edfDigital';
import type { EdfSignalHeader } from './encodeEdfHeader';
import { ExportError } from './exportError';
import type { ExportSteps } from './exportSteps';
import { formatEdfNumber } from './formatEdfNumber';
import { StoreRowReader } from './storeRowReader';

/** Physical range margin beyond the data: a fraction of the data span, at least this fraction of the magnitude. */
const RANGE_MARGIN_OF_SPAN = 1 / 64;
const RANGE_MARGIN_OF_MAGNITUDE = 1e-3;
/** Rows read per chunk while scanning for the physical ranges. */
const SCAN_CHUNK_ROWS = 4096;
/** Rows scanned per step (see `ExportSteps`). */
const SCAN_STEP_ROWS = 1024;
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

/** One stream's part of a file: its reader, rate and chosen columns. */
export interface EdfGroup {
  readonly reader: StoreRowReader;
  readonly samplesPerRecord: number;
  readonly channels: EdfChannel[];
}

/** One channel of a group: its column, its signal header and its physical-to-digital mapping. */
export interface EdfChannel {
  readonly column: number;
  readonly header: EdfSignalHeader;
  readonly physMin: number;
  /** Physical units per digital step: (physMax − physMin) / (digMax − digMin). */
  readonly unitsPerStep: number;
  /** The last stored value, repeated to pad the last data record. */
  readonly lastValue: number;
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

/**
 * Builds the groups of one EDF file, one per stream: readers, chosen columns (EEG sensors; motion signals without the
 * counters), physical ranges (a full scan of the rows, a step per 1024 rows), labels and signal headers.
 *
 * ## Example
 * ```ts
 * const groups = runSteps(planEdfGroups(store, stored, ['eeg', 'mot'], EDF_DIGITAL, 1));
 * ```
 * @throws ExportError `NO_DATA` (a stream not stored or without signal columns), `UNSUPPORTED` (a label over 16
 *   characters, a range 8 characters cannot state).
 */
export function* planEdfGroups(
  store: RecordSource,
  stored: StoredRecord,
  streams: readonly ('eeg' | 'mot')[],
  digital: EdfDigital,
  durationS: number,
): ExportSteps<EdfGroup[]> {
  const groups: EdfGroup[] = [];
  for (const stream of streams) groups.push(yield* planEdfGroup(store, stored, stream, digital, durationS));
  return groups;
}

/** The group of one stream (see {@link planEdfGroups}). */
function* planEdfGroup(
  store: RecordSource,
  stored: StoredRecord,
  stream: 'eeg' | 'mot',
  digital: EdfDigital,
  durationS: number,
): ExportSteps<EdfGroup> {
  const recordId = stored.record.uuid;
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
    if (r > 0 && r % SCAN_STEP_ROWS === 0) yield;
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
  const channels = picked.map(({ name, column }, i): EdfChannel => {
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
}
