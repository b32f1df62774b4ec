import { randomUUID } from 'crypto';
import { ERROR, WARNING, type CortexRecord, type Session } from '../protocol';
import type { AppState } from './appState';
import type { Connection } from './connection';
import { CortexFault } from './cortexFault';
import { isoLocal } from './isoTime';
import { SessionState, type FrameGate } from './sessionState';
import type { Timers } from './timers';
import type { VirtualHeadset } from './virtualHeadset';

/** What the session table needs of the simulator config. */
export interface SessionTableConfig {
  /** The EmotivID reported as the owner of every session. */
  readonly username: string;
  /** Delay from stopRecord to warning 30 (post-processing done). */
  readonly postProcessingDelayMs: number;
}

/**
 * The open sessions of every app, and the records stopped but still post-processing: opening, finding (an app only
 * finds its own), closing (its record stops, its headset forgets it), stopping a record (warning 30 follows), and
 * closing every session of a headset that disconnects.
 *
 * ## Example
 * ```ts
 * const sessions = new SessionTable(config, timers, gate);
 * const session = sessions.open(app, conn, headset, true);
 * sessions.of(app, session.id) === session; // true
 * sessions.close(session);
 * ```
 */
export class SessionTable {
  private readonly sessions = new Map<string, SessionState>();
  private readonly postProcessing = new Set<string>();
  private readonly headsetGoneListeners: Array<(headset: VirtualHeadset) => void> = [];

  constructor(
    private readonly config: SessionTableConfig,
    private readonly timers: Timers,
    private readonly gate: FrameGate,
  ) {}

  /** Number of open sessions (all apps). */
  get size(): number {
    return this.sessions.size;
  }

  /** Every open session. */
  all(): SessionState[] {
    return [...this.sessions.values()];
  }

  /** The open sessions of one app. */
  ofApp(app: AppState): SessionState[] {
    return this.all().filter((s) => s.app === app);
  }

  /**
   * Opens a session of `app` on `headset` for `conn`, activated when `activate` (which may throw -32019 first).
   * @returns the session, registered with the table, the connection and the headset.
   */
  open(app: AppState, conn: Connection, headset: VirtualHeadset, activate: boolean): SessionState {
    const session = new SessionState(randomUUID(), app, conn, headset, this.gate);
    if (activate) session.activate();
    this.sessions.set(session.id, session);
    conn.sessions.add(session);
    headset.sinks.add(session);
    return session;
  }

  /** The session of this app with this id. @throws CortexFault -32005 when there is none. */
  of(app: AppState | undefined, sessionId: string): SessionState {
    const session = this.sessions.get(sessionId);
    // Another app's session is reported as missing: apps never learn of each other's sessions.
    if (!session || !app || session.app !== app) {
      throw new CortexFault(ERROR.SESSION_NOT_FOUND, 'The session does not exist.');
    }
    return session;
  }

  /** The session object of §4 as the API returns it. */
  json(session: SessionState): Session {
    return session.toJSON(this.config.username);
  }

  /** Closes a session: its record stops, its streams end, it leaves its headset, its connection and the table. */
  close(session: SessionState): void {
    if (session.status === 'closed') return;
    this.stopRecording(session);
    session.status = 'closed';
    session.stopped = isoLocal(Date.now());
    session.streams.clear();
    session.headset.sinks.delete(session);
    session.conn.sessions.delete(session);
    this.sessions.delete(session.id);
  }

  /**
   * Stops the session's running record, if any; warning 30 follows on its connection after the post-processing delay.
   * @returns the stopped record, or undefined when none was running.
   */
  stopRecording(session: SessionState): CortexRecord | undefined {
    const writer = session.writer;
    if (!writer) return undefined;
    session.writer = undefined;
    const stored = writer.stop(isoLocal(Date.now()));
    const recordId = writer.recordId;
    this.postProcessing.add(recordId);
    const conn = session.conn;
    this.timers.later(this.config.postProcessingDelayMs, () => {
      this.postProcessing.delete(recordId);
      conn.warn(WARNING.CORTEX_RECORD_POST_PROCESSING_DONE, { behavior: 'Post-processing finished.', recordId });
    });
    return stored.record;
  }

  /** True while a stopped record waits for its warning 30. */
  isPostProcessing(recordId: string): boolean {
    return this.postProcessing.has(recordId);
  }

  /**
   * Calls `listener` each time a headset leaves (controlDevice disconnect, or dropped after a loss), once its sessions
   * are closed: what else the headset held (a loaded profile) is released there.
   */
  onHeadsetGone(listener: (headset: VirtualHeadset) => void): void {
    this.headsetGoneListeners.push(listener);
  }

  /** Closes every session on a headset that disconnects, after warnings 0 and 1 when `notify`, and marks it so. */
  disconnectHeadset(headset: VirtualHeadset, notify: boolean): void {
    for (const session of this.all()) {
      if (session.headset !== headset) continue;
      if (notify) {
        session.conn.warn(WARNING.CORTEX_STOP_ALL_STREAMS, {
          behavior: `Cortex has stopped all the subscriptions of session ${session.id}.`,
          sessionId: session.id,
        });
        session.conn.warn(WARNING.CORTEX_CLOSE_SESSION, {
          behavior: `Session ${session.id} was closed because headset ${headset.id} disconnected.`,
          sessionId: session.id,
        });
      }
      this.close(session);
    }
    headset.markDisconnected();
    for (const listener of this.headsetGoneListeners) listener(headset);
  }
}
