import { ERROR } from '../../protocol';
import { CortexFault } from '../cortexFault';

/**
 * Most distinct record ids one request may name (exportRecord, getRecordInfos, deleteRecord,
 * requestToDownloadRecordData): a simulator limit that bounds the work of one request (the reference states none).
 */
export const MAX_RECORD_IDS = 100;

/**
 * The record ids of a request, deduplicated (first occurrence kept, in order) and at most {@link MAX_RECORD_IDS}:
 * a record named twice is read, exported or deleted once and reported once.
 *
 * ## Example
 * ```ts
 * recordIdList('recordIds', [a, b, a]); // [a, b]
 * recordIdList('recordIds', manyIds); // throws CortexFault -32602 beyond 100 distinct ids
 * ```
 * @param name the parameter, for the error message (`recordIds`, `records`)
 * @param ids the ids as the request gives them
 * @throws CortexFault `INVALID_PARAMS` (-32602) naming the parameter, the limit and the count
 */
export function recordIdList(name: string, ids: readonly string[]): string[] {
  const distinct = [...new Set(ids)];
  if (distinct.length > MAX_RECORD_IDS) {
    throw new CortexFault(
      ERROR.INVALID_PARAMS,
      `Invalid Parameters: '${name}' names ${distinct.length} distinct records; at most ${MAX_RECORD_IDS} per request.`,
    );
  }
  return distinct;
}
