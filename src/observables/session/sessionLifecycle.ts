import {
  BehaviorSubject,
  EMPTY,
  Observable,
  catchError,
  filter,
  ignoreElements,
  map,
  merge,
  of,
  switchMap,
  take,
  tap,
  type SchedulerLike,
} from 'rxjs';
import { WARNING, type Session, type StreamName } from '../../protocol';
import type { CortexConnection } from '../connection/cortexConnection';
import { warningSubject, type CortexWarning } from '../connection/cortexWarning';
import type { LatchKey } from '../connection/latchKey';
import { CortexClientError } from '../cortexError';
import { chooseHeadset } from '../headset/chooseHeadset';
import type { StreamEvent } from '../ingest/streamFrames';
import type { PostProcessingTracker } from '../records/postProcessingTracker';
import type { SocketState } from '../socket/socketState';
import type { CortexSession, SessionConfig } from './cortexSession';
import { LiveSessionSlot, type LiveSession } from './liveSession';
import { SessionStreams } from './sessionStreams';
import { startRecord } from './startRecord';

/**
 * What a session takes from its client.
 * @internal
 */
export interface SessionHost {
  /** The client's socket states. */
  readonly states: Observable<SocketState>;
  readonly connectTimeoutMs: number;
  /** Records stopped and still post-processing (a session that closes stops its record). */
  readonly postProcessing: PostProcessingTracker;
  /** The client's `stallTimeoutMs` (undefined: each stream's default). */
  readonly stallTimeoutMs: number | undefined;
  /** Where stall checks run (default `asyncScheduler`). */
  readonly scheduler: SchedulerLike | undefined;
}

const sessionKey = (headsetId: string): LatchKey => ({ kind: 'session', headsetId });

/**
 * The lifecycle of one `client.session()` subscription across reconnects: a Cortex session is created on each
 * connection (same headset, same activation), its streams ({@link SessionStreams}) re-subscribed, and closed when
 * the subscriber leaves; a session Cortex closes (warning 1, or 0 stop-all-streams) errors with SESSION_CLOSED.
 *
 * ## Example
 * ```ts
 * defer(() => new SessionLifecycle(host, { headset: 'INSIGHT-1' }).run()).subscribe((session) => console.log(session.info.id));
 * ```
 * @internal
 */
export class SessionLifecycle {
  private readonly slot = new LiveSessionSlot();
  private readonly streams: SessionStreams;
  private activate: boolean;
  private headsetId: string | undefined;

  constructor(
    private readonly host: SessionHost,
    config: SessionConfig,
  ) {
    this.streams = new SessionStreams(this.slot, host);
    this.activate = config.activate ?? true;
    this.headsetId = config.headset;
  }

  /** The session observable: emits a handle per (re)created session. */
  run(): Observable<CortexSession> {
    return new Observable<CortexSession>((subscriber) => {
      const sub = this.host.states
        .pipe(
          switchMap((state) => {
            if (state._tag === 'connected') return this.establish(state.connection);
            this.slot.set(undefined);
            return EMPTY;
          }),
        )
        .subscribe({
          next: (s) => subscriber.next(s),
          error: (err: unknown) => {
            this.slot.fail(err);
            subscriber.error(err);
          },
          complete: () => subscriber.complete(),
        });
      return () => {
        sub.unsubscribe();
        this.slot.end();
      };
    });
  }

  /** A Cortex session on one connection, for as long as it is subscribed; closed on teardown. */
  private establish(conn: CortexConnection): Observable<CortexSession> {
    return new Observable<CortexSession>((subscriber) => {
      let live: LiveSession | undefined;
      let closedByCortex = false;
      const sub = this.createOn(conn)
        .pipe(
          switchMap((info) => {
            const l: LiveSession = {
              conn,
              info,
              changes: new BehaviorSubject(info),
              adjustmentS: undefined,
              recordId: undefined,
            };
            live = l;
            this.headsetId = info.headset.id;
            this.slot.set(l);
            const closed = closedByWarning(conn, info, () => (closedByCortex = true));
            return merge(of(this.handle(l)), this.followChanges(l), closed);
          }),
        )
        .subscribe(subscriber);
      return () => {
        sub.unsubscribe();
        const l = live;
        if (!l) return;
        l.changes.complete();
        // Read first: slot.set ends a running record, whose teardown clears l.recordId.
        const recordId = l.recordId;
        if (this.slot.isLive(l)) this.slot.set(undefined);
        if (!closedByCortex && !conn.closed) {
          // Closing stops the session's record: its warning 30 comes on this socket.
          if (recordId !== undefined) this.host.postProcessing.mark(recordId, conn);
          conn.latch.cleanup(
            sessionKey(l.info.headset.id),
            conn.call('updateSession', { session: l.info.id, status: 'close' }),
          );
        }
      };
    });
  }

  /** Chooses and connects the headset, then createSession once no session of ours on it is still closing. */
  private createOn(conn: CortexConnection): Observable<Session> {
    return chooseHeadset(conn, this.headsetId, this.host.connectTimeoutMs).pipe(
      // A session of ours on this headset still closing (or a createSession abandoned earlier): wait for it, or
      // createSession would get -32005.
      switchMap((headset) => conn.latch.settled(sessionKey(headset.id)).pipe(map(() => headset))),
      switchMap((headset) =>
        conn.call(
          'createSession',
          { status: this.activate ? 'active' : 'open', headset: headset.id },
          // Unsubscribed (or timed out) before the answer: the session exists on Cortex all the same; close it.
          {
            key: sessionKey(headset.id),
            undo: (info) => conn.call('updateSession', { session: info.id, status: 'close' }),
          },
        ),
      ),
    );
  }

  /** Re-queries the session object whenever a stream, record or activation changed it; emits nothing itself. */
  private followChanges(l: LiveSession): Observable<never> {
    return this.slot.changed.pipe(
      switchMap(() => l.conn.call('querySessions', {}).pipe(catchError(() => EMPTY))),
      map((all) => all.find((s) => s.id === l.info.id)),
      filter((s): s is Session => s !== undefined),
      tap((s) => {
        l.info = s;
        l.changes.next(s);
      }),
      ignoreElements(),
    );
  }

  private handle(live: LiveSession): CortexSession {
    return {
      info: live.info,
      changes: live.changes.asObservable(),
      stream: <S extends StreamName>(name: S) => this.streams.stream(name) as Observable<StreamEvent<S>>,
      record: (config) => startRecord(this.slot, this.host.postProcessing, config),
      activate: () => this.activateNow(),
    };
  }

  private activateNow(): Observable<Session> {
    return this.slot.current().pipe(
      switchMap((l) =>
        l.conn.call('updateSession', { session: l.info.id, status: 'active' }).pipe(
          tap(() => {
            this.activate = true;
            this.slot.markChanged();
          }),
        ),
      ),
    );
  }
}

/**
 * Errors when Cortex ends session `info`: SESSION_CLOSED on warning 1 or 0 (stop-all-streams) naming it, HEADSET_LOST
 * on warning 103 naming its headset (dropped after a long time without data); calls `onClosed` first.
 */
function closedByWarning(conn: CortexConnection, info: Session, onClosed: () => void): Observable<never> {
  return conn.warnings.pipe(
    map((w) => sessionEndedBy(w, info)),
    filter((err): err is CortexClientError => err !== undefined),
    take(1),
    map((err): never => {
      onClosed();
      throw err;
    }),
  );
}

/** The error a warning ends session `info` with, or undefined when it does not end it. */
function sessionEndedBy(w: CortexWarning, info: Session): CortexClientError | undefined {
  switch (w.code) {
    case WARNING.HEADSET_DISCONNECTED_TIMEOUT:
      return warningSubject(w, 'headsetId') === info.headset.id
        ? new CortexClientError('HEADSET_LOST', `Cortex dropped headset ${info.headset.id}: no data (warning 103)`, w)
        : undefined;
    case WARNING.CORTEX_CLOSE_SESSION:
    case WARNING.CORTEX_STOP_ALL_STREAMS:
      return warningSubject(w, 'sessionId') === info.id
        ? new CortexClientError('SESSION_CLOSED', `Cortex closed session ${info.id} (warning ${w.code})`, w)
        : undefined;
    default:
      return undefined;
  }
}
