import * as fs from 'fs';
import * as path from 'path';
import { DELETING_PREFIX, isMetaFile, metaFile, type RecordEntry } from './recordFiles';
import { readMarkerLog } from './markerLog';
import { recoverRecord } from './recoverRecord';

/** A directory under `records/` that start-up skipped, and why. */
export interface SkippedDir {
  readonly dir: string;
  readonly reason: string;
}

/**
 * Start-up of a record store: reads every record directory under `recordsDir` (in name order), finishes the deletes a
 * crash interrupted, skips directories without a readable meta.json of their own, and recovers each record
 * ({@link recoverRecord}).
 *
 * ## Example
 * ```ts
 * const { loaded, skipped } = await loadRecords(path.join(dataDir, 'records'));
 * for (const s of skipped) log(`skipped ${s.dir}: ${s.reason}`);
 * ```
 * @param recordsDir the `records/` directory of a data directory; it must exist.
 * @returns the records found, recovered, and the directories skipped.
 */
export async function loadRecords(recordsDir: string): Promise<{ loaded: RecordEntry[]; skipped: SkippedDir[] }> {
  const skipped: SkippedDir[] = [];
  const loaded: RecordEntry[] = [];
  for (const name of (await fs.promises.readdir(recordsDir)).sort()) {
    const dir = path.join(recordsDir, name);
    if (name.startsWith(DELETING_PREFIX)) {
      // A delete that crashed after its rename: finish it.
      await fs.promises.rm(dir, { recursive: true, force: true });
      continue;
    }
    if (!(await fs.promises.stat(dir)).isDirectory()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await fs.promises.readFile(metaFile(dir), 'utf8'));
    } catch (e) {
      // No meta.json: a create() that never returned. Unreadable: never written by us (it is replaced atomically).
      skipped.push({ dir, reason: `meta.json unreadable: ${(e as Error).message}` });
      continue;
    }
    if (!isMetaFile(parsed) || parsed.record.uuid !== name) {
      skipped.push({ dir, reason: 'meta.json is not a cortex-rx record of this directory' });
      continue;
    }
    if (parsed.version !== 1) {
      try {
        parsed.record.markers = readMarkerLog(dir);
      } catch (e) {
        skipped.push({ dir, reason: `markers.jsonl unreadable: ${(e as Error).message}` });
        continue;
      }
    }
    const entry: RecordEntry = { dir, meta: parsed, writer: undefined };
    recoverRecord(entry);
    loaded.push(entry);
  }
  return { loaded, skipped };
}
