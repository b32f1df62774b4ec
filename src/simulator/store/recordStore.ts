import * as fs from 'fs';
import * as path from 'path';
import type { CortexRecord } from '../../protocol';
import { isoLocal } from '../isoTime';
import { syncDir } from './atomicFile';
import {
  BYTES_PER_FLOAT64,
  DELETING_PREFIX,
  HOST_IS_LITTLE_ENDIAN,
  META_FORMAT,
  META_VERSION,
  SAFE_ID,
  STREAMS,
  copyJson,
  snapshot,
  streamFile,
  writeMeta,
  type MetaFile,
  type RecordEntry,
} from './recordFiles';
import { RecordStoreError } from './recordStoreError';
import { loadRecords } from './loadRecords';
import { inspectFile, openNoFollow } from './noFollow';
import type { QuarantinedRecord } from './quarantine';
import { RowWriter } from './rowWriter';
import type {
  NewRecord,
  ReadStreamConfig,
  RecordStoreConfig,
  RecordWriter,
  StoredRecord,
  StreamData,
  StreamLayout,
} from './storeTypes';
import type { RecordSource } from './recordSource';

/** The folder of the data dir where damaged records are moved at start-up. */
const QUARANTINE_DIR = 'quarantine';
/** The most a kill -9 may lose, and so the largest flush interval accepted (ms). */
const MAX_FLUSH_INTERVAL_MS = 1000;

/**
 * The simulator's permanent record store: records survive a restart and a kill -9 (losing at most `flushIntervalMs`
 * of samples and marker changes), written crash-safely.
 *
 * Like Cortex's local record database, but plain files: `<dataDir>/records/<uuid>/meta.json` (record object,
 * layouts, running flag; replaced atomically: write `meta.json.tmp`, fsync, rename, fsync the directory; version 1
 * records also hold their markers there), `<dataDir>/records/<uuid>/markers.jsonl` (append-only, one line per added
 * or changed marker: markerLog.ts) and `<dataDir>/records/<uuid>/<stream>.f64` (append-only rows of little-endian
 * float64 `[timeS, ...columns]`). One unref'd timer per store writes and `fdatasync`s every running writer's buffered
 * rows and marker lines each `flushIntervalMs`.
 *
 * On {@link RecordStore.open}, a torn last row (a partial write) is truncated away, and a record left running by a
 * killed process is marked stopped with `endDatetime` = the time of its last complete stored row (its
 * `startDatetime` if it has none). A damaged entry (see loadRecords) is moved into `<dataDir>/quarantine/` and listed
 * in {@link RecordStore.quarantined}; the store opens without it. Links in the data dir are never followed: the
 * store refuses a stream file that is a link (`IO_FAILED`) and writes its files exclusively (`wx`). One process at a
 * time may open a data directory (no lock is taken).
 *
 * ## Example
 * ```ts
 * // Internal to the simulator (src/simulator/store); startSimulator opens one in `dataDir`.
 * const store = await RecordStore.open('/var/lib/cortex-sim');
 * const writer = store.create({ record, appId, sessionId, headset, streams: [eegLayout] });
 * samples$.subscribe((f) => writer.append('eeg', f.time, f.eeg));
 * // later
 * writer.stop(isoLocal(Date.now()));
 * const eeg = store.readStream(record.uuid, 'eeg');
 * await store.close();
 * ```
 */
export class RecordStore implements RecordSource {
  private readonly entries = new Map<string, RecordEntry>();
  /** The index of records by owning app: uuids, in the order they were loaded or created. */
  private readonly byApp = new Map<string, Set<string>>();
  private readonly writers = new Set<RowWriter>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** The damaged entries of `records/` that open moved into `<dataDir>/quarantine/`, with the reason. */
  readonly quarantined: readonly QuarantinedRecord[];

  private constructor(
    private readonly recordsDir: string,
    private readonly flushIntervalMs: number,
    quarantined: readonly QuarantinedRecord[],
  ) {
    this.quarantined = quarantined;
  }

  /**
   * Opens (creating it if needed) the store in `dataDir`, loads every record's metadata and recovers the records a
   * killed process left running.
   * @param dataDir the data directory; `records/` is created inside it.
   * @param config `[config.flushIntervalMs=1000]`, at most 1000.
   * @throws RangeError for a flush interval outside (0, 1000]; an fs error when the directory cannot be created.
   */
  static async open(dataDir: string, config: RecordStoreConfig = {}): Promise<RecordStore> {
    const { flushIntervalMs = MAX_FLUSH_INTERVAL_MS } = config;
    if (!(flushIntervalMs > 0 && flushIntervalMs <= MAX_FLUSH_INTERVAL_MS)) {
      throw new RangeError(`flushIntervalMs must be in (0, ${MAX_FLUSH_INTERVAL_MS}], got ${flushIntervalMs}`);
    }
    if (!HOST_IS_LITTLE_ENDIAN) throw new RangeError('RecordStore needs a little-endian host');
    const recordsDir = path.join(dataDir, 'records');
    await fs.promises.mkdir(recordsDir, { recursive: true });
    const { loaded, quarantined } = await loadRecords(recordsDir, path.join(dataDir, QUARANTINE_DIR));
    const store = new RecordStore(recordsDir, flushIntervalMs, quarantined);
    for (const e of loaded) store.addEntry(e);
    return store;
  }

  /** Every record, in uuid order (snapshots). */
  list(): readonly StoredRecord[] {
    return [...this.entries.values()].map((e) => snapshot(e.meta));
  }

  /**
   * The records of one app, from the in-memory index (no other app's record is looked at, nothing is copied or read
   * from disk): live, read-only views, to filter and sort; copy the ones returned to a caller with {@link get}.
   */
  recordsOf(appId: string): ReadonlyArray<Readonly<CortexRecord>> {
    const ids = this.byApp.get(appId);
    if (ids === undefined) return [];
    return [...ids].map((id) => (this.entries.get(id) as RecordEntry).meta.record);
  }

  /** One record (a snapshot), or undefined when there is none with that uuid. */
  get(recordId: string): StoredRecord | undefined {
    const e = this.entries.get(recordId);
    return e === undefined ? undefined : snapshot(e.meta);
  }

  /**
   * Starts a record: creates its directory and stream files and writes its metadata with `running: true`.
   * @returns the writer that appends samples and markers and stops the record.
   * @throws RecordStoreError `RECORD_EXISTS`, `INVALID_ARGUMENT` (unsafe uuid, duplicate or unknown stream, bad
   *   rate), `STORE_CLOSED`.
   */
  create(init: NewRecord): RecordWriter {
    this.assertOpen();
    const uuid = init.record.uuid;
    if (!SAFE_ID.test(uuid)) {
      throw new RecordStoreError('INVALID_ARGUMENT', `record uuid must match ${SAFE_ID}, got ${JSON.stringify(uuid)}`);
    }
    if (this.entries.has(uuid)) throw new RecordStoreError('RECORD_EXISTS', `record ${uuid} already exists`);
    const seen = new Set<string>();
    for (const s of init.streams) {
      if (!STREAMS.includes(s.stream)) {
        throw new RecordStoreError('INVALID_ARGUMENT', `unknown stream ${JSON.stringify(s.stream)}`);
      }
      if (seen.has(s.stream)) throw new RecordStoreError('INVALID_ARGUMENT', `stream '${s.stream}' is given twice`);
      seen.add(s.stream);
      if (!(s.sampleRateHz > 0 && Number.isFinite(s.sampleRateHz))) {
        throw new RecordStoreError(
          'INVALID_ARGUMENT',
          `sampleRateHz of '${s.stream}' must be positive, got ${s.sampleRateHz}`,
        );
      }
    }
    const { markers: _markers, endDatetime: _end, ...record } = copyJson(init.record);
    const meta: MetaFile = {
      format: META_FORMAT,
      version: META_VERSION,
      record: { ...record, markers: [] },
      appId: init.appId,
      sessionId: init.sessionId,
      headset: { id: init.headset.id, sensors: [...init.headset.sensors] },
      streams: init.streams.map((s) => ({ stream: s.stream, columns: [...s.columns], sampleRateHz: s.sampleRateHz })),
      running: true,
    };
    const dir = path.join(this.recordsDir, uuid);
    fs.mkdirSync(dir, { recursive: true });
    const entry: RecordEntry = { dir, meta, writer: undefined };
    // Stream files first, metadata last: a directory without meta.json is a create that never returned.
    const writer = new RowWriter(entry, (w) => this.writerEnded(w));
    try {
      writer.persistMeta();
    } catch (e) {
      writer.abandon();
      throw new RecordStoreError('IO_FAILED', `creating record ${uuid} failed: ${(e as Error).message}`, e);
    }
    syncDir(this.recordsDir);
    entry.writer = writer;
    this.addEntry(entry);
    this.writers.add(writer);
    this.timer ??= setInterval(() => this.flushAll(), this.flushIntervalMs).unref();
    return writer;
  }

  /**
   * Changes a record's title, description or tags (updateRecord), sets its `modifiedDatetime` to now, and persists
   * the metadata at once (atomically).
   * @returns the updated record.
   * @throws RecordStoreError `RECORD_NOT_FOUND`, `STORE_CLOSED`.
   */
  update(recordId: string, patch: { title?: string; description?: string; tags?: readonly string[] }): StoredRecord {
    this.assertOpen();
    const e = this.entry(recordId);
    const r = e.meta.record;
    if (patch.title !== undefined) r.title = patch.title;
    if (patch.description !== undefined) r.description = patch.description;
    if (patch.tags !== undefined) r.tags = [...patch.tags];
    r.modifiedDatetime = isoLocal(Date.now());
    if (e.writer !== undefined) e.writer.persistMeta();
    else writeMeta(e);
    return snapshot(e.meta);
  }

  /**
   * Deletes a stopped record and its files. The directory is renamed away first, so a crash mid-delete leaves no
   * half record (the leftover is removed by the next open).
   * @throws RecordStoreError `RECORD_NOT_FOUND`, `RECORD_RUNNING` (stop it first), `STORE_CLOSED`.
   */
  async delete(recordId: string): Promise<void> {
    this.assertOpen();
    const e = this.entry(recordId);
    if (e.writer !== undefined) {
      throw new RecordStoreError('RECORD_RUNNING', `record ${recordId} is running: stop it before deleting it`);
    }
    this.entries.delete(recordId);
    this.byApp.get(e.meta.appId)?.delete(recordId);
    const doomed = path.join(this.recordsDir, `${DELETING_PREFIX}${recordId}-${process.pid}-${Date.now()}`);
    await fs.promises.rename(e.dir, doomed);
    syncDir(this.recordsDir);
    await fs.promises.rm(doomed, { recursive: true, force: true });
  }

  /**
   * Reads a stream's rows (of a running record too: its buffered rows are written first).
   * @param config `[config.startRow=0]`, `[config.maxRows=all]`: read a large record in chunks.
   * @returns the rows, or undefined when the record or the stream does not exist.
   */
  readStream(recordId: string, stream: StreamLayout['stream'], config: ReadStreamConfig = {}): StreamData | undefined {
    const e = this.entries.get(recordId);
    const layout = e?.meta.streams.find((s) => s.stream === stream);
    if (e === undefined || layout === undefined) return undefined;
    e.writer?.flush(false);
    const width = 1 + layout.columns.length;
    const rowBytes = width * BYTES_PER_FLOAT64;
    const file = streamFile(e.dir, stream);
    const total = Math.floor(streamFileBytes(file) / rowBytes);
    const startRow = Math.min(Math.max(0, Math.floor(config.startRow ?? 0)), total);
    const rows = Math.min(total - startRow, Math.max(0, Math.floor(config.maxRows ?? Infinity)));
    const raw = new Float64Array(rows * width);
    if (rows > 0) {
      const fd = openStreamFile(file);
      try {
        const bytes = new Uint8Array(raw.buffer);
        let done = 0;
        while (done < bytes.length) {
          const n = fs.readSync(fd, bytes, done, bytes.length - done, startRow * rowBytes + done);
          if (n === 0) break;
          done += n;
        }
      } finally {
        fs.closeSync(fd);
      }
    }
    const columns = layout.columns.length;
    const timesS = new Float64Array(rows);
    const values = new Float64Array(rows * columns);
    for (let r = 0; r < rows; r++) {
      timesS[r] = raw[r * width] as number;
      values.set(raw.subarray(r * width + 1, (r + 1) * width), r * columns);
    }
    return { columns: [...layout.columns], timesS, values, rows };
  }

  /** The number of stored rows of a stream (buffered rows of a running record included), or undefined. */
  countRows(recordId: string, stream: StreamLayout['stream']): number | undefined {
    const e = this.entries.get(recordId);
    const layout = e?.meta.streams.find((s) => s.stream === stream);
    if (e === undefined || layout === undefined) return undefined;
    e.writer?.flush(false);
    const rowBytes = (1 + layout.columns.length) * BYTES_PER_FLOAT64;
    return Math.floor(streamFileBytes(streamFile(e.dir, stream)) / rowBytes);
  }

  /**
   * Flushes and syncs every running writer and stops the timer. Records are NOT marked stopped (the simulator stops
   * them first); one left running is recovered by the next open. Later calls on the store or its writers throw
   * `STORE_CLOSED` (reads keep working).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const w of [...this.writers]) w.close();
    this.writers.clear();
  }

  private flushAll(): void {
    for (const w of this.writers) {
      try {
        w.flush(true);
      } catch {
        // A timer has no caller: the writer keeps the failure and throws it from its next call.
      }
    }
  }

  private writerEnded(w: RowWriter): void {
    this.writers.delete(w);
    if (this.writers.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private addEntry(e: RecordEntry): void {
    const uuid = e.meta.record.uuid;
    this.entries.set(uuid, e);
    let ids = this.byApp.get(e.meta.appId);
    if (ids === undefined) this.byApp.set(e.meta.appId, (ids = new Set()));
    ids.add(uuid);
  }

  private entry(recordId: string): RecordEntry {
    const e = this.entries.get(recordId);
    if (e === undefined) throw new RecordStoreError('RECORD_NOT_FOUND', `record ${recordId} does not exist`);
    return e;
  }

  private assertOpen(): void {
    if (this.closed) throw new RecordStoreError('STORE_CLOSED', 'the record store is closed');
  }
}

/** The size of a stream file (0 when absent), refusing a symbolic link or anything but a regular file. */
function streamFileBytes(file: string): number {
  const f = inspectFile(file);
  if (f.kind === 'refused') throw new RecordStoreError('IO_FAILED', f.reason);
  return f.kind === 'file' ? f.sizeBytes : 0;
}

/** Opens a stream file for reading without following a symbolic link. */
function openStreamFile(file: string): number {
  try {
    return openNoFollow(file, 'r');
  } catch (e) {
    throw new RecordStoreError('IO_FAILED', (e as Error).message, e);
  }
}
