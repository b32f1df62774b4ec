import type { StreamName } from '../protocol';

/**
 * A data frame `{"<stream>":<body>,"sid":"...","time":<s>}` (§1.4), `time` already formatted.
 *
 * ## Example
 * ```ts
 * frameOf('pow', '[1,2]', sid, '1570583903.9613'); // '{"pow":[1,2],"sid":"…","time":1570583903.9613}'
 * ```
 */
export function frameOf(stream: StreamName, body: string, sid: string, time: string): string {
  return `{"${stream}":${body},"sid":"${sid}","time":${time}}`;
}

/**
 * A sample row as JSON array text without brackets: `digits` decimals, integers as they are, NaN as `null`.
 *
 * ## Example
 * ```ts
 * `[${formatRow([1, 2.5, NaN], 3)}]`; // '[1,2.500,null]'
 * ```
 */
export function formatRow(row: ArrayLike<number>, digits: number): string {
  let s = '';
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    // NaN (an estimate with too little data) is not JSON: Cortex sends null for inactive values (§1.4).
    const text = Number.isFinite(v) ? (Number.isInteger(v) ? String(v) : v.toFixed(digits)) : 'null';
    s += (i === 0 ? '' : ',') + text;
  }
  return s;
}
