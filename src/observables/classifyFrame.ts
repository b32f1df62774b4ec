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

/** An inbound frame, classified and checked against the protocol codecs. */
export type InboundMessage =
  | { readonly _tag: 'result'; readonly id: RpcId; readonly result: unknown }
  | { readonly _tag: 'error'; readonly id: RpcId | null; readonly error: RpcErrorObject }
  | { readonly _tag: 'warning'; readonly code: number; readonly message: string | Readonly<Record<string, unknown>> }
  | {
      readonly _tag: 'data';
      readonly sid: string;
      readonly timeS: number;
      readonly stream: string;
      readonly values: readonly unknown[];
    }
  | {
      readonly _tag: 'diagnostic';
      readonly diagnostic: Diagnostic;
      /** The id of the response an unusable frame claims to answer, when it has one: that request fails with DECODE. */
      readonly id?: RpcId;
    };

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Parses and classifies one inbound frame, in the order of EMOTIV's own client (`sid` → `result` → `error` →
 * `warning`, §1.3). Never throws: a frame that is not JSON, nests deeper than `MAX_JSON_DEPTH`, carries a
 * non-finite number where none can be used (a literal like `1e400` parses to Infinity), or fails its codec
 * becomes a `diagnostic` message. A data frame with several stream keys yields one message per stream; a
 * non-finite number among a stream's values is kept (the frame decoder makes it NaN, an invalid sample) but its
 * `time` must be finite.
 *
 * ## Example
 * ```ts
 * import { classifyFrame } from 'cortex-rx';
 * classifyFrame('{"id":1,"jsonrpc":"2.0","result":{}}'); // [{ _tag: 'result', id: 1, result: {} }]
 * ```
 */
export function classifyFrame(raw: unknown): InboundMessage[] {
  try {
    return classify(raw);
  } catch (err) {
    // Nothing above should throw once the hazards are checked; a frame must still never take the socket down.
    const text = typeof raw === 'string' ? raw : '';
    return [{ _tag: 'diagnostic', diagnostic: diagnostic('INVALID_FRAME', `unusable frame: ${String((err as Error)?.message ?? err)}`, text) }];
  }
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

function classify(raw: unknown): InboundMessage[] {
  if (typeof raw !== 'string') {
    return [{ _tag: 'diagnostic', diagnostic: diagnostic('INVALID_JSON', 'binary frame: Cortex sends text frames only', binaryExcerpt(raw)) }];
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    // A SyntaxError, or a RangeError from an engine that parses recursively: either way not a frame.
    return [{ _tag: 'diagnostic', diagnostic: diagnostic('INVALID_JSON', (err as Error).message, raw) }];
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
