import * as fs from 'fs';
import { isoLocal } from '../isoTime';
import { inspectFile, openNoFollow } from './noFollow';
import { BYTES_PER_FLOAT64, streamFile, writeMeta, type RecordEntry } from './recordFiles';

/**
 * Recovers one record at start-up: truncates a torn last row (a partial write) of every stream file, and marks a
 * record a killed process left running as stopped, with `endDatetime` = the time of its last complete stored row (its
 * `startDatetime` if it has none). The metadata is replaced atomically.
 *
 * Every stream file is checked before anything is changed, without following links: a stream file that is a symbolic
 * link, a directory or another non-regular file, or whose last complete row's time is not a finite number, makes the
 * record damaged. A damaged record is left exactly as it is (nothing truncated, nothing written) and the reason is
 * returned, for the caller to quarantine it.
 *
 * ## Example
 * ```ts
 * const entry: RecordEntry = { dir, meta: parsedMetaJson, writer: undefined };
 * const damage = recoverRecord(entry); // undefined: entry.meta.running is false afterwards
 * if (damage !== undefined) quarantine(dir, damage);
 * ```
 * @param entry a record read from disk; its `meta` is updated in place.
 * @returns undefined when the record is recovered, or why it is damaged.
 */
export function recoverRecord(entry: RecordEntry): string | undefined {
  const files: { file: string; rowBytes: number; sizeBytes: number }[] = [];
  for (const layout of entry.meta.streams) {
    const file = streamFile(entry.dir, layout.stream);
    const f = inspectFile(file);
    if (f.kind === 'refused') return f.reason;
    if (f.kind === 'file') files.push({ file, rowBytes: (1 + layout.columns.length) * BYTES_PER_FLOAT64, ...f });
  }
  const lastTimesS: number[] = [];
  for (const { file, rowBytes, sizeBytes } of files) {
    const rows = Math.floor(sizeBytes / rowBytes);
    if (rows === 0) continue;
    const fd = openNoFollow(file, 'r');
    try {
      const last = Buffer.alloc(BYTES_PER_FLOAT64);
      fs.readSync(fd, last, 0, BYTES_PER_FLOAT64, (rows - 1) * rowBytes);
      const timeS = last.readDoubleLE(0);
      if (!Number.isFinite(timeS)) return `${file}: the time of the last row is ${timeS}, not rows of this record`;
      lastTimesS.push(timeS);
    } finally {
      fs.closeSync(fd);
    }
  }
  for (const { file, rowBytes, sizeBytes } of files) {
    if (sizeBytes % rowBytes === 0) continue;
    const fd = openNoFollow(file, 'r+');
    try {
      fs.ftruncateSync(fd, sizeBytes - (sizeBytes % rowBytes));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  const meta = entry.meta;
  if (!meta.running) return undefined;
  meta.running = false;
  meta.record.endDatetime =
    lastTimesS.length > 0 ? isoLocal(Math.max(...lastTimesS) * 1000) : meta.record.startDatetime;
  writeMeta(entry);
  return undefined;
}
