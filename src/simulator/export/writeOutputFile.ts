import { randomBytes } from 'crypto';
import * as fs from 'fs';
import type { ExportSteps } from './exportSteps';

/**
 * Writes an export file through a temporary name and renames it into place, so a failed export never leaves a
 * truncated file under the final name (an older export of the same record stays whole until replaced). Work in steps
 * (see `ExportSteps`): `produce` may return steps, which run between the open and the rename.
 *
 * The temporary file `<file>.<random>.tmp` sits beside the final one and is created exclusively (`wx`: O_CREAT |
 * O_EXCL, which never follows a symbolic link), so a link planted at a guessed name cannot redirect the write; the
 * rename replaces a link at the final name itself, never the file it points to.
 *
 * ## Example
 * ```ts
 * runSteps(writeOutputFile('/tmp/out.csv', (write) => { write('Timestamp,AF3\r\n'); write(Buffer.from(rows)); }));
 * ```
 *
 * @param file the final path.
 * @param produce called once with a `write` that appends text (UTF-8) or bytes to the file; it may return steps.
 * @throws whatever `produce` or the file system throws; the temporary file is removed first.
 */
export function* writeOutputFile(
  file: string,
  produce: (write: (chunk: string | Uint8Array) => void) => ExportSteps<void> | void,
): ExportSteps<void> {
  const tmp = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  const fd = fs.openSync(tmp, 'wx');
  try {
    const steps = produce((chunk) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      let offset = 0;
      while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    });
    if (steps !== undefined) yield* steps;
    fs.closeSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  fs.renameSync(tmp, file);
}
