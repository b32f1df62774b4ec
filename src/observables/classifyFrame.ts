import { PathReporter } from 'io-ts/PathReporter';
import { DataFrame, RpcFailure, RpcSuccess, WarningMessage, type RpcErrorObject, type RpcId } from '../protocol';
import { diagnostic, type Diagnostic } from './diagnostic';

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
  | { readonly _tag: 'diagnostic'; readonly diagnostic: Diagnostic };

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Parses and classifies one inbound frame, in the order of EMOTIV's own client (`sid` → `result` → `error` →
 * `warning`, §1.3). Never throws: a frame that is not JSON or fails its codec becomes a `diagnostic` message.
 * A data frame with several stream keys yields one message per stream.
 *
 * ## Example
 * ```ts
 * import { classifyFrame } from 'cortex-rx';
 * classifyFrame('{"id":1,"jsonrpc":"2.0","result":{}}'); // [{ _tag: 'result', id: 1, result: {} }]
 * ```
 */
export function classifyFrame(raw: unknown): InboundMessage[] {
  if (typeof raw !== 'string') {
    return [{ _tag: 'diagnostic', diagnostic: diagnostic('INVALID_JSON', 'binary frame: Cortex sends text frames only', String(raw)) }];
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    return [{ _tag: 'diagnostic', diagnostic: diagnostic('INVALID_JSON', (err as Error).message, raw) }];
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return [{ _tag: 'diagnostic', diagnostic: diagnostic('INVALID_FRAME', 'a frame must be a JSON object', raw) }];
  }
  const invalid = (report: string[]): InboundMessage[] => [
    { _tag: 'diagnostic', diagnostic: diagnostic('INVALID_FRAME', report.join('\n'), raw) },
  ];
  if (own(json, 'sid')) {
    const r = DataFrame.decode(json);
    if (r._tag === 'Left') return invalid(PathReporter.report(r));
    const frame = r.right;
    const out: InboundMessage[] = [];
    for (const key of Object.keys(frame)) {
      if (key === 'sid' || key === 'time') continue;
      const values = frame[key];
      if (!Array.isArray(values)) return invalid([`data frame member "${key}" must be an array`]);
      out.push({ _tag: 'data', sid: frame.sid, timeS: frame.time, stream: key, values });
    }
    return out.length > 0 ? out : invalid(['data frame has no stream member']);
  }
  if (own(json, 'result')) {
    const r = RpcSuccess.decode(json);
    return r._tag === 'Left' ? invalid(PathReporter.report(r)) : [{ _tag: 'result', id: r.right.id, result: r.right.result }];
  }
  if (own(json, 'error')) {
    const r = RpcFailure.decode(json);
    return r._tag === 'Left' ? invalid(PathReporter.report(r)) : [{ _tag: 'error', id: r.right.id, error: r.right.error }];
  }
  if (own(json, 'warning')) {
    const r = WarningMessage.decode(json);
    return r._tag === 'Left'
      ? invalid(PathReporter.report(r))
      : [{ _tag: 'warning', code: r.right.warning.code, message: r.right.warning.message }];
  }
  return invalid(['not a response, error, warning or data frame']);
}
