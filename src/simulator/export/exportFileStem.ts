import type { CortexRecord } from '../../protocol';

/** Longest title part of a file name (characters). */
const MAX_TITLE_CHARS = 64;

/**
 * The common start of an export's file names: `<title>_<recordId>`, the title sanitised for every file system.
 *
 * Runs of characters other than `A-Z a-z 0-9 . _ -` become one `_`, leading/trailing `_` and `.` are trimmed, the
 * title is cut to 64 characters, and an empty result becomes `record`. The record id keeps names unique.
 *
 * ## Example
 * ```ts
 * exportFileStem({ uuid: 'db01c15e-d916-4a7b-9f1d-16295fd1c643', title: 'Run 1: eyes/closed', startDatetime: '' });
 * // 'Run_1_eyes_closed_db01c15e-d916-4a7b-9f1d-16295fd1c643'
 * ```
 *
 * @param record the record (its `title` and `uuid`).
 * @returns the file name stem, without extension.
 */
export function exportFileStem(record: Pick<CortexRecord, 'uuid' | 'title'>): string {
  const title =
    record.title
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .slice(0, MAX_TITLE_CHARS)
      .replace(/^[_.]+|[_.]+$/g, '') || 'record';
  return `${title}_${record.uuid}`;
}
