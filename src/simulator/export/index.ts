// The record exporters of the simulator.
export { exportRecord } from './exportRecord';
export type { ExportConfig, ExportFormat, ExportResult, ExportStreamType } from './exportRecord';
export { ExportError } from './exportError';
export type { ExportErrorReason } from './exportError';
export { exportCsv } from './exportCsv';
export type { CsvExportConfig, CsvStreamType } from './exportCsv';
export { exportEdf } from './exportEdf';
export type { EdfExportConfig, EdfFormat } from './exportEdf';
export { encodeEdfHeader } from './encodeEdfHeader';
export type { EdfHeader, EdfSignalHeader } from './encodeEdfHeader';
export { encodeTal } from './encodeTal';
export { formatEdfNumber } from './formatEdfNumber';
export type { EdfRounding } from './formatEdfNumber';
export { csvField } from './csvField';
export { exportFileStem } from './exportFileStem';
export { StoreRowReader } from './storeRowReader';
export { writeOutputFile } from './writeOutputFile';
