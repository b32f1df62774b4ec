import type { StreamFrames } from '../observables';
import type { StreamName } from '../protocol';
import { FRAME_CELLS } from './frameCells';
import { HEADER_BYTES, MessageKind, fnv1a, writeHeader } from './wireFormat';

const utf8 = new TextEncoder();

/**
 * The column layout of a stream as relayed: the names its cells follow, and their id.
 * @internal
 */
export interface WireLayout {
  readonly stream: StreamName;
  readonly names: readonly string[];
  readonly id: number;
  /** The layout message's JSON tail: `{"stream":...,"names":[...]}`. */
  readonly json: string;
}

/**
 * The layout of a frame (its channels, columns or sensors).
 * @internal
 */
export function layoutOf<S extends StreamName>(stream: S, frame: StreamFrames[S]): WireLayout {
  const names = FRAME_CELLS[stream].names(frame);
  const json = JSON.stringify({ stream, names });
  return { stream, names, id: fnv1a(json), json };
}

function counterOf(frame: object): number {
  const c = (frame as { counter?: unknown }).counter;
  return typeof c === 'number' && Number.isInteger(c) ? c : -1;
}

/**
 * Encodes frames of one layout as one samples message (see wireFormat.ts for the format).
 * @internal
 */
export function encodeSamples<S extends StreamName>(
  layout: WireLayout,
  frames: ReadonlyArray<StreamFrames[S]>,
  float32: boolean,
): Uint8Array {
  const cells = FRAME_CELLS[layout.stream] as unknown as (typeof FRAME_CELLS)[S];
  const width = cells.width(layout.names);
  const count = frames.length;
  const row = new Float64Array(count * width);
  const extras: Record<number, unknown> = {};
  let anyExtra = false;
  for (let i = 0; i < count; i++) {
    const extra = cells.write(frames[i], row, i * width);
    if (extra !== undefined) {
      extras[i] = extra;
      anyExtra = true;
    }
  }
  const tail = anyExtra ? utf8.encode(JSON.stringify(extras)) : new Uint8Array(0);
  const bytesPerValue = float32 ? 4 : 8;
  const bodyBytes = count * bytesPerValue + row.length * bytesPerValue;
  const out = new Uint8Array(HEADER_BYTES + bodyBytes + tail.length);
  const view = new DataView(out.buffer);
  const first = frames[0].timeS;
  writeHeader(view, {
    kind: MessageKind.samples,
    stream: layout.stream,
    float32,
    cellsPerSample: width,
    layoutId: layout.id,
    count,
    firstTimeS: first,
    firstCounter: counterOf(frames[0]),
    tailBytes: tail.length,
  });
  let at = HEADER_BYTES;
  for (let i = 0; i < count; i++, at += bytesPerValue) {
    if (float32) view.setFloat32(at, frames[i].timeS - first, true);
    else view.setFloat64(at, frames[i].timeS, true);
  }
  for (let i = 0; i < row.length; i++, at += bytesPerValue) {
    if (float32) view.setFloat32(at, row[i], true);
    else view.setFloat64(at, row[i], true);
  }
  out.set(tail, at);
  return out;
}

/**
 * Encodes a notice (gap, layout, dropped, markers): a header and a JSON tail.
 * @internal
 */
export function encodeNotice(
  kind: MessageKind,
  stream: StreamName | undefined,
  body: unknown,
  fields: { readonly layoutId?: number; readonly timeS?: number; readonly count?: number } = {},
): Uint8Array {
  const tail = utf8.encode(JSON.stringify(body));
  const out = new Uint8Array(HEADER_BYTES + tail.length);
  writeHeader(new DataView(out.buffer), {
    kind,
    stream,
    float32: false,
    cellsPerSample: 0,
    layoutId: fields.layoutId ?? 0,
    count: fields.count ?? 0,
    firstTimeS: fields.timeS ?? NaN,
    firstCounter: -1,
    tailBytes: tail.length,
  });
  out.set(tail, HEADER_BYTES);
  return out;
}
