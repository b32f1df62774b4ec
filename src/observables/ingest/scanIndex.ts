import type { RouteListener } from './frameRoutes';
import type { ScannedFrame } from './scannedFrame';

/** The routes of one sid, by the bytes of the sid and of each stream name. */
interface SidEntry {
  readonly sid: Uint8Array;
  readonly streams: ReadonlyArray<{ readonly name: Uint8Array; readonly listeners: readonly RouteListener[] }>;
}

/** FNV-1a over `b[start, end)`. */
function hashBytes(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h | 0;
}

/** The bytes of an ASCII string, or undefined when it has another character (a scanned frame never has one). */
function asciiBytes(s: string): Uint8Array | undefined {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return undefined;
    out[i] = c;
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array, start: number, end: number): boolean {
  if (a.length !== end - start) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[start + i]) return false;
  return true;
}

/**
 * The data routes of `FrameRoutes` by the bytes of their session id and stream name, so that a scanned frame finds
 * its listeners without its sid or stream name becoming a string: the sid's bytes are hashed and compared, the
 * stream's compared with the few streams of that sid. Rebuilt for a sid whenever its routes change (subscribe and
 * unsubscribe, never per frame).
 *
 * ## Example
 * ```ts
 * const index = new ScanIndex();
 * index.update(sid, streamsOfSid); // after every change of that sid's routes
 * index.find(scan); // the listeners of the scanned frame's sid and stream, or undefined
 * ```
 * @internal
 */
export class ScanIndex {
  private readonly byHash = new Map<number, SidEntry[]>();

  /** Replaces the entry of `sid` with its current routes (none: removed). */
  update(sid: string, streams: ReadonlyMap<string, readonly RouteListener[]> | undefined): void {
    const bytes = asciiBytes(sid);
    if (bytes === undefined) return;
    const hash = hashBytes(bytes, 0, bytes.length);
    const kept = (this.byHash.get(hash) ?? []).filter((e) => !sameBytes(e.sid, bytes, 0, bytes.length));
    if (streams !== undefined && streams.size > 0) {
      const list: Array<{ name: Uint8Array; listeners: readonly RouteListener[] }> = [];
      for (const [name, listeners] of streams) {
        const nameBytes = asciiBytes(name);
        if (nameBytes !== undefined) list.push({ name: nameBytes, listeners });
      }
      kept.push({ sid: bytes, streams: list });
    }
    if (kept.length > 0) this.byHash.set(hash, kept);
    else this.byHash.delete(hash);
  }

  /** The listeners of the scanned frame's sid and stream, or undefined. */
  find(scan: ScannedFrame): readonly RouteListener[] | undefined {
    const b = scan.bytes;
    const entries = this.byHash.get(hashBytes(b, scan.sidStart, scan.sidEnd));
    if (entries === undefined) return undefined;
    for (let e = 0; e < entries.length; e++) {
      const entry = entries[e];
      if (!sameBytes(entry.sid, b, scan.sidStart, scan.sidEnd)) continue;
      for (let s = 0; s < entry.streams.length; s++) {
        const stream = entry.streams[s];
        if (sameBytes(stream.name, b, scan.streamStart, scan.streamEnd)) return stream.listeners;
      }
      return undefined;
    }
    return undefined;
  }

  clear(): void {
    this.byHash.clear();
  }
}
