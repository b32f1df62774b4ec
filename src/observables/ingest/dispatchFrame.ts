import { MAX_JSON_DEPTH, findJsonHazard } from '../../protocol';
import { classifyWithCodecs } from './classifyWithCodecs';
import { hasOwn } from './hasOwn';
import type { ControlMessage } from './inboundMessage';

/** Bound once here: the hot path calls it for every key of every frame. */
const own = hasOwn;

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
      if (key !== 'sid' && key !== 'time' && own(frame, key))
        handler.data(sid, timeS, key, frame[key] as readonly unknown[]);
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
