import type { RecordSource } from '../store/recordSource';
import type { StreamData, StreamLayout } from '../store/storeTypes';

/** Rows read from disk at a time. */
const DEFAULT_CHUNK_ROWS = 4096;

/**
 * Random access to a stored stream's rows through a window of chunks, so exporters never hold a whole record.
 *
 * Like `store.readStream`, but memory stays `O(chunkRows × columns)`: `ensure(start, count)` makes rows
 * `[start, start + count)` resident (reading them when they are not), then `timeS`/`value` read them.
 *
 * ## Example
 * ```ts
 * const eeg = new StoreRowReader(store, recordId, 'eeg');
 * for (let r = 0; r < eeg.rows; r++) { eeg.ensure(r, 1); console.log(eeg.timeS(r), eeg.value(r, 2)); }
 * ```
 */
export class StoreRowReader {
  /** Total rows of the stream. */
  readonly rows: number;
  /** Column labels, time excluded. */
  readonly columns: readonly string[];
  private chunk: StreamData | undefined;
  private chunkStart = 0;

  /**
   * @param store the store.
   * @param recordId the record.
   * @param stream a stream the record stores (its layout must exist).
   * @param [chunkRows=4096] rows read per chunk at least.
   */
  constructor(
    private readonly store: RecordSource,
    private readonly recordId: string,
    private readonly stream: StreamLayout['stream'],
    private readonly chunkRows = DEFAULT_CHUNK_ROWS,
  ) {
    const layout = store.get(recordId)?.streams.find((s) => s.stream === stream);
    if (layout === undefined) throw new RangeError(`record ${recordId} has no '${stream}' stream`);
    this.columns = layout.columns;
    this.rows = store.countRows(recordId, stream) ?? 0;
  }

  /** Makes rows `[start, start + count)` (clipped to the stream) resident. */
  ensure(start: number, count: number): void {
    const end = Math.min(this.rows, start + count);
    const c = this.chunk;
    if (c !== undefined && start >= this.chunkStart && end <= this.chunkStart + c.rows) return;
    this.chunk = this.store.readStream(this.recordId, this.stream, {
      startRow: start,
      maxRows: Math.max(this.chunkRows, end - start),
    });
    this.chunkStart = start;
  }

  /** Time of a resident row (seconds since the Unix epoch). */
  timeS(row: number): number {
    return this.resident().timesS[row - this.chunkStart] as number;
  }

  /** A value of a resident row (NaN when missing). */
  value(row: number, column: number): number {
    return this.resident().values[(row - this.chunkStart) * this.columns.length + column] as number;
  }

  private resident(): StreamData {
    if (this.chunk === undefined) throw new RangeError('StoreRowReader: call ensure() before reading rows');
    return this.chunk;
  }
}
