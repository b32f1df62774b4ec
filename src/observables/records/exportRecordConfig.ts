/** Params of `client.exportRecord()` (exportRecord, §6). */
export interface ExportRecordConfig {
  readonly recordIds: readonly string[];
  /** An existing folder on the machine running Cortex. */
  readonly folder: string;
  readonly format: 'EDF' | 'EDFPLUS' | 'BDFPLUS' | 'CSV';
  readonly streamTypes: ReadonlyArray<'EEG' | 'MOTION' | 'PM' | 'BP'>;
  /** CSV only. */
  readonly version?: 'V1' | 'V2';
  /** Longest wait for warning 30 of a record still being post-processed (default 60 000 ms). */
  readonly postProcessingTimeoutMs?: number;
}
