// The on-disk layout of a record: `<uuid>/meta.json` (checked by isMetaFile) and `<uuid>/<stream>.f64` rows.
import * as path from 'path';
import type { CortexRecord, Marker } from '../../protocol';
import { writeFileAtomic } from './atomicFile';
import type { RowWriter } from './rowWriter';
import type { RecordHeadset, StoredRecord, StreamLayout } from './storeTypes';

/** Bytes per stored number: rows are float64. */
export const BYTES_PER_FLOAT64 = 8;
/** Marks a meta.json file as ours, with its layout version. */
export const META_FORMAT = 'cortex-rx-record';
/**
 * 2: the markers live in `markers.jsonl` (markerLog.ts), not in meta.json. Version 1 records (markers in meta.json)
 * still load, and keep their layout when their meta.json is rewritten.
 */
export const META_VERSION = 2;
/** Record ids become directory names: only these characters, so no id can escape the records directory. */
export const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Prefix of a record directory being deleted (renamed first so a crash mid-delete leaves no half record). */
export const DELETING_PREFIX = '.deleted-';
/** The streams a record may store. */
export const STREAMS: readonly StreamLayout['stream'][] = ['eeg', 'mot', 'pow', 'met', 'dev', 'eq'];
// Float64Array is host-endian; the files are little-endian, so the bytes are copied as-is only on LE hosts.
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** meta.json: everything of a record but its samples (and, from version 2, its markers, held here in memory). */
export interface MetaFile {
  format: typeof META_FORMAT;
  version: 1 | typeof META_VERSION;
  record: CortexRecord & { markers: Marker[] };
  appId: string;
  sessionId: string;
  headset: RecordHeadset;
  streams: StreamLayout[];
  running: boolean;
}

/** A record the store knows: its directory, its metadata and, while it runs, its writer. */
export interface RecordEntry {
  readonly dir: string;
  meta: MetaFile;
  writer: RowWriter | undefined;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A light structural check of a parsed meta.json: enough that the store can trust the fields it uses.
 *
 * ## Example
 * ```ts
 * const parsed: unknown = JSON.parse(text);
 * if (isMetaFile(parsed) && parsed.record.uuid === dirName) entries.push({ dir, meta: parsed, writer: undefined });
 * ```
 */
export function isMetaFile(v: unknown): v is MetaFile {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as Record<string, unknown>;
  const record = m['record'] as Record<string, unknown> | null | undefined;
  const headset = m['headset'] as Record<string, unknown> | null | undefined;
  return (
    m['format'] === META_FORMAT &&
    (m['version'] === 1 || m['version'] === META_VERSION) &&
    typeof record === 'object' &&
    record !== null &&
    isString(record['uuid']) &&
    isString(record['title']) &&
    isString(record['startDatetime']) &&
    // Version 1 holds the markers; version 2 none (they are in markers.jsonl).
    (m['version'] === META_VERSION
      ? record['markers'] === undefined
      : Array.isArray(record['markers']) &&
        (record['markers'] as unknown[]).every((mk) => isObject(mk) && isString(mk['uuid']))) &&
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

/** The metadata file of a record directory. */
export const metaFile = (dir: string): string => path.join(dir, 'meta.json');

/**
 * Replaces a record's meta.json with its current metadata, atomically ({@link writeFileAtomic}): without the markers
 * from version 2 (they are appended to markers.jsonl), with them for a version 1 record.
 *
 * ## Example
 * ```ts
 * entry.meta.running = false;
 * writeMeta(entry);
 * ```
 */
export function writeMeta(entry: RecordEntry): void {
  const meta = entry.meta;
  if (meta.version === 1) {
    writeFileAtomic(metaFile(entry.dir), JSON.stringify(meta));
    return;
  }
  const { markers: _markers, ...record } = meta.record;
  writeFileAtomic(metaFile(entry.dir), JSON.stringify({ ...meta, record }));
}

/** The file of one stream's rows in a record directory. */
export const streamFile = (dir: string, stream: StreamLayout['stream']): string => path.join(dir, `${stream}.f64`);

/** Deep copy through JSON: records and markers are JSON by nature, and the store persists them as JSON. */
export const copyJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * A copy of a record's metadata as callers see it: later changes do not show in it.
 *
 * ## Example
 * ```ts
 * const stored = snapshot(entry.meta); // what store.get(id) returns
 * ```
 */
export function snapshot(meta: MetaFile): StoredRecord {
  return {
    record: copyJson(meta.record),
    appId: meta.appId,
    sessionId: meta.sessionId,
    headset: copyJson(meta.headset),
    streams: copyJson(meta.streams),
    running: meta.running,
  };
}
