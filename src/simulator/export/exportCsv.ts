import * as path from 'path';
import { parseIso } from '../isoTime';
import type { RecordSource } from '../store/recordSource';
import type { StoredRecord, StreamLayout } from '../store/storeTypes';
import { csvField } from './csvField';
import { ExportError } from './exportError';
import type { ExportSteps } from './exportSteps';
import { exportFileStem } from './exportFileStem';
import { StoreRowReader } from './storeRowReader';
import { writeOutputFile } from './writeOutputFile';

/** RFC 4180 §2.1: records end with CRLF. */
const EOL = '\r\n';
/** Rows read from the store per chunk. */
const CHUNK_ROWS = 4096;
/** Rows rendered and written per step (see `ExportSteps`): a few ms of work, so an export never stalls the loop. */
const STEP_ROWS = 256;
const MS_PER_S = 1000;
/** Header of the markers file. */
const MARKER_COLUMNS = [
  'uuid',
  'type',
  'label',
  'value',
  'port',
  'startTimeS',
  'endTimeS',
  'startDatetime',
  'endDatetime',
];

/**
 * The Cortex stream types a CSV export writes: EEG→eeg, MOTION→mot, PM→met, BP→pow.
 *
 * ## Example
 * ```ts
 * const types: CsvStreamType[] = ['EEG', 'PM'];
 * ```
 */
export type CsvStreamType = 'EEG' | 'MOTION' | 'PM' | 'BP';

/**
 * What {@link exportCsv} writes.
 *
 * ## Example
 * ```ts
 * const config: CsvExportConfig = { folder: '/tmp/out', streamTypes: ['EEG'], version: 'V1' };
 * ```
 */
export interface CsvExportConfig {
  /** Existing folder the files go to. */
  readonly folder: string;
  /** One file per type, in this order. */
  readonly streamTypes: readonly CsvStreamType[];
  /** `V1`: columns as Cortex names them (`AF3`); `V2`: prefixed with the stream (`EEG.AF3`, `MOT.Q0`, `PM.eng`, `POW.AF3/alpha`). */
  readonly version: 'V1' | 'V2';
}

/** The stored stream of each type (cortex-api §6: EEG→eeg, MOTION→mot, PM→met, BP→pow), and its V2 column prefix. */
const STREAM_OF: Readonly<Record<CsvStreamType, { stream: StreamLayout['stream']; prefix: string }>> = {
  EEG: { stream: 'eeg', prefix: 'EEG' },
  MOTION: { stream: 'mot', prefix: 'MOT' },
  PM: { stream: 'met', prefix: 'PM' },
  BP: { stream: 'pow', prefix: 'POW' },
};

/** A number as CSV text: shortest round-trip form, NaN (missing) as an empty field. */
const numberText = (v: number): string => (Number.isNaN(v) ? '' : String(v));

/** Epoch seconds of an ISO datetime, with microseconds. */
const secondsText = (iso: string): string => (parseIso(iso) / MS_PER_S).toFixed(6);

/**
 * Writes a stopped record as CSV files: one per stream type plus one for the markers; in steps of 256 rows.
 *
 * Like Cortex's CSV export (cortex-api §6), in a documented layout of our own (EmotivPRO's exact columns are
 * UNVERIFIED). Files are `<stem>_<TYPE>.csv` (`TYPE` = `EEG`, `MOTION`, `PM`, `BP`) and `<stem>_markers.csv`, `<stem>`
 * being {@link exportFileStem}. A stream file has the header `Timestamp,<columns>` then one line per stored row:
 * the time in epoch seconds with 6 decimals, then the values in shortest round-trip form (NaN as an empty field).
 * The markers file has the header `uuid,type,label,value,port,startTimeS,endTimeS,startDatetime,endDatetime` (times
 * in epoch seconds, 6 decimals; `endTimeS` equals `startTimeS` for an instance marker). Fields are quoted per RFC
 * 4180 and lines end with CRLF.
 *
 * ## Example
 * ```ts
 * runSteps(exportCsv(store, store.get(id)!, { folder: '/tmp', streamTypes: ['EEG', 'PM'], version: 'V1' }));
 * // ['/tmp/Run_1_<id>_EEG.csv', '/tmp/Run_1_<id>_PM.csv', '/tmp/Run_1_<id>_markers.csv']
 * ```
 *
 * @param store the record store.
 * @param stored the record (stopped).
 * @param config folder, stream types and column naming.
 * @returns the paths written.
 * @throws ExportError `NO_DATA` when the record does not store a requested stream.
 * @see exportRecord, which validates the request and calls this.
 */
export function* exportCsv(store: RecordSource, stored: StoredRecord, config: CsvExportConfig): ExportSteps<string[]> {
  const recordId = stored.record.uuid;
  for (const type of config.streamTypes) {
    const { stream } = STREAM_OF[type];
    if (!stored.streams.some((s) => s.stream === stream)) {
      throw new ExportError(
        'NO_DATA',
        `Invalid Parameters: record ${recordId} has no '${stream}' stream to export as ${type}.`,
      );
    }
  }
  const stem = path.join(config.folder, exportFileStem(stored.record));
  const files: string[] = [];
  for (const type of config.streamTypes) {
    const { stream, prefix } = STREAM_OF[type];
    const reader = new StoreRowReader(store, recordId, stream, CHUNK_ROWS);
    const names = reader.columns.map((c) => (config.version === 'V2' ? `${prefix}.${c}` : c));
    const file = `${stem}_${type}.csv`;
    const width = reader.columns.length;
    yield* writeOutputFile(file, function* (write) {
      write(['Timestamp', ...names].map(csvField).join(',') + EOL);
      for (let start = 0; start < reader.rows; start += STEP_ROWS) {
        const end = Math.min(reader.rows, start + STEP_ROWS);
        reader.ensure(start, end - start);
        const lines: string[] = [];
        for (let r = start; r < end; r++) {
          let line = reader.timeS(r).toFixed(6);
          for (let c = 0; c < width; c++) line += `,${numberText(reader.value(r, c))}`;
          lines.push(line);
        }
        write(lines.join(EOL) + EOL);
        yield;
      }
    });
    files.push(file);
  }
  const markersFile = `${stem}_markers.csv`;
  yield* writeOutputFile(markersFile, (write) => {
    write(MARKER_COLUMNS.join(',') + EOL);
    for (const m of stored.record.markers ?? []) {
      const end = m.endDatetime ?? m.startDatetime;
      const fields = [
        m.uuid,
        m.type,
        m.label,
        String(m.value),
        m.port,
        secondsText(m.startDatetime),
        secondsText(end),
        m.startDatetime,
        end,
      ];
      write(fields.map(csvField).join(',') + EOL);
    }
  });
  files.push(markersFile);
  return files;
}
