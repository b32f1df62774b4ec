import { STREAM_NAMES, type StreamName } from '../protocol';

// The relay's message format (README "Deployment" documents it). Little-endian, a 32-byte header:
//   0 u8  magic 0xC7          1 u8  version 1           2 u8 kind (MessageKind)     3 u8 stream (STREAM_NAMES index)
//   4 u8  flags (bit 0: values are Float32)              5 u8 reserved 0             6 u16 cells per sample
//   8 u32 layout id (FNV-1a of the layout JSON)          12 u32 sample count
//  16 f64 time of the first sample (s since the epoch)   24 i32 COUNTER of the first sample (-1: none)
//  28 u32 bytes of the JSON tail
// then the sample times (Float64 absolute, or Float32 offsets from the first), the cells (count x cells per sample,
// Float64 or Float32), and the JSON tail (UTF-8): per-sample extras, or the body of a gap/layout/dropped notice.

/** First byte of every message. */
export const MAGIC = 0xc7;
/** Format version. */
export const VERSION = 1;
/** Header bytes. */
export const HEADER_BYTES = 32;

/** What a message carries. */
export const MessageKind = { samples: 1, gap: 2, layout: 3, dropped: 4, markers: 5 } as const;
/** A message kind. */
export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind];

/** The header fields of a message. */
export interface WireHeader {
  readonly kind: MessageKind;
  /** The stream, or undefined for markers. */
  readonly stream: StreamName | undefined;
  readonly float32: boolean;
  readonly cellsPerSample: number;
  readonly layoutId: number;
  readonly count: number;
  readonly firstTimeS: number;
  readonly firstCounter: number;
  readonly tailBytes: number;
}

const KINDS = new Set<number>(Object.values(MessageKind));

/**
 * Writes a header at the start of `view`.
 * @internal
 */
export function writeHeader(view: DataView, h: WireHeader): void {
  view.setUint8(0, MAGIC);
  view.setUint8(1, VERSION);
  view.setUint8(2, h.kind);
  view.setUint8(3, h.stream === undefined ? 255 : STREAM_NAMES.indexOf(h.stream));
  view.setUint8(4, h.float32 ? 1 : 0);
  view.setUint8(5, 0);
  view.setUint16(6, h.cellsPerSample, true);
  view.setUint32(8, h.layoutId, true);
  view.setUint32(12, h.count, true);
  view.setFloat64(16, h.firstTimeS, true);
  view.setInt32(24, h.firstCounter, true);
  view.setUint32(28, h.tailBytes, true);
}

/**
 * Reads a header, or throws a RangeError saying what is wrong (not ours, another version, truncated).
 * @internal
 */
export function readHeader(view: DataView): WireHeader {
  if (view.byteLength < HEADER_BYTES || view.getUint8(0) !== MAGIC) {
    throw new RangeError('not a cortex-rx relay message (bad magic or shorter than the header)');
  }
  if (view.getUint8(1) !== VERSION) throw new RangeError(`unsupported relay message version ${view.getUint8(1)}`);
  const kind = view.getUint8(2);
  const streamIndex = view.getUint8(3);
  if (!KINDS.has(kind)) throw new RangeError(`unknown relay message kind ${kind}`);
  if (streamIndex !== 255 && streamIndex >= STREAM_NAMES.length) throw new RangeError(`unknown stream ${streamIndex}`);
  return {
    kind: kind as MessageKind,
    stream: streamIndex === 255 ? undefined : STREAM_NAMES[streamIndex],
    float32: (view.getUint8(4) & 1) === 1,
    cellsPerSample: view.getUint16(6, true),
    layoutId: view.getUint32(8, true),
    count: view.getUint32(12, true),
    firstTimeS: view.getFloat64(16, true),
    firstCounter: view.getInt32(24, true),
    tailBytes: view.getUint32(28, true),
  };
}

/**
 * FNV-1a (32 bit) of a string's UTF-16 code units: the layout id.
 * @internal
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
