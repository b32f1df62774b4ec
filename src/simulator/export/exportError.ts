import { ERROR } from '../../protocol';

/**
 * Why an export failed; each reason has one Cortex error code (see {@link ExportError}).
 *
 * ## Example
 * ```ts
 * if (err instanceof ExportError && err.reason === 'RECORD_RUNNING') console.log('stop the record first');
 * ```
 */
export type ExportErrorReason =
  | 'RECORD_NOT_FOUND'
  | 'RECORD_RUNNING'
  | 'FOLDER_NOT_FOUND'
  | 'UNSUPPORTED'
  | 'NO_DATA'
  | 'IO_FAILED';

/** The Cortex error code answered for each reason (cortex-api §9; the record codes are the simulator's choice). */
const CODE_OF: Readonly<Record<ExportErrorReason, number>> = {
  RECORD_NOT_FOUND: ERROR.RECORD_NOT_FOUND,
  // v1 "record already started": the record must be stopped before it can be exported.
  RECORD_RUNNING: ERROR.RECORD_ALREADY_STARTED,
  FOLDER_NOT_FOUND: ERROR.INVALID_PARAMS,
  UNSUPPORTED: ERROR.INVALID_PARAMS,
  NO_DATA: ERROR.INVALID_PARAMS,
  IO_FAILED: ERROR.INTERNAL_ERROR,
};

/**
 * The error `exportRecord` throws: a Cortex-like numeric `code` (what the simulator answers in the per-record
 * `failure` item) plus a stable `reason`.
 *
 * Codes: `RECORD_NOT_FOUND` → -32047 (`ERROR.RECORD_NOT_FOUND`), `RECORD_RUNNING` → -32017
 * (`ERROR.RECORD_ALREADY_STARTED`), `FOLDER_NOT_FOUND`, `UNSUPPORTED` and `NO_DATA` → -32602
 * (`ERROR.INVALID_PARAMS`), `IO_FAILED` → -32603 (`ERROR.INTERNAL_ERROR`).
 *
 * ## Example
 * ```ts
 * import { exportRecord, ExportError } from 'cortex-rx/simulator';
 * try {
 *   exportRecord(store, id, { folder: '/tmp', format: 'EDF', streamTypes: ['PM'] });
 * } catch (e) {
 *   if (e instanceof ExportError) console.log(e.code, e.reason, e.message); // -32602 'UNSUPPORTED' 'Invalid Parameters: ...'
 * }
 * ```
 */
export class ExportError extends Error {
  /** The Cortex error code. */
  readonly code: number;

  /**
   * @param reason why the export failed.
   * @param message what went wrong, naming the record and the parameter.
   * @param cause the underlying error (an fs error for `IO_FAILED`).
   */
  constructor(
    readonly reason: ExportErrorReason,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ExportError';
    this.code = CODE_OF[reason];
  }
}
