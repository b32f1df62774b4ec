import type { ReadStreamConfig, StoredRecord, StreamData, StreamLayout } from './storeTypes';

/**
 * What the exporters read a record from: its metadata and its rows, in chunks. The simulator's record store is one;
 * any other storage of Cortex-shaped records can be exported to Cortex's CSV and EDF+ formats by implementing it.
 *
 * ## Example
 * ```ts
 * import { exportRecord, type RecordSource } from 'cortex-rx/simulator';
 * const source: RecordSource = {
 *   get: (id) => (id === stored.record.uuid ? stored : undefined),
 *   countRows: (_id, stream) => (stream === 'eeg' ? eeg.rows : undefined),
 *   readStream: (_id, stream, { startRow = 0, maxRows = Infinity } = {}) => (stream === 'eeg' ? sliceRows(eeg, startRow, maxRows) : undefined),
 * };
 * exportRecord(source, stored.record.uuid, { folder: '/tmp/out', format: 'EDFPLUS', streamTypes: ['EEG'] });
 * ```
 */
export interface RecordSource {
  /** One record, or undefined when there is none with that uuid. */
  get(recordId: string): StoredRecord | undefined;
  /** The number of rows of a stream, or undefined when the record or the stream does not exist. */
  countRows(recordId: string, stream: StreamLayout['stream']): number | undefined;
  /** Rows `[startRow, startRow + maxRows)` of a stream (clipped), or undefined when the record or the stream does not exist. */
  readStream(recordId: string, stream: StreamLayout['stream'], config?: ReadStreamConfig): StreamData | undefined;
}
