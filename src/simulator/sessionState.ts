import type { Session, StreamName } from '../protocol';
import { ERROR, PERFORMANCE_METRICS } from '../protocol';
import type { AppState } from './appState';
import type { Connection } from './connection';
import { CortexFault } from './cortexFault';
import { isoLocal } from './isoTime';
import type { RecordWriter } from './store/storeTypes';
import type { HeadsetSink, RecordedStream } from './headsetSink';
import type { VirtualHeadset } from './virtualHeadset';

/** met runs at 2 Hz on activated sessions with scope pm, else at 0.1 Hz: one sample in 20 (§5.2). */
export const MET_LOW_RATE_DECIMATION = 20;

/** Where a session's data frames pass: the drop-frames fault, then the count of frames sent or dropped. */
export interface FrameGate {
  /** True when the fault drops this frame. */
  dropFrame(): boolean;
  /** Counts one frame handed to a client socket. */
  frameSent(): void;
  /** Counts one frame dropped because its socket was over its send budget (the client does not read). */
  frameDropped(stream: StreamName): void;
}

/**
 * One session: its app, connection and headset, its status and subscribed streams, and its running record. It is a
 * sink of its headset: the headset's frames reach the client through it, and its samples reach the record.
 *
 * ## Example
 * ```ts
 * const session = new SessionState(randomUUID(), app, conn, headset, gate);
 * session.activate();
 * headset.sinks.add(session);
 * ```
 */
export class SessionState implements HeadsetSink {
  status: 'opened' | 'activated' | 'closed' = 'opened';
  readonly streams = new Set<StreamName>();
  readonly recordIds: string[] = [];
  readonly started = isoLocal(Date.now());
  stopped: string | undefined;
  writer: RecordWriter | undefined;
  /** Samples before this time (epoch s) predate the record: EEG is sent with a small latency. */
  recordStartS = 0;
  metDecimation = MET_LOW_RATE_DECIMATION;
  licenseId = '';

  constructor(
    readonly id: string,
    readonly app: AppState,
    readonly conn: Connection,
    readonly headset: VirtualHeadset,
    private readonly gate: FrameGate,
  ) {}

  get sessionId(): string {
    return this.id;
  }

  isSubscribed(stream: StreamName): boolean {
    return this.streams.has(stream);
  }

  sendFrame(stream: StreamName, frame: string): void {
    if (this.gate.dropFrame()) return;
    const outcome = this.conn.sendData(frame);
    if (outcome === 'sent') this.gate.frameSent();
    else if (outcome === 'dropped') this.gate.frameDropped(stream);
  }

  recordSample(stream: RecordedStream, timeS: number, values: ArrayLike<number>): void {
    if (this.writer && timeS >= this.recordStartS) this.writer.append(stream, timeS, values);
  }

  /** Activates the session (once), spending one activation of the app's quota. @throws CortexFault -32019. */
  activate(): void {
    if (this.status === 'activated') return;
    if (this.app.quota <= 0) {
      throw new CortexFault(ERROR.SESSION_LIMIT_REACHED, 'Session limit on this device has been reached.');
    }
    this.app.quota -= 1;
    this.status = 'activated';
    this.licenseId = this.app.licenseId;
  }

  toJSON(owner: string): Session {
    return {
      appId: this.app.appId,
      headset: this.headset.toJSON(),
      id: this.id,
      license: this.licenseId,
      owner,
      performanceMetrics: PERFORMANCE_METRICS.map((m) => ({ ...m })),
      recordIds: [...this.recordIds],
      recording: this.writer !== undefined,
      started: this.started,
      status: this.status,
      // An active session has `stopped: ""`, like the real service (§4).
      stopped: this.stopped ?? '',
      streams: [...this.streams],
    };
  }
}
