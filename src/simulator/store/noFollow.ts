// Reading and opening a record's files without following symbolic links: a link planted in the data dir must never
// make the store read, truncate or write a file outside it.
import * as fs from 'fs';

/** O_NOFOLLOW where the platform has it (0 on Windows, where the lstat checks alone apply). */
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const FLAGS = { r: fs.constants.O_RDONLY, 'r+': fs.constants.O_RDWR } as const;

/**
 * What a path in the data dir is, seen with `lstat` (links are not followed): a regular file and its size, absent,
 * or something the store refuses (a symbolic link, a directory, a device...), with the reason.
 *
 * ## Example
 * ```ts
 * const f = inspectFile(path.join(dir, 'eeg.f64'));
 * if (f.kind === 'refused') quarantine(dir, f.reason); else if (f.kind === 'file') rows = f.sizeBytes / rowBytes;
 * ```
 */
export function inspectFile(
  file: string,
): { kind: 'file'; sizeBytes: number } | { kind: 'absent' } | { kind: 'refused'; reason: string } {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'refused', reason: `${file} cannot be read: ${(e as Error).message}` };
  }
  if (st.isFile()) return { kind: 'file', sizeBytes: st.size };
  return { kind: 'refused', reason: `${file} is ${describeNonFile(st)}, not a regular file: refused` };
}

/**
 * Opens a regular file of the data dir without following a symbolic link (O_NOFOLLOW), and checks that what was
 * opened is a regular file.
 *
 * ## Example
 * ```ts
 * const fd = openNoFollow(path.join(dir, 'eeg.f64'), 'r');
 * try { fs.readSync(fd, buffer, 0, buffer.length, 0); } finally { fs.closeSync(fd); }
 * ```
 * @throws Error naming the file when it is a symbolic link or not a regular file; fs errors (ENOENT...) otherwise.
 */
export function openNoFollow(file: string, mode: 'r' | 'r+'): number {
  let fd: number;
  try {
    fd = fs.openSync(file, FLAGS[mode] | O_NOFOLLOW);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new Error(`${file} is a symbolic link, not a regular file: refused`, { cause: e });
    }
    throw e;
  }
  const st = fs.fstatSync(fd);
  if (!st.isFile()) {
    fs.closeSync(fd);
    throw new Error(`${file} is ${describeNonFile(st)}, not a regular file: refused`);
  }
  return fd;
}

/**
 * Reads a regular file of the data dir as UTF-8 text without following a symbolic link ({@link openNoFollow}).
 *
 * ## Example
 * ```ts
 * const meta: unknown = JSON.parse(readTextNoFollow(path.join(dir, 'meta.json')));
 * ```
 * @throws Error naming the file when it is a symbolic link or not a regular file; fs errors otherwise.
 */
export function readTextNoFollow(file: string): string {
  const fd = openNoFollow(file, 'r');
  try {
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function describeNonFile(st: fs.Stats): string {
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isDirectory()) return 'a directory';
  return 'a special file';
}
