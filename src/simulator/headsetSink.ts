import type { StreamName } from '../protocol';

/** Streams the record store keeps (the numeric ones exportRecord can write). */
export type RecordedStream = 'eeg' | 'mot' | 'pow' | 'met' | 'dev' | 'eq';

/** A marker waiting for the EEG sample nearest its time, to appear in that sample's MARKERS column. */
export interface PendingMarker {
  /** Marker time in seconds since the epoch. */
  readonly timeS: number;
  /** The session that injected it: only its MARKERS column carries the marker (another app's never does). */
  readonly sessionId: string;
  /** The object put in the MARKERS column, already serialised. */
  readonly json: string;
}

/** Where a headset's data goes: one per session open on the headset. */
export interface HeadsetSink {
  readonly sessionId: string;
  /** True when the session is subscribed to `stream`. */
  isSubscribed(stream: StreamName): boolean;
  /** Sends one serialised data frame (`{"eeg":[...],"sid":...,"time":...}`). */
  sendFrame(stream: StreamName, frame: string): void;
  /** Send every n-th met sample: 1 for 2 Hz, 20 for 0.1 Hz (§5.2). */
  readonly metDecimation: number;
  /** Appends a numeric sample to the session's running record, if any. */
  recordSample(stream: RecordedStream, timeS: number, values: ArrayLike<number>): void;
}
