import type { StreamName } from '../../protocol';

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
 * resumes after the client reconnects and re-subscribes), the stream was re-subscribed on a new session, no frame
 * came for the stall timeout (`stalled`, once: a headset switched off or out of range), or frames came back after a
 * stall (`resumed`).
 */
export interface StreamGap {
  readonly _tag: 'gap';
  readonly stream: StreamName;
  readonly reason: 'disconnected' | 'resubscribed' | 'stalled' | 'resumed';
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
