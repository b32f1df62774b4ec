// A record's markers, append-only: `<uuid>/markers.jsonl`, one line per added or changed marker.
import * as path from 'path';
import type { Marker } from '../../protocol';
import { readTextNoFollow } from './noFollow';

/**
 * The marker log of a record directory. Each line is a marker's full state as JSON; a later line with the same `uuid`
 * replaces the earlier one (updateMarker), and markers keep the order of their first line. Lines are appended and
 * fdatasync'd with the rows each flush, so a marker costs its own bytes whatever the record already holds (meta.json
 * used to carry every marker and was rewritten whole each flush: issue 13 §3).
 *
 * ## Example
 * ```ts
 * const fd = fs.openSync(markerLogFile(dir), 'ax');
 * writeAll(fd, Buffer.from(markerLine(marker)));
 * ```
 */
export const markerLogFile = (dir: string): string => path.join(dir, 'markers.jsonl');

/**
 * One line of the marker log: the marker as JSON, newline-terminated (a line without its newline is a torn write).
 *
 * ## Example
 * ```ts
 * pendingText += markerLine({ ...marker, type: 'interval', endDatetime });
 * ```
 */
export function markerLine(marker: Marker): string {
  return `${JSON.stringify(marker)}\n`;
}

const isMarkerLike = (v: unknown): v is Marker =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { uuid?: unknown }).uuid === 'string';

/**
 * Reads a record's markers back from its log: the last state of each marker, in the order they were added. A torn
 * last line (a write cut by a crash: no newline) is ignored, as is any line that is not a marker object; no log means
 * no markers. The log is read without following a link.
 *
 * ## Example
 * ```ts
 * entry.meta.record.markers = readMarkerLog(entry.dir);
 * ```
 * @param dir a record directory.
 * @returns the markers, each a fresh object.
 * @throws Error naming the file when it is a link or not a regular file.
 */
export function readMarkerLog(dir: string): Marker[] {
  let text: string;
  try {
    text = readTextNoFollow(markerLogFile(dir));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const byId = new Map<string, Marker>();
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  for (const line of complete.split('\n')) {
    if (line === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      continue;
    }
    if (!isMarkerLike(parsed)) continue;
    // A Map keeps the first insertion's position when a key is set again: the order markers were added.
    byId.set(parsed.uuid, parsed);
  }
  return [...byId.values()];
}
