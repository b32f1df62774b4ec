import { PathReporter } from 'io-ts/PathReporter';
import {
  DataFrame,
  MAX_JSON_DEPTH,
  RpcFailure,
  RpcSuccess,
  WarningMessage,
  findJsonHazard,
  type JsonHazard,
  type RpcErrorObject,
  type RpcId,
} from '../protocol';
import { DIAGNOSTIC_FRAME_CHARS, diagnostic, type Diagnostic } from './diagnostic';

/** One stream's values of a valid data frame. */
export interface DataMessage {
  readonly _tag: 'data';
  readonly sid: string;
  readonly timeS: number;
  readonly stream: string;
  readonly values: readonly unknown[];
}

/** An inbound frame that is not data: a response, a warning, or a diagnostic for an unusable frame. */
export type ControlMessage =
  | { readonly _tag: 'result'; readonly id: RpcId; readonly result: unknown }
  | { readonly _tag: 'error'; readonly id: RpcId | null; readonly error: RpcErrorObject }
  | { readonly _tag: 'warning'; readonly code: number; readonly message: string | Readonly<Record<string, unknown>> }
  | {
      readonly _tag: 'diagnostic';
      readonly diagnostic: Diagnostic;
      /** The id of the response an unusable frame claims to answer, when it has one: that request fails with DECODE. */
      readonly id?: RpcId;
    };

/** An inbound frame, classified and checked against the protocol codecs. */
export type InboundMessage = DataMessage | ControlMessage;

/**
 * Where `dispatchFrame` delivers what it finds. Data goes to `data` as plain arguments, so the hot path (hundreds
 * of frames per second per headset) builds no message object.
 * @internal
 */
export interface FrameHandler {
  data(sid: string, timeS: number, stream: string, values: readonly unknown[]): void;
  /** `raw` is the frame the message came in, for diagnostics. */
  control(message: ControlMessage, raw: unknown): void;
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Parses, checks and classifies one inbound frame and hands the result to `handler`: what `classifyFrame`
 * returns, without the array. A well-formed data frame (`sid` a string, `time` a finite number, every other
 * member an array whose nested values are within `MAX_JSON_DEPTH` and finite) is checked by hand and routed
 * straight from the parsed JSON; any other frame takes `classifyWithCodecs`, the io-ts path, which builds the
 * error report. Both give the same messages for every frame (a fuzz test holds them to it). Never throws.
 * @internal
 */
export function dispatchFrame(raw: unknown, handler: FrameHandler): void {
  let json: unknown;
  if (typeof raw === 'string') {
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined; // the codec path reports it
    }
  }
  if (json !== undefined && isWellFormedDataFrame(json)) {
    const frame = json as Record<string, unknown>;
    const sid = frame['sid'] as string;
    const timeS = frame['time'] as number;
    for (const key in frame) {
      if (key !== 'sid' && key !== 'time' && own(frame, key)) handler.data(sid, timeS, key, frame[key] as readonly unknown[]);
    }
    return;
  }
  for (const msg of classifyWithCodecs(raw, json)) {
    if (msg._tag === 'data') handler.data(msg.sid, msg.timeS, msg.stream, msg.values);
    else handler.control(msg, raw);
  }
}

/**
 * The hand check of the hot path: true only for a data frame the codec path accepts as it is. Own keys are
 * walked with `for…in` and `hasOwnProperty` (JSON.parse makes only own keys; an inherited enumerable key from a
 * polluted `Object.prototype` is skipped, as `Object.keys` skips it), which allocates no key array.
 */
function isWellFormedDataFrame(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const frame = json as Record<string, unknown>;
  const sid = frame['sid'];
  const time = frame['time'];
  if (typeof sid !== 'string' || typeof time !== 'number' || !Number.isFinite(time)) return false;
  let found = 0;
  let streams = 0;
  for (const key in frame) {
    if (!own(frame, key)) continue;
    if (key === 'sid' || key === 'time') {
      found++;
      continue;
    }
    const values = frame[key];
    if (!Array.isArray(values)) return false;
    for (let i = 0; i < values.length; i++) {
      const v: unknown = values[i];
      if (typeof v !== 'object' || v === null) continue;
      if (Array.isArray(v) && v.length === 0) continue; // an empty MARKERS column, in nearly every eeg sample
      if (findJsonHazard(v, MAX_JSON_DEPTH - 2) !== undefined) return false;
    }
    streams++;
  }
  return found === 2 && streams > 0;
}

/** A printable excerpt of a binary frame, without decoding all of a large one. */
function binaryExcerpt(raw: unknown): string {
  const bytes = raw as { subarray?: (start: number, end: number) => { toString(): string } };
  return typeof bytes?.subarray === 'function' ? bytes.subarray(0, DIAGNOSTIC_FRAME_CHARS).toString() : String(raw);
}

function describeHazard(h: JsonHazard, prefix = ''): string {
  const where = `"${prefix}${prefix && h.path ? '.' : ''}${h.path}"`;
  return h.kind === 'depth' ? `nested deeper than ${MAX_JSON_DEPTH} levels at ${where}` : `non-finite number at ${where}`;
}

/** Hazards of a data frame: nesting anywhere, non-finite numbers except as a stream's own values (they become NaN). */
function dataFrameHazard(frame: Record<string, unknown>): string | undefined {
  for (const key of Object.keys(frame)) {
    const v = frame[key];
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const e: unknown = v[i];
        if (typeof e !== 'object' || e === null) continue;
        const h = findJsonHazard(e, MAX_JSON_DEPTH - 2);
        if (h) return describeHazard(h, `${key}.${i}`);
      }
    } else if (typeof v === 'object' && v !== null) {
      const h = findJsonHazard(v, MAX_JSON_DEPTH - 1);
      if (h) return describeHazard(h, key);
    }
  }
  return undefined;
}

/**
 * The reference classification: every frame through the io-ts codecs (`parsed` is `JSON.parse(raw)` when the
 * caller already has it). `dispatchFrame` uses it for every frame its hand check does not accept. Never throws.
 * @internal
 */
export function classifyWithCodecs(raw: unknown, parsed?: unknown): InboundMessage[] {
  try {
    return classify(raw, parsed);
  } catch (err) {
    // Nothing above should throw once the hazards are checked; a frame must still never take the socket down.
    const text = typeof raw === 'string' ? raw : '';
    return [{ _tag: 'diagnostic', diagnostic: diagnostic('INVALID_FRAME', `unusable frame: ${String((err as Error)?.message ?? err)}`, text) }];
  }
}

function classify(raw: unknown, parsed: unknown): InboundMessage[] {
  if (typeof raw !== 'string') {
    return [{ _tag: 'diagnostic', diagnostic: diagnostic('INVALID_JSON', 'binary frame: Cortex sends text frames only', binaryExcerpt(raw)) }];
  }
  let json: unknown = parsed;
  if (json === undefined) {
    try {
      json = JSON.parse(raw);
    } catch (err) {
      // A SyntaxError, or a RangeError from an engine that parses recursively: either way not a frame.
      return [{ _tag: 'diagnostic', diagnostic: diagnostic('INVALID_JSON', (err as Error).message, raw) }];
    }
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return [{ _tag: 'diagnostic', diagnostic: diagnostic('INVALID_FRAME', 'a frame must be a JSON object', raw) }];
  }
  const obj = json as Record<string, unknown>;
  const claimedId = own(obj, 'id') ? obj['id'] : undefined;
  const id = typeof claimedId === 'string' || (typeof claimedId === 'number' && Number.isFinite(claimedId)) ? claimedId : undefined;
  const invalid = (report: string[]): InboundMessage[] => [
    { _tag: 'diagnostic', diagnostic: diagnostic('INVALID_FRAME', report.join('\n'), raw), ...(id !== undefined ? { id } : {}) },
  ];
  if (own(obj, 'sid')) {
    const hazard = dataFrameHazard(obj);
    if (hazard) return invalid([hazard]);
    const r = DataFrame.decode(json);
    if (r._tag === 'Left') return invalid(PathReporter.report(r));
    const frame = r.right;
    if (!Number.isFinite(frame.time)) return invalid(['data frame "time" must be a finite number of seconds']);
    const out: InboundMessage[] = [];
    for (const key of Object.keys(frame)) {
      if (key === 'sid' || key === 'time') continue;
      const values = frame[key];
      if (!Array.isArray(values)) return invalid([`data frame member "${key}" must be an array`]);
      out.push({ _tag: 'data', sid: frame.sid, timeS: frame.time, stream: key, values });
    }
    return out.length > 0 ? out : invalid(['data frame has no stream member']);
  }
  const hazard = findJsonHazard(json, MAX_JSON_DEPTH);
  if (hazard) return invalid([describeHazard(hazard)]);
  if (own(obj, 'result')) {
    const r = RpcSuccess.decode(json);
    return r._tag === 'Left' ? invalid(PathReporter.report(r)) : [{ _tag: 'result', id: r.right.id, result: r.right.result }];
  }
  if (own(obj, 'error')) {
    const r = RpcFailure.decode(json);
    return r._tag === 'Left' ? invalid(PathReporter.report(r)) : [{ _tag: 'error', id: r.right.id, error: r.right.error }];
  }
  if (own(obj, 'warning')) {
    const r = WarningMessage.decode(json);
    return r._tag === 'Left'
      ? invalid(PathReporter.report(r))
      : [{ _tag: 'warning', code: r.right.warning.code, message: r.right.warning.message }];
  }
  return invalid(['not a response, error, warning or data frame']);
}
