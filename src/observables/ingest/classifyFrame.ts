import { dispatchFrame } from './dispatchFrame';
import type { InboundMessage } from './inboundMessage';

/**
 * Parses and classifies one inbound frame, in the order of EMOTIV's own client (`sid` → `result` → `error` →
 * `warning`, §1.3). Never throws: a frame that is not JSON, nests deeper than `MAX_JSON_DEPTH`, carries a
 * non-finite number where none can be used (a literal like `1e400` parses to Infinity), or fails its codec
 * becomes a `diagnostic` message. A data frame with several stream keys yields one message per stream; a
 * non-finite number among a stream's values is kept (the frame decoder makes it NaN, an invalid sample) but its
 * `time` must be finite. The client itself uses `dispatchFrame`, which builds no array; this is its reference
 * form for tests and benchmarks.
 *
 * ## Example
 * ```ts
 * classifyFrame('{"id":1,"jsonrpc":"2.0","result":{}}'); // [{ _tag: 'result', id: 1, result: {} }]
 * ```
 * @internal
 */
export function classifyFrame(raw: unknown): InboundMessage[] {
  const out: InboundMessage[] = [];
  dispatchFrame(raw, {
    data: (sid, timeS, stream, values) => out.push({ _tag: 'data', sid, timeS, stream, values }),
    control: (message) => out.push(message),
  });
  return out;
}
