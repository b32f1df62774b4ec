// Moving a damaged entry of `records/` aside into `<dataDir>/quarantine/`, so the store starts without it and a
// person can look at it later.
import * as fs from 'fs';
import * as path from 'path';
import { syncDir } from './atomicFile';

/**
 * A damaged entry of `records/` that the store set aside at start-up: its name (the record id when it is one), why,
 * and where it is now (undefined when it could not be moved and was left in place, ignored).
 *
 * ## Example
 * ```ts
 * const q: QuarantinedRecord = { recordId: 'rec-1', reason: 'meta.json is not valid JSON: ...', movedTo: '/data/quarantine/rec-1' };
 * ```
 */
export interface QuarantinedRecord {
  readonly recordId: string;
  readonly reason: string;
  readonly movedTo: string | undefined;
}

/** Suffixes tried after `<name>` when the quarantine already holds an entry of that name. */
const MAX_SUFFIX = 1000;

/**
 * Moves `records/<name>` (a directory, a file or a symbolic link: a link itself is moved, never what it points to)
 * into `quarantineDir` as `<name>`, or `<name>.1`, `<name>.2`... when taken. The quarantine directory is created
 * when needed; if it is a symbolic link or cannot be made, or the rename fails, the entry is left in place.
 *
 * ## Example
 * ```ts
 * const q = await quarantine(recordsDir, 'rec-1', path.join(dataDir, 'quarantine'), 'meta.json is not valid JSON');
 * log(`quarantined ${q.recordId}: ${q.reason}`);
 * ```
 * @returns the report of the entry, with where it went.
 */
export async function quarantine(
  recordsDir: string,
  name: string,
  quarantineDir: string,
  reason: string,
): Promise<QuarantinedRecord> {
  try {
    await fs.promises.mkdir(quarantineDir, { recursive: true });
    if (!(await fs.promises.lstat(quarantineDir)).isDirectory()) {
      throw new Error(`${quarantineDir} is not a directory (a symbolic link?)`);
    }
    for (let n = 0; n <= MAX_SUFFIX; n++) {
      const target = path.join(quarantineDir, n === 0 ? name : `${name}.${n}`);
      if (await exists(target)) continue;
      await fs.promises.rename(path.join(recordsDir, name), target);
      syncDir(quarantineDir);
      syncDir(recordsDir);
      return { recordId: name, reason, movedTo: target };
    }
    throw new Error(`${quarantineDir} already holds ${name} and ${MAX_SUFFIX} more of that name`);
  } catch (e) {
    return { recordId: name, reason: `${reason} (left in place: ${(e as Error).message})`, movedTo: undefined };
  }
}

/**
 * The one log line that reports a start-up's quarantined records, or undefined when there are none.
 *
 * ## Example
 * ```ts
 * quarantineLine([{ recordId: 'rec-1', reason: 'no meta.json', movedTo: '/data/quarantine/rec-1' }]);
 * // 'quarantined 1 damaged record(s): rec-1 (no meta.json) moved to /data/quarantine/rec-1'
 * ```
 */
export function quarantineLine(records: readonly QuarantinedRecord[]): string | undefined {
  if (records.length === 0) return undefined;
  const items = records.map(
    (q) => `${q.recordId} (${q.reason})${q.movedTo === undefined ? '' : ` moved to ${q.movedTo}`}`,
  );
  // One line whatever the names hold: a file name may contain a newline.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  return `quarantined ${records.length} damaged record(s): ${items.join('; ')}`.replace(/[\u0000-\u001f\u007f]/g, '?');
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.promises.lstat(file);
    return true;
  } catch {
    return false;
  }
}
