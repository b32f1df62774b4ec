import type { StreamFrames } from '../observables';
import type { StreamName } from '../protocol';
import { FRAME_CELLS } from './frameCells';
import { HEADER_BYTES, readHeader, type WireHeader } from './wireFormat';

const utf8 = new TextDecoder();

/**
 * A message read: its header, and the bytes behind it.
 * @internal
 */
export interface WireMessage {
  readonly header: WireHeader;
  readonly view: DataView;
}

/**
 * Reads a message's header; throws a RangeError when the bytes are not a relay message or are truncated.
 * @internal
 */
export function readMessage(data: Uint8Array): WireMessage {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const header = readHeader(view);
  const bytesPerValue = header.float32 ? 4 : 8;
  const expected = HEADER_BYTES + header.count * bytesPerValue * (1 + header.cellsPerSample) + header.tailBytes;
  if (data.byteLength !== expected) {
    throw new RangeError(`relay message of ${data.byteLength} bytes, its header says ${expected}`);
  }
  return { header, view };
}

/**
 * The JSON tail of a message.
 * @internal
 */
export function messageTail(m: WireMessage): unknown {
  const { view, header } = m;
  if (header.tailBytes === 0) return undefined;
  const start = view.byteLength - header.tailBytes;
  return JSON.parse(utf8.decode(new Uint8Array(view.buffer, view.byteOffset + start, header.tailBytes)));
}

/**
 * The frames of a samples message, given its layout's names. Each frame's values are views of one Float64Array
 * per message (one allocation per message, as the client's slab).
 * @internal
 */
export function decodeSamples<S extends StreamName>(
  m: WireMessage,
  stream: S,
  names: readonly string[],
): Array<StreamFrames[S]> {
  const { header, view } = m;
  const cells = FRAME_CELLS[stream] as unknown as (typeof FRAME_CELLS)[S];
  const width = cells.width(names);
  if (width !== header.cellsPerSample) {
    throw new RangeError(`${stream} message has ${header.cellsPerSample} cells per sample, its layout ${width}`);
  }
  const { count, float32, firstTimeS } = header;
  const step = float32 ? 4 : 8;
  const values = new Float64Array(count * width);
  let at = HEADER_BYTES + count * step;
  for (let i = 0; i < values.length; i++, at += step) {
    values[i] = float32 ? view.getFloat32(at, true) : view.getFloat64(at, true);
  }
  const extras = (messageTail(m) ?? {}) as Record<string, unknown>;
  const frames: Array<StreamFrames[S]> = new Array(count);
  for (let i = 0; i < count; i++) {
    const t = HEADER_BYTES + i * step;
    const timeS = float32 ? firstTimeS + view.getFloat32(t, true) : view.getFloat64(t, true);
    frames[i] = cells.read(values.subarray(i * width, (i + 1) * width), extras[i], timeS, names);
  }
  return frames;
}
