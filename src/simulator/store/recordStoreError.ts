/**
 * Stable codes of {@link RecordStoreError}.
 *
 * ## Example
 * ```ts
 * const code: RecordStoreErrorCode = 'RECORD_NOT_FOUND';
 * ```
 */
export type RecordStoreErrorCode =
  | 'RECORD_NOT_FOUND'
  | 'RECORD_EXISTS'
  | 'RECORD_RUNNING'
  | 'RECORD_STOPPED'
  | 'MARKER_EXISTS'
  | 'STORE_CLOSED'
  | 'INVALID_ARGUMENT'
  | 'IO_FAILED';

/**
 * The error the record store throws, with a stable `code` the simulator maps to a Cortex error.
 *
 * ## Example
 * ```ts
 * try { store.update(id, { title: 't' }); } catch (e) { if (e instanceof RecordStoreError && e.code === 'RECORD_NOT_FOUND') reply(ERROR.RECORD_NOT_FOUND); }
 * ```
 */
export class RecordStoreError extends Error {
  /**
   * @param code the stable error code.
   * @param message what went wrong, naming the record.
   * @param cause the underlying error (an fs error for `IO_FAILED`).
   */
  constructor(
    readonly code: RecordStoreErrorCode,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'RecordStoreError';
  }
}
