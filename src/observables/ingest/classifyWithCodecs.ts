import { PathReporter } from 'io-ts/PathReporter';
import {
  DataFrame,
  MAX_JSON_DEPTH,
  RpcFailure,
  RpcSuccess,
  WarningMessage,
  findJsonHazard,
  type JsonHazard,
} from '../../protocol';
import { DIAGNOSTIC_FRAME_CHARS, diagnostic } from '../diagnostic';
import { hasOwn } from './hasOwn';
import type { InboundMessage } from './inboundMessage';

/** A printable excerpt of a binary frame, without decoding all of a large one. */
function binaryExcerpt(raw: unknown): string {
  const bytes = raw as { subarray?: (start: number, end: number) => { toString(): string } };
  return typeof bytes?.subarray === 'function' ? bytes.subarray(0, DIAGNOSTIC_FRAME_CHARS).toString() : String(raw);
}

function describeHazard(h: JsonHazard, prefix = ''): string {
  const where = `"${prefix}${prefix && h.path ? '.' : ''}${h.path}"`;
  return h.kind === 'depth'
    ? `nested deeper than ${MAX_JSON_DEPTH} levels at ${where}`
    : `non-finite number at ${where}`;
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
    return [
      {
        _tag: 'diagnostic',
        diagnostic: diagnostic('INVALID_FRAME', `unusable frame: ${String((err as Error)?.message ?? err)}`, text),
      },
    ];
  }
}

function classify(raw: unknown, parsed: unknown): InboundMessage[] {
  if (typeof raw !== 'string') {
    return [
      {
        _tag: 'diagnostic',
        diagnostic: diagnostic('INVALID_JSON', 'binary frame: Cortex sends text frames only', binaryExcerpt(raw)),
      },
    ];
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
  const claimedId = hasOwn(obj, 'id') ? obj['id'] : undefined;
  const id =
    typeof claimedId === 'string' || (typeof claimedId === 'number' && Number.isFinite(claimedId))
      ? claimedId
      : undefined;
  const invalid = (report: string[]): InboundMessage[] => [
    {
      _tag: 'diagnostic',
      diagnostic: diagnostic('INVALID_FRAME', report.join('\n'), raw),
      ...(id !== undefined ? { id } : {}),
    },
  ];
  if (hasOwn(obj, 'sid')) {
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
  if (hasOwn(obj, 'result')) {
    const r = RpcSuccess.decode(json);
    return r._tag === 'Left'
      ? invalid(PathReporter.report(r))
      : [{ _tag: 'result', id: r.right.id, result: r.right.result }];
  }
  if (hasOwn(obj, 'error')) {
    const r = RpcFailure.decode(json);
    return r._tag === 'Left'
      ? invalid(PathReporter.report(r))
      : [{ _tag: 'error', id: r.right.id, error: r.right.error }];
  }
  if (hasOwn(obj, 'warning')) {
    const r = WarningMessage.decode(json);
    return r._tag === 'Left'
      ? invalid(PathReporter.report(r))
      : [{ _tag: 'warning', code: r.right.warning.code, message: r.right.warning.message }];
  }
  return invalid(['not a response, error, warning or data frame']);
}
