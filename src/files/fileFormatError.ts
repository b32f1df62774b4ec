/**
 * A recorded file that cortex-rx/files cannot read: not EDF/BDF, a header that breaks the specification, a data
 * length that does not match the header, channels at rates that cannot be told apart, a CSV without samples. The
 * message names the file and the rule.
 *
 * ## Example
 * ```ts
 * import { readEdf, FileFormatError } from 'cortex-rx/files';
 * try {
 *   readEdf('notes.txt');
 * } catch (err) {
 *   if (err instanceof FileFormatError) console.error(err.path, err.message);
 * }
 * ```
 */
export class FileFormatError extends Error {
  constructor(
    /** The file that was read. */
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'FileFormatError';
  }
}
