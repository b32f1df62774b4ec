import * as fs from 'fs';
import { isoLocal } from '../isoTime';
import { BYTES_PER_FLOAT64, streamFile, writeMeta, type RecordEntry } from './recordFiles';

/**
 * Recovers one record at start-up: truncates a torn last row (a partial write) of every stream file, and marks a
 * record a killed process left running as stopped, with `endDatetime` = the time of its last complete stored row (its
 * `startDatetime` if it has none). The metadata is replaced atomically.
 *
 * ## Example
 * ```ts
 * const entry: RecordEntry = { dir, meta: parsedMetaJson, writer: undefined };
 * recoverRecord(entry); // entry.meta.running is false afterwards
 * ```
 * @param entry a record read from disk; its `meta` is updated in place.
 */
export function recoverRecord(entry: RecordEntry): void {
  let lastTimeS = -Infinity;
  for (const layout of entry.meta.streams) {
    const file = streamFile(entry.dir, layout.stream);
    if (!fs.existsSync(file)) continue;
    const rowBytes = (1 + layout.columns.length) * BYTES_PER_FLOAT64;
    const size = fs.statSync(file).size;
    const rows = Math.floor(size / rowBytes);
    const fd = fs.openSync(file, 'r+');
    try {
      if (size !== rows * rowBytes) {
        fs.ftruncateSync(fd, rows * rowBytes);
        fs.fsyncSync(fd);
      }
      if (rows > 0) {
        const last = Buffer.alloc(BYTES_PER_FLOAT64);
        fs.readSync(fd, last, 0, BYTES_PER_FLOAT64, (rows - 1) * rowBytes);
        lastTimeS = Math.max(lastTimeS, last.readDoubleLE(0));
      }
    } finally {
      fs.closeSync(fd);
    }
  }
  const meta = entry.meta;
  if (!meta.running) return;
  meta.running = false;
  meta.record.endDatetime = Number.isFinite(lastTimeS) ? isoLocal(lastTimeS * 1000) : meta.record.startDatetime;
  writeMeta(entry);
}
