import type { CortexRecord, Marker } from '../../protocol';

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
 * const stored = source.get(recordId);
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
 * One stream's rows read back, as {@link RecordSource.readStream} returns them (the record store is one source).
 *
 * ## Example
 * ```ts
 * const eeg = source.readStream(recordId, 'eeg')!;
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
 * Which rows {@link RecordSource.readStream} returns: read a long record in chunks.
 *
 * ## Example
 * ```ts
 * const chunk = source.readStream(recordId, 'eeg', { startRow: 4096, maxRows: 4096 });
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
