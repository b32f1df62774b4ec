// Recorded data as streams (cortex-rx/files): EDF, EDF+, BDF, BDF+ and CSV exports, read whole or streamed as eeg frames.
export { readEdf } from './readEdf';
export type { EdfRecording, EdfOtherSignal, ReadEdfConfig } from './readEdf';
export { fromEdf } from './fromEdf';
export { fromCsvExport } from './fromCsvExport';
export type { CsvStreamConfig } from './fromCsvExport';
export type { FileStreamConfig } from './fileStreamConfig';
export { FileFormatError } from './fileFormatError';
// The shapes the readers produce (also exported by cortex-rx).
export type { EegCapture, EegFrame, EegMarker } from '../observables';
export type { MarkerEvent } from '../operators';
