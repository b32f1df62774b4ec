import { ERROR, type CortexRecord } from '../../protocol';
import { CortexFault } from '../cortexFault';
import { ownProperty } from '../ownProperty';

/** The keys queryRecords can sort by (§6). */
const SORTABLE = [
  'title',
  'description',
  'startDatetime',
  'modifiedDatetime',
  'duration',
  'subjectName',
  'applicationId',
];

function durationS(r: CortexRecord): number {
  if (!r.endDatetime) return 0;
  return (Date.parse(r.endDatetime) - Date.parse(r.startDatetime)) / 1000;
}

/**
 * Records sorted as queryRecords' `orderBy` says: keys in order, each ASC or DESC; a copy, the input is left as is.
 *
 * ## Example
 * ```ts
 * sortRecords(records, [{ startDatetime: 'DESC' }, { title: 'ASC' }]);
 * ```
 * @throws CortexFault -32602 for a key that cannot be sorted by.
 */
export function sortRecords(
  records: CortexRecord[],
  orderBy: ReadonlyArray<Record<string, 'ASC' | 'DESC'>>,
): CortexRecord[] {
  const keys = orderBy.flatMap((o) => Object.keys(o).map((k) => ({ key: k, desc: o[k] === 'DESC' })));
  for (const { key } of keys) {
    if (!SORTABLE.includes(key)) {
      throw new CortexFault(
        ERROR.INVALID_PARAMS,
        `Invalid Parameters: 'orderBy' cannot sort by "${key}" (sortable: ${SORTABLE.join(', ')}).`,
      );
    }
  }
  const field = (r: CortexRecord, key: string): string | number => {
    if (key === 'subjectName') return r.subject?.subjectName ?? '';
    if (key === 'duration') return durationS(r);
    const v = ownProperty(r, key);
    return typeof v === 'number' || typeof v === 'string' ? v : '';
  };
  return [...records].sort((a, b) => {
    for (const { key, desc } of keys) {
      const x = field(a, key);
      const y = field(b, key);
      if (x < y) return desc ? 1 : -1;
      if (x > y) return desc ? -1 : 1;
    }
    return 0;
  });
}
