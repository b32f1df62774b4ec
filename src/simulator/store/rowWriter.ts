import * as fs from 'fs';
import type { Marker } from '../../protocol';
import { writeAll } from './atomicFile';
import { markerLine, markerLogFile } from './markerLog';
import { BYTES_PER_FLOAT64, copyJson, snapshot, streamFile, writeMeta, type RecordEntry } from './recordFiles';
import { RecordStoreError } from './recordStoreError';
import type { RecordWriter, StoredRecord, StreamLayout } from './storeTypes';

/** Seconds of samples a writer's chunk buffer holds before it writes early (twice the largest flush interval). */
const BUFFER_SECONDS = 2;
/** Rows a chunk buffer holds at least, whatever the rate. */
const MIN_BUFFER_ROWS = 64;

/** One stream of a live writer: its open file and the chunk buffer of rows not yet written. */
interface LiveStream {
  readonly layout: StreamLayout;
  /** Numbers per row: time plus the columns. */
  readonly width: number;
  readonly fd: number;
  readonly buffer: Float64Array;
  readonly capacityRows: number;
  rows: number;
  /** Rows written since the last fdatasync. */
  unsynced: boolean;
}

/**
 * The live writer of one record: a chunk buffer per stream, appended rows written every flush, marker changes
 * appended to the record's marker log (markerLog.ts) every flush; meta.json is written at create, update and stop. `RecordStore.create` makes one and hands it out as a {@link RecordWriter}.
 *
 * ## Example
 * ```ts
 * const writer = new RowWriter(entry, (w) => writers.delete(w)); // opens <dir>/<stream>.f64 for every layout
 * writer.persistMeta(); // meta.json last: a directory without it is a create that never returned
 * writer.append('eeg', timeS, values);
 * writer.flush(true); // write and fdatasync the buffered rows
 * ```
 */
export class RowWriter implements RecordWriter {
  private readonly streams = new Map<StreamLayout['stream'], LiveStream>();
  /** The marker log, open for appending, and the lines of marker changes not yet written to it. */
  private markerFd = -1;
  private markerText = '';
  private markersUnsynced = false;
  /** Index of each marker in the record's markers, by uuid. */
  private readonly markerIndex = new Map<string, number>();
  private state: 'running' | 'stopped' | 'closed' = 'running';
  private failure: RecordStoreError | undefined;

  constructor(
    private readonly entry: RecordEntry,
    private readonly onEnd: (writer: RowWriter) => void,
  ) {
    try {
      for (const layout of entry.meta.streams) {
        const width = 1 + layout.columns.length;
        const capacityRows = Math.max(MIN_BUFFER_ROWS, Math.ceil(layout.sampleRateHz * BUFFER_SECONDS));
        // Exclusive (`wx`): a new record's files are new; a link planted at their names is not followed.
        const fd = fs.openSync(streamFile(entry.dir, layout.stream), 'wx');
        this.streams.set(layout.stream, {
          layout,
          width,
          fd,
          buffer: new Float64Array(capacityRows * width),
          capacityRows,
          rows: 0,
          unsynced: false,
        });
      }
      this.markerFd = fs.openSync(markerLogFile(entry.dir), 'ax');
    } catch (e) {
      this.closeFiles();
      throw new RecordStoreError(
        'IO_FAILED',
        `creating the files of record ${this.recordId} failed: ${(e as Error).message}`,
        e,
      );
    }
  }

  get recordId(): string {
    return this.entry.meta.record.uuid;
  }

  append(stream: StreamLayout['stream'], timeS: number, values: ArrayLike<unknown>): void {
    this.assertRunning();
    const s = this.streams.get(stream);
    if (s === undefined) {
      throw new RecordStoreError('INVALID_ARGUMENT', `record ${this.recordId} has no '${stream}' stream`);
    }
    const columns = s.width - 1;
    if (values.length < columns) {
      throw new RecordStoreError(
        'INVALID_ARGUMENT',
        `'${stream}' rows of record ${this.recordId} need ${columns} values, got ${values.length}`,
      );
    }
    if (typeof timeS !== 'number' || !Number.isFinite(timeS)) {
      throw new RecordStoreError('INVALID_ARGUMENT', `timeS must be a finite number of seconds, got ${timeS}`);
    }
    if (s.rows === s.capacityRows) this.writeRows(s);
    const buf = s.buffer;
    let o = s.rows * s.width;
    buf[o++] = timeS;
    for (let i = 0; i < columns; i++) {
      const v = values[i];
      buf[o + i] = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : NaN;
    }
    s.rows++;
  }

  addMarker(marker: Marker): void {
    this.assertRunning();
    const markers = this.entry.meta.record.markers;
    if (this.markerIndex.has(marker.uuid)) {
      throw new RecordStoreError('MARKER_EXISTS', `record ${this.recordId} already has marker ${marker.uuid}`);
    }
    const copy = copyJson(marker);
    this.markerIndex.set(copy.uuid, markers.length);
    markers.push(copy);
    this.markerText += markerLine(copy);
  }

  updateMarker(uuid: string, patch: Partial<Marker>): Marker | undefined {
    this.assertRunning();
    const markers = this.entry.meta.record.markers;
    const i = this.markerIndex.get(uuid);
    const current = i === undefined ? undefined : markers[i];
    if (i === undefined || current === undefined) return undefined;
    const updated: Marker = { ...current, ...copyJson(patch), uuid };
    markers[i] = updated;
    this.markerText += markerLine(updated);
    return copyJson(updated);
  }

  stop(endDatetime: string): StoredRecord {
    this.assertRunning();
    this.flush(true);
    this.closeFiles();
    this.state = 'stopped';
    const meta = this.entry.meta;
    meta.record.endDatetime = endDatetime;
    meta.running = false;
    this.persistMeta();
    this.entry.writer = undefined;
    this.onEnd(this);
    return snapshot(meta);
  }

  /**
   * Writes buffered rows (and syncs them and dirty metadata when `sync`). Called by the store's timer, before reads,
   * by stop and by close. After a failure nothing more is written (a half-written chunk would misalign the rows).
   * @throws RecordStoreError `IO_FAILED`, now or from an earlier failure.
   */
  flush(sync: boolean): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.state !== 'running') return;
    try {
      for (const s of this.streams.values()) {
        this.writeRows(s);
        if (sync && s.unsynced) {
          fs.fdatasyncSync(s.fd);
          s.unsynced = false;
        }
      }
      this.writeMarkers(sync);
    } catch (e) {
      this.failure = new RecordStoreError(
        'IO_FAILED',
        `writing record ${this.recordId} failed: ${(e as Error).message}`,
        e,
      );
      throw this.failure;
    }
  }

  /** Store close: flush and sync everything, close the files, leave the record marked running on disk. */
  close(): void {
    if (this.state !== 'running') return;
    this.flush(true);
    this.closeFiles();
    this.state = 'closed';
    this.entry.writer = undefined;
  }

  /** Writes the metadata now (store.update on a running record). */
  persistMeta(): void {
    writeMeta(this.entry);
  }

  /** Appends the marker changes since the last flush to the log (and syncs it when `sync`). */
  private writeMarkers(sync: boolean): void {
    if (this.markerText !== '') {
      writeAll(this.markerFd, Buffer.from(this.markerText, 'utf8'));
      this.markerText = '';
      this.markersUnsynced = true;
    }
    if (sync && this.markersUnsynced) {
      fs.fdatasyncSync(this.markerFd);
      this.markersUnsynced = false;
    }
  }

  private writeRows(s: LiveStream): void {
    if (s.rows === 0) return;
    const byteLength = s.rows * s.width * BYTES_PER_FLOAT64;
    writeAll(s.fd, new Uint8Array(s.buffer.buffer, s.buffer.byteOffset, byteLength));
    s.rows = 0;
    s.unsynced = true;
  }

  /** create() failed after the files were opened: close them, the record never existed. */
  abandon(): void {
    this.closeFiles();
    this.state = 'closed';
  }

  private closeFiles(): void {
    for (const s of this.streams.values()) fs.closeSync(s.fd);
    if (this.markerFd >= 0) fs.closeSync(this.markerFd);
    this.markerFd = -1;
  }

  private assertRunning(): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.state === 'stopped') throw new RecordStoreError('RECORD_STOPPED', `record ${this.recordId} is stopped`);
    if (this.state === 'closed') throw new RecordStoreError('STORE_CLOSED', `the record store is closed`);
  }
}
