import * as fs from 'fs';
import * as path from 'path';
import { inspectFile, readTextNoFollow } from './noFollow';
import { quarantine, type QuarantinedRecord } from './quarantine';
import { DELETING_PREFIX, isMetaFile, metaFile, type RecordEntry } from './recordFiles';
import { readMarkerLog } from './markerLog';
import { recoverRecord } from './recoverRecord';

/**
 * Start-up of a record store: reads every entry of `recordsDir` (in name order), finishes the deletes a crash
 * interrupted, recovers each record ({@link recoverRecord}) and moves every damaged entry into `quarantineDir`
 * (see quarantine): a symbolic link or a file where a record directory should be, a directory without a meta.json
 * (a create that never returned) or with one that is not valid JSON, not a cortex-rx record of that directory, or
 * not a regular file, and a record whose stream files recovery refuses. Links are never followed.
 *
 * ## Example
 * ```ts
 * const { loaded, quarantined } = await loadRecords(path.join(dataDir, 'records'), path.join(dataDir, 'quarantine'));
 * for (const q of quarantined) log(`quarantined ${q.recordId}: ${q.reason}`);
 * ```
 * @param recordsDir the `records/` directory of a data directory; it must exist.
 * @param quarantineDir where damaged entries go (created when needed).
 * @returns the records found and recovered, and the entries quarantined.
 */
export async function loadRecords(
  recordsDir: string,
  quarantineDir: string,
): Promise<{ loaded: RecordEntry[]; quarantined: QuarantinedRecord[] }> {
  const quarantined: QuarantinedRecord[] = [];
  const loaded: RecordEntry[] = [];
  for (const name of (await fs.promises.readdir(recordsDir)).sort()) {
    const dir = path.join(recordsDir, name);
    if (name.startsWith(DELETING_PREFIX)) {
      // A delete that crashed after its rename: finish it (rm removes a link itself, never what it points to).
      await fs.promises.rm(dir, { recursive: true, force: true });
      continue;
    }
    let damage: string | undefined;
    let entry: RecordEntry | undefined;
    try {
      const read = await readEntry(dir, name);
      if (typeof read === 'string') damage = read;
      else {
        entry = read;
        damage = recoverRecord(entry);
      }
    } catch (e) {
      damage = `unreadable: ${(e as Error).message}`;
    }
    if (damage === undefined && entry !== undefined) loaded.push(entry);
    else quarantined.push(await quarantine(recordsDir, name, quarantineDir, damage ?? 'unreadable'));
  }
  return { loaded, quarantined };
}

/** The record of one entry of `records/`, or why it is not one (read without following links). */
async function readEntry(dir: string, name: string): Promise<RecordEntry | string> {
  const st = await fs.promises.lstat(dir);
  if (st.isSymbolicLink()) return 'a symbolic link where a record directory should be';
  if (!st.isDirectory()) return 'not a record directory';
  const file = metaFile(dir);
  const f = inspectFile(file);
  if (f.kind === 'absent') return 'no meta.json (a record whose creation never finished)';
  if (f.kind === 'refused') return f.reason;
  const text = readTextNoFollow(file);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    // Never written by us: meta.json is replaced atomically.
    return `meta.json is not valid JSON: ${(e as Error).message}`;
  }
  if (!isMetaFile(parsed) || parsed.record.uuid !== name) {
    return 'meta.json is not a cortex-rx record of this directory';
  }
  // From version 2 the markers are in their append-only log (version 1 kept them in meta.json).
  if (parsed.version !== 1) {
    try {
      parsed.record.markers = readMarkerLog(dir);
    } catch (e) {
      return `markers.jsonl unreadable: ${(e as Error).message}`;
    }
  }
  return { dir, meta: parsed, writer: undefined };
}
