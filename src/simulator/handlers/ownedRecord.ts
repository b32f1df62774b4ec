import { ERROR } from '../../protocol';
import type { AppState } from '../appState';
import { CortexFault } from '../cortexFault';
import type { RecordSource } from '../store/recordSource';
import type { StoredRecord } from '../store/storeTypes';

/**
 * A stored record of this app: another app's record is reported as missing.
 *
 * ## Example
 * ```ts
 * const stored = ownedRecord(store, app, params.record);
 * ```
 * @throws CortexFault -32047 when there is no such record of the app.
 */
export function ownedRecord(store: RecordSource, app: AppState | undefined, recordId: string): StoredRecord {
  const stored = store.get(recordId);
  if (!stored || !app || stored.appId !== app.appId) {
    throw new CortexFault(ERROR.RECORD_NOT_FOUND, 'The record does not exist or you have no permission to access it.');
  }
  return stored;
}
