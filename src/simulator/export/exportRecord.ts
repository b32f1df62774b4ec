import * as fs from 'fs';
import type { RecordSource } from '../store/recordSource';
import { exportCsv } from './exportCsv';
import { exportEdf } from './exportEdf';
import { ExportError } from './exportError';
import { runSteps, type ExportSteps } from './exportSteps';

/**
 * The export formats of Cortex's exportRecord.
 *
 * ## Example
 * ```ts
 * const format: ExportFormat = 'EDFPLUS';
 * ```
 */
export type ExportFormat = 'CSV' | 'EDF' | 'EDFPLUS' | 'BDFPLUS';
/**
 * The stream types of Cortex's exportRecord: EEG→eeg, MOTION→mot, PM→met (performance metrics), BP→pow (band power).
 *
 * ## Example
 * ```ts
 * const types: ExportStreamType[] = ['EEG', 'MOTION'];
 * ```
 */
export type ExportStreamType = 'EEG' | 'MOTION' | 'PM' | 'BP';

/**
 * What {@link exportRecord} writes.
 *
 * ## Example
 * ```ts
 * const config: ExportConfig = { folder: '/tmp/out', format: 'CSV', streamTypes: ['EEG', 'PM'], version: 'V2' };
 * ```
 */
export interface ExportConfig {
  /** An existing directory the files go to (files of the same names are replaced). */
  readonly folder: string;
  /** `CSV`, `EDF`, `EDFPLUS` or `BDFPLUS`. */
  readonly format: ExportFormat;
  /** At least one type; the EDF formats export only `EEG` and `MOTION` (PM or BP with them is refused). Duplicates are ignored. */
  readonly streamTypes: ReadonlyArray<ExportStreamType>;
  /** CSV column naming, `V1` (default) or `V2`; ignored by the EDF formats, as in Cortex. */
  readonly version?: 'V1' | 'V2';
}

/**
 * What {@link exportRecord} wrote.
 *
 * ## Example
 * ```ts
 * const { files } = exportRecord(store, recordId, config); // ['/tmp/out/Run_1_<id>.edf', ...]
 * ```
 */
export interface ExportResult {
  /** Absolute or folder-relative paths (as `folder` was given) of every file written. */
  readonly files: string[];
}

const FORMATS: readonly ExportFormat[] = ['CSV', 'EDF', 'EDFPLUS', 'BDFPLUS'];
const STREAM_TYPES: readonly ExportStreamType[] = ['EEG', 'MOTION', 'PM', 'BP'];
const EDF_STREAM_TYPES: readonly ExportStreamType[] = ['EEG', 'MOTION'];

/**
 * Exports a stopped record of a {@link RecordSource} to files, as Cortex's `exportRecord` does for one record id.
 *
 * Like the Cortex method (cortex-api §6), but synchronous and for one record; the simulator turns a thrown
 * {@link ExportError} into a `failure` item with its `code` and `message`. The request is checked whole before any
 * file is written; each file is written under a temporary name and renamed into place.
 * - `CSV`: see `exportCsv` (one file per stream type, plus markers).
 * - `EDFPLUS` / `BDFPLUS`: one EDF+C / BDF+C file with EEG (and motion) channels and marker annotations, plus markers
 *   JSON; `EDF`: one plain EDF per stream plus markers JSON. See `exportEdf` for the labels, ranges, padding and
 *   annotation texts.
 *
 * ## Example
 * ```ts
 * import { exportRecord, type RecordSource } from 'cortex-rx/simulator';
 * declare const source: RecordSource; // the simulator's record store, or your own records (see RecordSource)
 * const { files } = exportRecord(source, recordId, { folder: '/tmp/out', format: 'EDFPLUS', streamTypes: ['EEG', 'MOTION'] });
 * ```
 *
 * @param store where the record is read from (the simulator's record store, or any {@link RecordSource}).
 * @param recordId the record to export.
 * @param config `folder`, `format`, `streamTypes` and `[config.version='V1']` (CSV only).
 * @returns the files written.
 * @throws ExportError `RECORD_NOT_FOUND` (-32047), `RECORD_RUNNING` (-32017), `FOLDER_NOT_FOUND` (-32602),
 *   `UNSUPPORTED` (-32602: an unknown format, version or stream type, no stream type, or an EDF format asked for
 *   PM or BP),
 *   `NO_DATA` (-32602: a requested stream not stored or empty), `IO_FAILED` (-32603).
 */
export function exportRecord(store: RecordSource, recordId: string, config: ExportConfig): ExportResult {
  return runSteps(exportRecordSteps(store, recordId, config));
}

/**
 * {@link exportRecord} in steps of a few thousand rows each (see `ExportSteps`): the simulator's exportRecord handler
 * runs them over event-loop turns (`runStepsInTurns`), so an export never stalls other apps' streams. The request is
 * checked before the first step.
 *
 * ## Example
 * ```ts
 * const { files } = await runStepsInTurns(exportRecordSteps(store, recordId, { folder, format: 'CSV', streamTypes: ['EEG'] }));
 * ```
 * @returns the steps, which return the files written.
 * @throws ExportError as {@link exportRecord}, from the first step on.
 */
export function* exportRecordSteps(
  store: RecordSource,
  recordId: string,
  config: ExportConfig,
): ExportSteps<ExportResult> {
  const stored = store.get(recordId);
  if (stored === undefined) throw new ExportError('RECORD_NOT_FOUND', `Record ${recordId} does not exist.`);
  if (stored.running) {
    throw new ExportError('RECORD_RUNNING', `Record ${recordId} is still running: stop it before exporting it.`);
  }
  const { folder, format, version } = config;
  let isDir = false;
  try {
    isDir = fs.statSync(folder).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) {
    throw new ExportError(
      'FOLDER_NOT_FOUND',
      `Invalid Parameters: 'folder' must be an existing directory, got ${JSON.stringify(folder)}.`,
    );
  }
  if (!FORMATS.includes(format)) {
    throw new ExportError(
      'UNSUPPORTED',
      `Invalid Parameters: 'format' must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(format)}.`,
    );
  }
  if (version !== undefined && version !== 'V1' && version !== 'V2') {
    throw new ExportError(
      'UNSUPPORTED',
      `Invalid Parameters: 'version' must be V1 or V2, got ${JSON.stringify(version)}.`,
    );
  }
  const streamTypes = [...new Set(config.streamTypes)];
  const unknown = streamTypes.filter((t) => !STREAM_TYPES.includes(t));
  if (streamTypes.length === 0 || unknown.length > 0) {
    throw new ExportError(
      'UNSUPPORTED',
      `Invalid Parameters: 'streamTypes' must be a non-empty subset of ${STREAM_TYPES.join(', ')}, got ${JSON.stringify(config.streamTypes)}.`,
    );
  }
  const notEdf = streamTypes.filter((t) => !EDF_STREAM_TYPES.includes(t));
  if (format !== 'CSV' && notEdf.length > 0) {
    // Cortex: "If the format is EDF then only EEG and MOTION are available" (§6): PM or BP are refused, not dropped.
    throw new ExportError(
      'UNSUPPORTED',
      `Invalid Parameters: format ${format} exports only EEG and MOTION, got ${notEdf.join(', ')}.`,
    );
  }
  try {
    const files =
      format === 'CSV'
        ? yield* exportCsv(store, stored, { folder, streamTypes, version: version ?? 'V1' })
        : yield* exportEdf(store, stored, {
            folder,
            format,
            eeg: streamTypes.includes('EEG'),
            motion: streamTypes.includes('MOTION'),
          });
    return { files };
  } catch (e) {
    if (e instanceof ExportError) throw e;
    throw new ExportError('IO_FAILED', `Exporting record ${recordId} failed: ${(e as Error).message}`, e);
  }
}
