import * as fs from 'fs';
import * as path from 'path';
import type { CortexRecord, Marker } from '../protocol';
import { isoLocal } from './isoTime';

/** Bytes per stored number: rows are float64. */
const BYTES_PER_FLOAT64 = 8;
/** The most a kill -9 may lose, and so the largest flush interval accepted (ms). */
const MAX_FLUSH_INTERVAL_MS = 1000;
/** Seconds of samples a writer's chunk buffer holds before it writes early (twice the largest flush interval). */
const BUFFER_SECONDS = 2;
/** Rows a chunk buffer holds at least, whatever the rate. */
const MIN_BUFFER_ROWS = 64;
/** Marks a meta.json file as ours, with its layout version. */
const META_FORMAT = 'cortex-rx-record';
const META_VERSION = 1;
/** Record ids become directory names: only these characters, so no id can escape the records directory. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Prefix of a record directory being deleted (renamed first so a crash mid-delete leaves no half record). */
const DELETING_PREFIX = '.deleted-';
const STREAMS: readonly StreamLayout['stream'][] = ['eeg', 'mot', 'pow', 'met', 'dev', 'eq'];
// Float64Array is host-endian; the files are little-endian, so the bytes are copied as-is only on LE hosts.
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The numeric layout of one stored stream: which columns each row holds and at what rate rows arrive.
 *
 * `columns` excludes the time (stored first in every row). For `eeg` it is `COUNTER, INTERPOLATED, <sensors>,
 * RAW_CQ, MARKER_HARDWARE`: the `MARKERS` column is not stored, markers live with the record.
 *
 * ## Example
 * ```ts
 * import type { StreamLayout } from 'cortex-rx/simulator';
 * const eeg: StreamLayout = { stream: 'eeg', columns: ['COUNTER', 'INTERPOLATED', 'AF3', 'AF4', 'RAW_CQ', 'MARKER_HARDWARE'], sampleRateHz: 128 };
 * ```
 */
export interface StreamLayout {
  /** The Cortex stream name. */
  readonly stream: 'eeg' | 'mot' | 'pow' | 'met' | 'dev' | 'eq';
  /** Column labels of the stored numbers, time excluded, in order. */
  readonly columns: readonly string[];
  /** Nominal row rate (Hz), e.g. 128 for eeg, 0.1 or 2 for met. */
  readonly sampleRateHz: number;
}

/**
 * The headset a record was taken with: what the exporters need to label channels.
 *
 * ## Example
 * ```ts
 * const headset: RecordHeadset = { id: 'INSIGHT-A1B2C3D4', sensors: ['AF3', 'T7', 'Pz', 'T8', 'AF4'] };
 * ```
 */
export interface RecordHeadset {
  /** The headset id, e.g. `INSIGHT-A1B2C3D4`. */
  readonly id: string;
  /** EEG sensor names in headset order; the eeg columns with these names are the EEG channels. */
  readonly sensors: readonly string[];
}

/**
 * What {@link RecordStore.create} needs to start a record.
 *
 * ## Example
 * ```ts
 * const writer = store.create({ record: { uuid, title: 'Run 1', startDatetime: isoLocal(Date.now()) }, appId: 'com.example.app',
 *   sessionId, headset: { id: 'INSIGHT-1', sensors: ['AF3', 'T7', 'Pz', 'T8', 'AF4'] }, streams: [eegLayout] });
 * ```
 */
export interface NewRecord {
  /** The record object; `markers` and `endDatetime` are ignored (the store owns them). `uuid` names the directory. */
  readonly record: CortexRecord;
  /** The owning application (the clientId of the app that created it). */
  readonly appId: string;
  /** The session the record is bound to. */
  readonly sessionId: string;
  /** The headset the record is taken with. */
  readonly headset: RecordHeadset;
  /** The streams stored, one layout per stream name. */
  readonly streams: readonly StreamLayout[];
}

/**
 * A record as stored: the Cortex record object (with its markers, and its `endDatetime` once stopped) plus what the
 * simulator and the exporters need. A snapshot: later changes do not show in it.
 *
 * ## Example
 * ```ts
 * const stored = store.get(recordId);
 * if (stored && !stored.running) console.log(stored.record.endDatetime, stored.record.markers?.length);
 * ```
 */
export interface StoredRecord {
  /** The record object, `markers` always present, `endDatetime` set once stopped. */
  readonly record: CortexRecord;
  /** The owning application. */
  readonly appId: string;
  /** The session the record was bound to. */
  readonly sessionId: string;
  /** The headset the record was taken with. */
  readonly headset: RecordHeadset;
  /** The stored streams. */
  readonly streams: readonly StreamLayout[];
  /** True while a writer appends to it, or after `close()` left it running (the next `open` recovers it as stopped). */
  readonly running: boolean;
}

/**
 * One stream's rows read back, as {@link RecordStore.readStream} returns them.
 *
 * ## Example
 * ```ts
 * const eeg = store.readStream(recordId, 'eeg')!;
 * const af3 = eeg.columns.indexOf('AF3');
 * for (let r = 0; r < eeg.rows; r++) console.log(eeg.timesS[r], eeg.values[r * eeg.columns.length + af3]);
 * ```
 */
export interface StreamData {
  /** Column labels of `values`, time excluded. */
  readonly columns: readonly string[];
  /** Time of each row, seconds since the Unix epoch (the Cortex data frame's `time`). */
  readonly timesS: Float64Array;
  /** Row-major values: `values[row * columns.length + column]`; missing values are NaN. */
  readonly values: Float64Array;
  /** Number of rows returned. */
  readonly rows: number;
}

/**
 * Which rows {@link RecordStore.readStream} returns: read a long record in chunks.
 *
 * ## Example
 * ```ts
 * const chunk = store.readStream(recordId, 'eeg', { startRow: 4096, maxRows: 4096 });
 * ```
 */
export interface ReadStreamConfig {
  /** First row returned (0-based). Default 0. */
  readonly startRow?: number;
  /** At most this many rows are returned. Default: all of them. */
  readonly maxRows?: number;
}

/**
 * Options of {@link RecordStore.open}.
 *
 * ## Example
 * ```ts
 * const store = await RecordStore.open(dataDir, { flushIntervalMs: 250 });
 * ```
 */
export interface RecordStoreConfig {
  /** How often buffered samples and marker changes are written and synced (ms): at most what a kill -9 loses. Default 1000, at most 1000. */
  readonly flushIntervalMs?: number;
}

/**
 * Stable codes of {@link RecordStoreError}.
 *
 * ## Example
 * ```ts
 * const code: RecordStoreErrorCode = 'RECORD_NOT_FOUND';
 * ```
 */
export type RecordStoreErrorCode =
  | 'RECORD_NOT_FOUND'
  | 'RECORD_EXISTS'
  | 'RECORD_RUNNING'
  | 'RECORD_STOPPED'
  | 'MARKER_EXISTS'
  | 'STORE_CLOSED'
  | 'INVALID_ARGUMENT'
  | 'IO_FAILED';

/**
 * The error the record store throws, with a stable `code` the simulator maps to a Cortex error.
 *
 * ## Example
 * ```ts
 * try { store.update(id, { title: 't' }); } catch (e) { if (e instanceof RecordStoreError && e.code === 'RECORD_NOT_FOUND') reply(ERROR.RECORD_NOT_FOUND); }
 * ```
 */
export class RecordStoreError extends Error {
  /**
   * @param code the stable error code.
   * @param message what went wrong, naming the record.
   * @param cause the underlying error (an fs error for `IO_FAILED`).
   */
  constructor(
    readonly code: RecordStoreErrorCode,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'RecordStoreError';
  }
}

/**
 * Appends a running record's samples and markers. Obtained from {@link RecordStore.create}.
 *
 * ## Example
 * ```ts
 * const writer = store.create(init);
 * writer.append('eeg', frame.time, frame.eeg); // the trailing MARKERS column of an eeg frame is ignored
 * writer.addMarker(marker);
 * const stored = writer.stop(isoLocal(Date.now()));
 * ```
 */
export interface RecordWriter {
  /** The record's uuid. */
  readonly recordId: string;
  /**
   * Stores one row. Cheap and allocation-free: it copies into a preallocated chunk buffer written every flush
   * interval. Numbers are stored as they are, booleans as 1/0, anything else (null, strings, arrays) as NaN. Values
   * past the layout's columns are ignored, so an eeg frame can be passed with its `MARKERS` column.
   * @param stream a stream of the record's layouts.
   * @param timeS sample time, seconds since the Unix epoch (finite).
   * @param values at least `columns.length` values.
   * @throws RecordStoreError `INVALID_ARGUMENT` (unknown stream, too few values, bad time), `RECORD_STOPPED`,
   *   `STORE_CLOSED`, or `IO_FAILED` when a previous background flush failed.
   */
  append(stream: StreamLayout['stream'], timeS: number, values: ArrayLike<unknown>): void;
  /**
   * Adds a marker to the record; persisted with the next flush (within `flushIntervalMs`).
   * @throws RecordStoreError `MARKER_EXISTS` for a duplicate uuid, `RECORD_STOPPED`, `STORE_CLOSED`.
   */
  addMarker(marker: Marker): void;
  /**
   * Changes a marker (e.g. sets the `endDatetime` and `type: 'interval'` of `updateMarker`); `uuid` cannot change.
   * @returns the updated marker, or undefined when the record has no marker with that uuid.
   * @throws RecordStoreError `RECORD_STOPPED`, `STORE_CLOSED`.
   */
  updateMarker(uuid: string, patch: Partial<Marker>): Marker | undefined;
  /**
   * Stops the record: writes and syncs every buffered row, closes the files and atomically replaces the metadata
   * with `running: false` and this `endDatetime`.
   * @returns the stopped record.
   * @throws RecordStoreError `RECORD_STOPPED` when already stopped, `STORE_CLOSED`, `IO_FAILED`.
   */
  stop(endDatetime: string): StoredRecord;
}

/** meta.json: everything of a record but its samples. */
interface MetaFile {
  format: typeof META_FORMAT;
  version: typeof META_VERSION;
  record: CortexRecord & { markers: Marker[] };
  appId: string;
  sessionId: string;
  headset: RecordHeadset;
  streams: StreamLayout[];
  running: boolean;
}

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

interface RecordEntry {
  readonly dir: string;
  meta: MetaFile;
  writer: Writer | undefined;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A light structural check of a parsed meta.json: enough that the store can trust the fields it uses. */
function isMetaFile(v: unknown): v is MetaFile {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  const record = m['record'] as Record<string, unknown> | null | undefined;
  const headset = m['headset'] as Record<string, unknown> | null | undefined;
  return (
    m['format'] === META_FORMAT &&
    m['version'] === META_VERSION &&
    typeof record === 'object' &&
    record !== null &&
    isString(record['uuid']) &&
    isString(record['title']) &&
    isString(record['startDatetime']) &&
    Array.isArray(record['markers']) &&
    (record['markers'] as unknown[]).every((mk) => isObject(mk) && isString(mk['uuid'])) &&
    isString(m['appId']) &&
    isString(m['sessionId']) &&
    typeof headset === 'object' &&
    headset !== null &&
    isString(headset['id']) &&
    Array.isArray(headset['sensors']) &&
    (headset['sensors'] as unknown[]).every(isString) &&
    Array.isArray(m['streams']) &&
    (m['streams'] as unknown[]).every(
      (s) =>
        typeof s === 'object' &&
        s !== null &&
        STREAMS.includes((s as StreamLayout).stream) &&
        Array.isArray((s as StreamLayout).columns) &&
        (s as StreamLayout).columns.every(isString) &&
        typeof (s as StreamLayout).sampleRateHz === 'number' &&
        (s as StreamLayout).sampleRateHz > 0 &&
        Number.isFinite((s as StreamLayout).sampleRateHz),
    ) &&
    typeof m['running'] === 'boolean'
  );
}

/** Writes all of `bytes` at the end of `fd` (writeSync may write less than asked). */
function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}

/** fsyncs a directory so a rename or a new entry in it survives a power loss; not every platform allows it. */
function syncDir(dir: string): void {
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

/** Replaces `file` atomically: write `file.tmp`, fsync it, rename it over `file`, fsync the directory. */
function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    writeAll(fd, Buffer.from(text, 'utf8'));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDir(path.dirname(file));
}

const streamFile = (dir: string, stream: StreamLayout['stream']): string => path.join(dir, `${stream}.f64`);

/** Deep copy through JSON: records and markers are JSON by nature, and the store persists them as JSON. */
const copyJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function snapshot(meta: MetaFile): StoredRecord {
  return {
    record: copyJson(meta.record),
    appId: meta.appId,
    sessionId: meta.sessionId,
    headset: copyJson(meta.headset),
    streams: copyJson(meta.streams),
    running: meta.running,
  };
}

/** The live writer of one record. */
class Writer implements RecordWriter {
  private readonly streams = new Map<StreamLayout['stream'], LiveStream>();
  private metaDirty = false;
  private state: 'running' | 'stopped' | 'closed' = 'running';
  private failure: RecordStoreError | undefined;

  constructor(
    private readonly entry: RecordEntry,
    private readonly onEnd: (writer: Writer) => void,
  ) {
    try {
      for (const layout of entry.meta.streams) {
        const width = 1 + layout.columns.length;
        const capacityRows = Math.max(MIN_BUFFER_ROWS, Math.ceil(layout.sampleRateHz * BUFFER_SECONDS));
        const fd = fs.openSync(streamFile(entry.dir, layout.stream), 'w');
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
    if (markers.some((m) => m.uuid === marker.uuid)) {
      throw new RecordStoreError('MARKER_EXISTS', `record ${this.recordId} already has marker ${marker.uuid}`);
    }
    markers.push(copyJson(marker));
    this.metaDirty = true;
  }

  updateMarker(uuid: string, patch: Partial<Marker>): Marker | undefined {
    this.assertRunning();
    const markers = this.entry.meta.record.markers;
    const i = markers.findIndex((m) => m.uuid === uuid);
    const current = markers[i];
    if (current === undefined) return undefined;
    const updated: Marker = { ...current, ...copyJson(patch), uuid };
    markers[i] = updated;
    this.metaDirty = true;
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
      if (sync && this.metaDirty) this.persistMeta();
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
    writeFileAtomic(path.join(this.entry.dir, 'meta.json'), JSON.stringify(this.entry.meta));
    this.metaDirty = false;
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
  }

  private assertRunning(): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.state === 'stopped') throw new RecordStoreError('RECORD_STOPPED', `record ${this.recordId} is stopped`);
    if (this.state === 'closed') throw new RecordStoreError('STORE_CLOSED', `the record store is closed`);
  }
}

/**
 * The simulator's permanent record store: records survive a restart and a kill -9 (losing at most `flushIntervalMs`
 * of samples and marker changes), written crash-safely.
 *
 * Like Cortex's local record database, but plain files: `<dataDir>/records/<uuid>/meta.json` (record object,
 * markers, layouts, running flag; replaced atomically: write `meta.json.tmp`, fsync, rename, fsync the directory) and
 * `<dataDir>/records/<uuid>/<stream>.f64` (append-only rows of little-endian float64 `[timeS, ...columns]`). One
 * unref'd timer per store writes and `fdatasync`s every running writer's buffered rows each `flushIntervalMs`.
 *
 * On {@link RecordStore.open}, a torn last row (a partial write) is truncated away, and a record left running by a
 * killed process is marked stopped with `endDatetime` = the time of its last complete stored row (its
 * `startDatetime` if it has none). One process at a time may open a data directory (no lock is taken).
 *
 * ## Example
 * ```ts
 * import { RecordStore, isoLocal } from 'cortex-rx/simulator';
 * const store = await RecordStore.open('/var/lib/cortex-sim');
 * const writer = store.create({ record, appId, sessionId, headset, streams: [eegLayout] });
 * samples$.subscribe((f) => writer.append('eeg', f.time, f.eeg));
 * // later
 * writer.stop(isoLocal(Date.now()));
 * const eeg = store.readStream(record.uuid, 'eeg');
 * await store.close();
 * ```
 */
export class RecordStore {
  private readonly entries = new Map<string, RecordEntry>();
  private readonly writers = new Set<Writer>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  /** Directories under `records/` that were skipped on open (no or unreadable meta.json), with the reason. */
  readonly skippedDirs: ReadonlyArray<{ readonly dir: string; readonly reason: string }>;

  private constructor(
    private readonly recordsDir: string,
    private readonly flushIntervalMs: number,
    skipped: ReadonlyArray<{ readonly dir: string; readonly reason: string }>,
  ) {
    this.skippedDirs = skipped;
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
    const skipped: { dir: string; reason: string }[] = [];
    const loaded: RecordEntry[] = [];
    for (const name of (await fs.promises.readdir(recordsDir)).sort()) {
      const dir = path.join(recordsDir, name);
      if (name.startsWith(DELETING_PREFIX)) {
        // A delete that crashed after its rename: finish it.
        await fs.promises.rm(dir, { recursive: true, force: true });
        continue;
      }
      if (!(await fs.promises.stat(dir)).isDirectory()) continue;
      const metaPath = path.join(dir, 'meta.json');
      let parsed: unknown;
      try {
        parsed = JSON.parse(await fs.promises.readFile(metaPath, 'utf8'));
      } catch (e) {
        // No meta.json: a create() that never returned. Unreadable: never written by us (it is replaced atomically).
        skipped.push({ dir, reason: `meta.json unreadable: ${(e as Error).message}` });
        continue;
      }
      if (!isMetaFile(parsed) || parsed.record.uuid !== name) {
        skipped.push({ dir, reason: 'meta.json is not a cortex-rx record of this directory' });
        continue;
      }
      const entry: RecordEntry = { dir, meta: parsed, writer: undefined };
      RecordStore.recover(entry);
      loaded.push(entry);
    }
    const store = new RecordStore(recordsDir, flushIntervalMs, skipped);
    for (const e of loaded) store.entries.set(e.meta.record.uuid, e);
    return store;
  }

  /** Truncates torn rows; marks a record left running as stopped at its last complete row. */
  private static recover(entry: RecordEntry): void {
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
    writeFileAtomic(path.join(entry.dir, 'meta.json'), JSON.stringify(meta));
  }

  /** Every record, in uuid order (snapshots). */
  list(): readonly StoredRecord[] {
    return [...this.entries.values()].map((e) => snapshot(e.meta));
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
    const writer = new Writer(entry, (w) => this.writerEnded(w));
    try {
      writer.persistMeta();
    } catch (e) {
      writer.abandon();
      throw new RecordStoreError('IO_FAILED', `creating record ${uuid} failed: ${(e as Error).message}`, e);
    }
    syncDir(this.recordsDir);
    entry.writer = writer;
    this.entries.set(uuid, entry);
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
    else writeFileAtomic(path.join(e.dir, 'meta.json'), JSON.stringify(e.meta));
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
    const total = fs.existsSync(file) ? Math.floor(fs.statSync(file).size / rowBytes) : 0;
    const startRow = Math.min(Math.max(0, Math.floor(config.startRow ?? 0)), total);
    const rows = Math.min(total - startRow, Math.max(0, Math.floor(config.maxRows ?? Infinity)));
    const raw = new Float64Array(rows * width);
    if (rows > 0) {
      const fd = fs.openSync(file, 'r');
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
    const file = streamFile(e.dir, stream);
    const rowBytes = (1 + layout.columns.length) * BYTES_PER_FLOAT64;
    return fs.existsSync(file) ? Math.floor(fs.statSync(file).size / rowBytes) : 0;
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

  private writerEnded(w: Writer): void {
    this.writers.delete(w);
    if (this.writers.size === 0 && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
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
