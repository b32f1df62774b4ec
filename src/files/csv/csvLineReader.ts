import { closeSync, openSync, readSync } from 'fs';

const BLOCK_BYTES = 1 << 16;

/**
 * Reads a text file line by line in 64 KiB blocks (CRLF or LF; empty lines skipped), holding one block and one partial
 * line at a time: the streaming read of a CSV export.
 *
 * ## Example
 * ```ts
 * const lines = new CsvLineReader('run_EEG.csv');
 * for (let line = lines.next(); line !== undefined; line = lines.next()) console.log(line);
 * lines.close();
 * ```
 */
export class CsvLineReader {
  private fd: number | undefined;
  private position = 0;
  private rest = '';
  private lines: string[] = [];
  private eof = false;
  private readonly block = Buffer.alloc(BLOCK_BYTES);
  private readonly decoder = new TextDecoder('utf-8');

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
  }

  /** The next non-empty line, or undefined at the end of the file. */
  next(): string | undefined {
    while (this.lines.length === 0 && !this.eof) this.readBlock();
    return this.lines.shift();
  }

  /** Closes the file. Idempotent. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private readBlock(): void {
    if (this.fd === undefined) throw new Error(`${this.path}: read after close`);
    const got = readSync(this.fd, this.block, 0, BLOCK_BYTES, this.position);
    this.position += got;
    let text = this.rest + this.decoder.decode(this.block.subarray(0, got), { stream: got > 0 });
    if (got === 0) {
      this.eof = true;
      text += '\n';
    }
    const parts = text.split(/\r?\n/);
    this.rest = parts.pop() ?? '';
    for (const line of parts) if (line.length > 0) this.lines.push(line);
  }
}
