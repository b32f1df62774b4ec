import { ERROR } from '../../protocol';
import { CortexFault } from '../cortexFault';

/**
 * The `failure` item of a per-record result (deleteRecord, exportRecord, ...) for an error: a `CortexFault` or an
 * error with a numeric `code` (ExportError) keeps its code; anything else is an internal error.
 *
 * ## Example
 * ```ts
 * try { exportOne(recordId); success.push({ recordId }); } catch (err) { failure.push(itemFailure(recordId, err)); }
 * ```
 */
export function itemFailure(recordId: string, err: unknown): { recordId: string; code: number; message: string } {
  if (err instanceof CortexFault) return { recordId, code: err.code, message: err.message };
  const code =
    typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : ERROR.INTERNAL_ERROR;
  return { recordId, code, message: err instanceof Error ? err.message : String(err) };
}
