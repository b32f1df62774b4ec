import type { ColumnLabel, StreamName } from '../protocol';

/** A marker object carried in the MARKERS column of an eeg sample (fields beyond these are UNVERIFIED, §5.3). */
export interface EegMarker {
  readonly uuid?: string;
  readonly label?: string;
  readonly value?: string | number;
  readonly type?: string;
  readonly port?: string;
  readonly [field: string]: unknown;
}

/**
 * One eeg sample. `values` are the sensors in `cols` order, in µV (~4200 µV offset); null or a non-finite value
 * becomes NaN. `values` is a view of a block shared with up to 255 neighbouring samples (one allocation per
 * second, not per sample): its `buffer` is the block's, and `values.slice()` copies one sample out.
 */
export interface EegFrame {
  readonly _tag: 'eeg';
  /** Sample time, seconds since the epoch (headset time aligned to the system clock, §1.4). */
  readonly timeS: number;
  /** COUNTER: +1 per sample, wrapping every second. */
  readonly counter: number;
  /** INTERPOLATED: true when Cortex filled this sample in after packet loss. */
  readonly interpolated: boolean;
  readonly channels: readonly string[];
  readonly values: Float64Array;
  readonly rawCq: number;
  readonly hardwareMarker: number;
  readonly markers: readonly EegMarker[];
}

/** One motion sample: `values` in `channels` order (quaternion or gyro, then ACC and MAG). */
export interface MotionFrame {
  readonly _tag: 'mot';
  readonly timeS: number;
  readonly counter: number;
  readonly interpolated: boolean;
  readonly channels: readonly string[];
  readonly values: Float64Array;
}

/** One dev sample: battery, signal and per-sensor contact quality (0 none … 4 good). */
export interface DevFrame {
  readonly _tag: 'dev';
  readonly timeS: number;
  /** Battery level 0–4. */
  readonly batteryLevel: number;
  /** Wireless signal 0–1. */
  readonly signal: number;
  readonly contactQuality: Readonly<Record<string, number>>;
  /** OVERALL contact quality 0–100. */
  readonly overall: number;
  readonly batteryPercent: number;
}

/** One eq sample: EEG quality per sensor (0–4) and overall (0–100). */
export interface EqFrame {
  readonly _tag: 'eq';
  readonly timeS: number;
  readonly batteryPercent: number;
  readonly overall: number;
  readonly sampleRateQuality: number;
  readonly quality: Readonly<Record<string, number>>;
}

/** One pow sample: `values` in `columns` order (`<sensor>/<band>`), µV²/Hz. */
export interface PowFrame {
  readonly _tag: 'pow';
  readonly timeS: number;
  readonly columns: readonly string[];
  readonly values: Float64Array;
}

/** One met sample: the metrics by column name (`eng`, `eng.isActive`, …); inactive metrics are null. */
export interface MetFrame {
  readonly _tag: 'met';
  readonly timeS: number;
  readonly metrics: Readonly<Record<string, number | boolean | null>>;
}

/** One com sample: the mental command and its power 0–1. */
export interface ComFrame {
  readonly _tag: 'com';
  readonly timeS: number;
  readonly action: string;
  readonly power: number;
}

/** One fac sample: eye action, upper-face and lower-face actions with their powers 0–1. */
export interface FacFrame {
  readonly _tag: 'fac';
  readonly timeS: number;
  readonly eyeAction: string;
  readonly upperAction: string;
  readonly upperPower: number;
  readonly lowerAction: string;
  readonly lowerPower: number;
}

/** One sys event (training): `[detection, event]`. */
export interface SysFrame {
  readonly _tag: 'sys';
  readonly timeS: number;
  readonly detection: string;
  readonly event: string;
}

/**
 * A break in a stream, emitted on the stream itself so that it is never silent: the socket dropped (data
 * resumes after the client reconnects and re-subscribes), or the stream was re-subscribed on a new session.
 */
export interface StreamGap {
  readonly _tag: 'gap';
  readonly stream: StreamName;
  readonly reason: 'disconnected' | 'resubscribed';
  /** Time of the last frame before the gap, when there was one. */
  readonly lastTimeS: number | undefined;
}

/** The frame type of each stream. */
export interface StreamFrames {
  readonly eeg: EegFrame;
  readonly mot: MotionFrame;
  readonly dev: DevFrame;
  readonly eq: EqFrame;
  readonly pow: PowFrame;
  readonly met: MetFrame;
  readonly com: ComFrame;
  readonly fac: FacFrame;
  readonly sys: SysFrame;
}

/** What `session.stream(name)` emits: frames of that stream, and gaps. */
export type StreamEvent<S extends StreamName> = StreamFrames[S] | StreamGap;

/** Turns the raw values of a data frame into a typed frame, or returns an error message. */
export type FrameDecoder<S extends StreamName> = (values: readonly unknown[], timeS: number) => StreamFrames[S] | string;

/** A sample value as a number: booleans as 1/0; null, strings and non-finite numbers (an overflowing literal) as NaN. */
const num = (v: unknown): number => (typeof v === 'number' ? (Number.isFinite(v) ? v : NaN) : v === true ? 1 : v === false ? 0 : NaN);
const str = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const NON_CHANNEL = new Set(['COUNTER', 'INTERPOLATED', 'RAW_CQ', 'MARKER_HARDWARE', 'MARKERS', 'COUNTER_MEMS', 'INTERPOLATED_MEMS']);

function flatLabels(cols: readonly ColumnLabel[]): string[] {
  return cols.map((c) => (typeof c === 'string' ? c : '[nested]'));
}

/** Frames per block of `Float64Slab`: one allocation per 256 frames (one second of eeg) instead of one per frame. */
const SLAB_FRAMES = 256;

/**
 * Hands out `Float64Array` views of `width` values, cut from blocks of `SLAB_FRAMES` rows. A `Float64Array(14)`
 * (112 bytes) is over V8's limit for on-heap typed arrays, so each one would malloc its own backing store; a
 * view of a shared block is a small heap object. A block is dropped by the slab when it is used up and freed by
 * the GC once no frame that views it is held.
 */
class Float64Slab {
  private block: Float64Array;
  private used = SLAB_FRAMES;

  constructor(private readonly width: number) {
    this.block = new Float64Array(0);
  }

  take(): Float64Array {
    if (this.used === SLAB_FRAMES) {
      this.block = new Float64Array(SLAB_FRAMES * this.width);
      this.used = 0;
    }
    const start = this.used++ * this.width;
    return this.block.subarray(start, start + this.width);
  }
}

function toFloat64(values: readonly unknown[], indices: readonly number[], out: Float64Array): Float64Array {
  for (let i = 0; i < indices.length; i++) out[i] = num(values[indices[i]]);
  return out;
}

/** The markers of a sample that has none (nearly all): one shared frozen array. */
const NO_MARKERS: readonly EegMarker[] = Object.freeze([]);

function namedNumbers(names: readonly string[], values: readonly unknown[], offset: number): Record<string, number> {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (let i = 0; i < names.length; i++) out[names[i]] = num(values[offset + i]);
  return out;
}

/**
 * Builds the decoder of a stream for the `cols` of its subscribe result (§5.3): column positions are found
 * once, by name, so the decoder follows whatever layout Cortex announces.
 *
 * ## Example
 * ```ts
 * import { frameDecoder } from 'cortex-rx';
 * const decode = frameDecoder('com', ['act', 'pow']);
 * decode(['push', 0.4], 1700000000.25); // { _tag: 'com', timeS: 1700000000.25, action: 'push', power: 0.4 }
 * ```
 */
export function frameDecoder<S extends StreamName>(stream: S, cols: readonly ColumnLabel[]): FrameDecoder<S> {
  return makeDecoder(stream, cols) as FrameDecoder<S>;
}

function makeDecoder(stream: StreamName, cols: readonly ColumnLabel[]): FrameDecoder<StreamName> {
  const labels = flatLabels(cols);
  const at = (name: string) => labels.indexOf(name);
  const expectLength = (values: readonly unknown[]) =>
    values.length === cols.length ? undefined : `${stream} frame has ${values.length} values for ${cols.length} columns`;
  switch (stream) {
    case 'eeg':
    case 'mot': {
      const counterAt = at(stream === 'eeg' ? 'COUNTER' : 'COUNTER_MEMS');
      const interpAt = at(stream === 'eeg' ? 'INTERPOLATED' : 'INTERPOLATED_MEMS');
      const channelIdx = labels.flatMap((l, i) => (NON_CHANNEL.has(l) || l === '[nested]' ? [] : [i]));
      const channels = channelIdx.map((i) => labels[i]);
      const slab = new Float64Slab(channelIdx.length);
      if (stream === 'mot') {
        return (values, timeS) =>
          expectLength(values) ?? {
            _tag: 'mot',
            timeS,
            counter: num(values[counterAt]),
            interpolated: num(values[interpAt]) === 1,
            channels,
            values: toFloat64(values, channelIdx, slab.take()),
          };
      }
      const rawCqAt = at('RAW_CQ');
      const hwAt = at('MARKER_HARDWARE');
      const markersAt = at('MARKERS');
      return (values, timeS) => {
        const bad = expectLength(values);
        if (bad) return bad;
        const markers = markersAt >= 0 ? values[markersAt] : [];
        if (!Array.isArray(markers)) return 'eeg MARKERS column must be an array';
        return {
          _tag: 'eeg',
          timeS,
          counter: num(values[counterAt]),
          interpolated: num(values[interpAt]) === 1,
          channels,
          values: toFloat64(values, channelIdx, slab.take()),
          rawCq: rawCqAt >= 0 ? num(values[rawCqAt]) : NaN,
          hardwareMarker: hwAt >= 0 ? num(values[hwAt]) : 0,
          markers: markers.length === 0 ? NO_MARKERS : markers.filter((m): m is EegMarker => typeof m === 'object' && m !== null),
        };
      };
    }
    case 'dev': {
      const nestedAt = cols.findIndex((c) => Array.isArray(c));
      const nested = nestedAt >= 0 ? (cols[nestedAt] as readonly string[]) : [];
      const sensors = nested.filter((s) => s !== 'OVERALL');
      const overallAt = nested.indexOf('OVERALL');
      return (values, timeS) => {
        const bad = expectLength(values);
        if (bad) return bad;
        const cq = nestedAt >= 0 ? values[nestedAt] : [];
        if (!Array.isArray(cq) || cq.length !== nested.length) return 'dev contact-quality array does not match its columns';
        return {
          _tag: 'dev',
          timeS,
          batteryLevel: num(values[at('Battery')]),
          signal: num(values[at('Signal')]),
          contactQuality: namedNumbers(sensors, cq, 0),
          overall: overallAt >= 0 ? num(cq[overallAt]) : NaN,
          batteryPercent: num(values[at('BatteryPercent')]),
        };
      };
    }
    case 'eq': {
      const fixed = ['batteryPercent', 'overall', 'sampleRateQuality'];
      const sensorIdx = labels.flatMap((l, i) => (fixed.includes(l) ? [] : [i]));
      return (values, timeS) => {
        const bad = expectLength(values);
        if (bad) return bad;
        const quality: Record<string, number> = Object.create(null) as Record<string, number>;
        for (const i of sensorIdx) quality[labels[i]] = num(values[i]);
        return {
          _tag: 'eq',
          timeS,
          batteryPercent: num(values[at('batteryPercent')]),
          overall: num(values[at('overall')]),
          sampleRateQuality: num(values[at('sampleRateQuality')]),
          quality,
        };
      };
    }
    case 'pow': {
      const all = labels.map((_, i) => i);
      const slab = new Float64Slab(all.length);
      return (values, timeS) => expectLength(values) ?? { _tag: 'pow', timeS, columns: labels, values: toFloat64(values, all, slab.take()) };
    }
    case 'met':
      return (values, timeS) => {
        const bad = expectLength(values);
        if (bad) return bad;
        const metrics: Record<string, number | boolean | null> = Object.create(null) as Record<string, number | boolean | null>;
        for (let i = 0; i < labels.length; i++) {
          const v = values[i];
          metrics[labels[i]] = (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean' ? v : null;
        }
        return { _tag: 'met', timeS, metrics };
      };
    case 'com':
      return (values, timeS) =>
        expectLength(values) ?? { _tag: 'com', timeS, action: str(values[at('act')]), power: num(values[at('pow')]) };
    case 'fac':
      return (values, timeS) =>
        expectLength(values) ?? {
          _tag: 'fac',
          timeS,
          eyeAction: str(values[at('eyeAct')]),
          upperAction: str(values[at('uAct')]),
          upperPower: num(values[at('uPow')]),
          lowerAction: str(values[at('lAct')]),
          lowerPower: num(values[at('lPow')]),
        };
    case 'sys':
      // sys cols are UNVERIFIED (§5.3): read [detection, event] by position.
      return (values, timeS) => ({ _tag: 'sys', timeS, detection: str(values[0]), event: str(values[1] ?? values[0]) });
  }
}
