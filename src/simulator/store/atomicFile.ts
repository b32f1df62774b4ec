// Crash-safe file helpers of the record store: complete writes, directory fsync, atomic replacement.
import * as fs from 'fs';
import * as path from 'path';

/**
 * Writes all of `bytes` at the end of `fd` (writeSync may write less than asked).
 *
 * ## Example
 * ```ts
 * const fd = fs.openSync(file, 'a');
 * writeAll(fd, new Uint8Array(rows.buffer, 0, rowCount * rowBytes));
 * ```
 */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}

/**
 * fsyncs a directory so a rename or a new entry in it survives a power loss; not every platform allows it.
 *
 * ## Example
 * ```ts
 * fs.mkdirSync(path.join(recordsDir, uuid));
 * syncDir(recordsDir); // the new directory entry is durable
 * ```
 */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a directory; there the rename is as durable as the platform makes it.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Replaces `file` atomically: write `file.tmp`, fsync it, rename it over `file`, fsync the directory. A crash leaves
 * either the old or the new content, never a mix. `file.tmp` is removed first (a crash's leftover, or a link planted
 * there) and created exclusively (`wx`: O_CREAT | O_EXCL never follows a symbolic link), so the write cannot be
 * redirected out of the directory; the rename replaces a link at `file` itself, never what it points to.
 *
 * ## Example
 * ```ts
 * writeFileAtomic(path.join(dir, 'meta.json'), JSON.stringify(meta));
 * ```
 */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  fs.rmSync(tmp, { force: true });
  const fd = fs.openSync(tmp, 'wx');
  try {
    writeAll(fd, Buffer.from(text, 'utf8'));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDir(path.dirname(file));
}
