import {
  BehaviorSubject,
  EMPTY,
  Observable,
  Subject,
  concat,
  defer,
  distinctUntilChanged,
  filter,
  map,
  merge,
  of,
  share,
  switchMap,
  take,
  tap,
  throwError,
  catchError,
  ignoreElements,
  timeout,
  timer,
  asapScheduler,
} from 'rxjs';
import { ERROR, WARNING, type CortexRecord, type Headset, type Marker, type MarkerValue, type Session, type StreamName } from '../protocol';
import type { CortexConnection, CortexWarning } from './cortexConnection';
import type { ConnectionState } from './connectionStates';
import { CortexClientError, CortexError } from './cortexError';
import type { Diagnostic } from './diagnostic';
import { warningSubject } from './headsetWarnings';
import { followLive } from './followLive';
import { frameDecoder, type StreamEvent, type StreamFrames } from './streamFrames';

/** Options of `client.session()`. */
export interface SessionConfig {
  /** The headset id; default: the first connected headset, else the first one found (connected first). */
  readonly headset?: string;
  /** Create the session activated (needed for eeg, records and markers; uses the licence). Default true. */
  readonly activate?: boolean;
}

/** Options of `session.record()` (createRecord params, §6). */
export interface RecordConfig {
  /** Title, 1 to 200 characters. */
  readonly title: string;
  readonly description?: string;
  readonly subjectName?: string;
  readonly tags?: readonly string[];
  readonly experimentId?: number;
}

/** Options of `recording.marker()` and `recording.interval()` (injectMarker params, §7). */
export interface MarkerConfig {
  readonly label: string;
  /** A string or an integer >= 0. */
  readonly value: MarkerValue;
  /** Default `Software`. */
  readonly port?: string;
  /** Marker time in ms on the Cortex clock; default: now, on the headset clock (syncWithHeadsetClock). */
  readonly timeMs?: number;
  readonly extras?: Readonly<Record<string, unknown>>;
}

/**
 * A live session, as emitted by `client.session()`: once when the Cortex session is created, and again when it
 * is re-created on a new socket after a reconnect. Changes of the session object (activation, streams,
 * recording, record ids) are on `changes`, not re-emitted by `client.session()`, so that
 * `session$.pipe(switchMap((s) => s.record(...)))` never restarts a record because a stream was added.
 */
export interface CortexSession {
  /** The session object (§4) when this session was created. */
  readonly info: Session;
  /** The session object now: replays the latest, then emits on every change. Completes when the session ends. */
  readonly changes: Observable<Session>;
  /**
   * A stream of the session (§5). One Cortex subscription however many subscribers: subscribe is sent for the
   * first, unsubscribe after the last. Emits typed frames in the column order of the subscribe result, and a
   * `gap` event when the socket dropped (frames resume after the reconnect). A `failure` entry of the
   * subscribe result errors with a `CortexError` (e.g. -32016 for eeg on an unactivated session).
   */
  stream<S extends StreamName>(name: S): Observable<StreamEvent<S>>;
  /** A record of the session: subscribe = createRecord, unsubscribe = stopRecord (§6). */
  record(config: RecordConfig): Observable<Recording>;
  /** Activates an opened session (updateSession active); emits the session object. */
  activate(): Observable<Session>;
}

/** A running record, as emitted by `session.record()`. */
export interface Recording {
  /** The record object (§6) returned by createRecord. */
  readonly record: CortexRecord;
  /** An instance marker: subscribe = injectMarker; emits the marker and completes. */
  marker(config: MarkerConfig): Observable<Marker>;
  /** An interval marker: subscribe = injectMarker (emits the marker), unsubscribe = updateMarker with the end time. */
  interval(config: MarkerConfig): Observable<Marker>;
}

/** What the controller needs from the client. */
export interface SessionHost {
  readonly connection: Observable<ConnectionState>;
  readonly diagnostics: Subject<Diagnostic>;
  readonly connectTimeoutMs: number;
  /** A record stopped on `conn` but not yet post-processed: its warning 30 will come on that socket. */
  markPostProcessing(recordId: string, conn: CortexConnection): void;
  /** A stopRecord failed: no warning 30 will come. */
  unmarkPostProcessing(recordId: string): void;
}

interface Live {
  readonly conn: CortexConnection;
  info: Session;
  readonly changes: BehaviorSubject<Session>;
  /** Cortex time minus our monotonic time, in seconds (syncWithHeadsetClock). */
  adjustmentS: number | undefined;
  recordId: string | undefined;
}

const noop = () => undefined;
const monotonicS = () => performance.now() / 1000;

/** What a request claims on a connection (see `CortexConnection.settled`): a headset's session of this app... */
const sessionKey = (headsetId: string) => `session:${headsetId}`;
/** ...a stream of a session... */
const streamKey = (sid: string, stream: StreamName) => `stream:${sid}:${stream}`;
/** ...and the record of a session. */
const recordKey = (sid: string) => `record:${sid}`;

/**
 * Connects a headset on a connection: controlDevice connect, then warning 104 (connected) or 100–102 (failed).
 * @internal
 */
export function connectHeadsetOn(conn: CortexConnection, headset: Headset, timeoutMs: number): Observable<void> {
  if (headset.status === 'connected') return of(undefined);
  const outcome = conn.warnings.pipe(
    filter(
      (w) =>
        warningSubject(w, 'headsetId') === headset.id &&
        [WARNING.HEADSET_CONNECTED, WARNING.HEADSET_WRONG_INFORMATION, WARNING.HEADSET_CANNOT_CONNECT, WARNING.HEADSET_CANNOT_CONNECT_TIMEOUT].includes(
          w.code as 104,
        ),
    ),
    take(1),
    map((w) => {
      if (w.code !== WARNING.HEADSET_CONNECTED) {
        throw new CortexClientError('HEADSET_UNAVAILABLE', `headset ${headset.id} could not connect (warning ${w.code})`, w);
      }
    }),
  );
  const command = headset.status === 'discovered' ? conn.call('controlDevice', { command: 'connect', headset: headset.id }) : EMPTY;
  return merge(outcome, command.pipe(ignoreElements())).pipe(
    take(1),
    timeout({
      first: timeoutMs,
      with: () => throwError(() => new CortexClientError('HEADSET_UNAVAILABLE', `headset ${headset.id} did not connect within ${timeoutMs} ms`)),
    }),
  );
}

/**
 * The lifecycle of one `client.session()` subscription across reconnects: a Cortex session is created on each
 * connection (same headset, same activation), its streams re-subscribed, and closed when the subscriber leaves.
 * @internal
 */
export class SessionController {
  private readonly live$ = new BehaviorSubject<Live | undefined>(undefined);
  /** The live session now; `live$.value` would throw once the session errored. */
  private liveNow: Live | undefined;
  private readonly changed$ = new Subject<void>();
  private readonly streams = new Map<StreamName, Observable<StreamEvent<StreamName>>>();
  private activate: boolean;
  private headsetId: string | undefined;

  constructor(
    private readonly host: SessionHost,
    config: SessionConfig,
  ) {
    this.activate = config.activate ?? true;
    this.headsetId = config.headset;
  }

  /** The session observable: emits a handle per (re)created session and per change. */
  run(): Observable<CortexSession> {
    return new Observable<CortexSession>((subscriber) => {
      const sub = this.host.connection
        .pipe(
          switchMap((state) => {
            if (state._tag === 'connected') return this.establish(state.connection);
            this.setLive(undefined);
            return EMPTY;
          }),
        )
        .subscribe({
          next: (s) => subscriber.next(s),
          error: (err: unknown) => {
            this.live$.error(err);
            subscriber.error(err);
          },
          complete: () => subscriber.complete(),
        });
      return () => {
        sub.unsubscribe();
        this.live$.complete();
      };
    });
  }

  private establish(conn: CortexConnection): Observable<CortexSession> {
    return new Observable<CortexSession>((subscriber) => {
      let live: Live | undefined;
      let closedByCortex = false;
      const sub = this.pickHeadset(conn)
        .pipe(
          // A session of ours on this headset still closing (or a createSession abandoned earlier): wait for it, or
          // createSession would get -32005.
          switchMap((headset) => conn.settled(sessionKey(headset.id)).pipe(map(() => headset))),
          switchMap((headset) =>
            conn.call(
              'createSession',
              { status: this.activate ? 'active' : 'open', headset: headset.id },
              // Unsubscribed (or timed out) before the answer: the session exists on Cortex all the same; close it.
              { key: sessionKey(headset.id), undo: (info) => conn.call('updateSession', { session: info.id, status: 'close' }) },
            ),
          ),
          switchMap((info) => {
            const l: Live = { conn, info, changes: new BehaviorSubject(info), adjustmentS: undefined, recordId: undefined };
            live = l;
            this.headsetId = info.headset.id;
            this.setLive(l);
            const closed = conn.warnings.pipe(
              filter(
                (w) =>
                  (w.code === WARNING.CORTEX_CLOSE_SESSION || w.code === WARNING.CORTEX_STOP_ALL_STREAMS) &&
                  warningSubject(w, 'sessionId') === info.id,
              ),
              take(1),
              map((w: CortexWarning): never => {
                closedByCortex = true;
                throw new CortexClientError('SESSION_CLOSED', `Cortex closed session ${info.id} (warning ${w.code})`, w);
              }),
            );
            const changes = this.changed$.pipe(
              switchMap(() => conn.call('querySessions', {}).pipe(catchError(() => EMPTY))),
              map((all) => all.find((s) => s.id === info.id)),
              filter((s): s is Session => s !== undefined),
              tap((s) => {
                l.info = s;
                l.changes.next(s);
              }),
              ignoreElements(),
            );
            return merge(of(this.handle(l)), changes, closed);
          }),
        )
        .subscribe(subscriber);
      return () => {
        sub.unsubscribe();
        const l = live;
        if (!l) return;
        l.changes.complete();
        // Read first: setLive ends a running record, whose teardown clears l.recordId.
        const recordId = l.recordId;
        if (this.liveNow === l) this.setLive(undefined);
        if (!closedByCortex && !conn.closed) {
          // Closing stops the session's record: its warning 30 comes on this socket.
          if (recordId !== undefined) this.host.markPostProcessing(recordId, conn);
          conn.cleanup(sessionKey(l.info.headset.id), conn.call('updateSession', { session: l.info.id, status: 'close' }));
        }
      };
    });
  }

  private setLive(live: Live | undefined): void {
    this.liveNow = live;
    this.live$.next(live);
  }

  private pickHeadset(conn: CortexConnection): Observable<Headset> {
    const wanted = this.headsetId;
    return conn.call('queryHeadsets', wanted === undefined ? {} : { id: wanted }).pipe(
      switchMap((list) => {
        const rank = { connected: 0, connecting: 1, discovered: 2 } as const;
        const candidates = wanted === undefined ? [...list].sort((a, b) => rank[a.status] - rank[b.status]) : list.filter((h) => h.id === wanted);
        const headset = candidates[0];
        if (!headset) {
          return throwError(
            () => new CortexError(ERROR.HEADSET_UNAVAILABLE, wanted ? `headset ${wanted} not found` : 'no headset found', 'queryHeadsets'),
          );
        }
        return connectHeadsetOn(conn, headset, this.host.connectTimeoutMs).pipe(map(() => headset));
      }),
    );
  }

  private handle(live: Live): CortexSession {
    return {
      info: live.info,
      changes: live.changes.asObservable(),
      stream: <S extends StreamName>(name: S) => this.stream(name) as Observable<StreamEvent<S>>,
      record: (config) => this.record(config),
      activate: () => this.activateNow(),
    };
  }

  private current(): Observable<Live> {
    return this.live$.pipe(
      filter((l): l is Live => l !== undefined),
      take(1),
    );
  }

  private activateNow(): Observable<Session> {
    return this.current().pipe(
      switchMap((l) =>
        l.conn.call('updateSession', { session: l.info.id, status: 'active' }).pipe(
          tap(() => {
            this.activate = true;
            this.changed$.next();
          }),
        ),
      ),
    );
  }

  private stream(name: StreamName): Observable<StreamEvent<StreamName>> {
    let shared = this.streams.get(name);
    if (!shared) {
      shared = this.live$.pipe(
        distinctUntilChanged(),
        map((live) => (live ? this.subscribeOn(live, name) : undefined)),
        followLive<StreamFrames[StreamName]>(name),
        // The reset waits a tick: a switchMap that drops and re-takes the stream in one go keeps the subscription.
        share({ resetOnRefCountZero: () => timer(0, asapScheduler) }),
      );
      this.streams.set(name, shared);
    }
    return shared;
  }

  private subscribeOn(live: Live, name: StreamName): Observable<StreamFrames[StreamName]> {
    return new Observable<StreamFrames[StreamName]>((subscriber) => {
      let subscribed = false;
      const { conn } = live;
      const sid = live.info.id;
      const key = streamKey(sid, name);
      const sub = conn
        .settled(key)
        .pipe(
          switchMap(() =>
            conn.call(
              'subscribe',
              { session: sid, streams: [name] },
              // Abandoned before the answer: unsubscribe what Cortex subscribed.
              {
                key,
                undo: (r) =>
                  r.success.some((x) => x.streamName === name) ? conn.call('unsubscribe', { session: sid, streams: [name] }) : undefined,
              },
            ),
          ),
        )
        .subscribe({
          next: (r) => {
            const failure = r.failure.find((f) => f.streamName === name);
            if (failure) {
              subscriber.error(new CortexError(failure.code, failure.message, 'subscribe', { streamName: name }));
              return;
            }
            const ok = r.success.find((s) => s.streamName === name);
            if (!ok) {
              subscriber.error(new CortexClientError('DECODE', `subscribe: no success or failure entry for ${name}`, r));
              return;
            }
            subscribed = true;
            this.changed$.next();
            // The frames go straight to this subscriber (no operator in between: this runs for every sample).
            conn.frames(ok.sid, name, frameDecoder(name, ok.cols)).subscribe(subscriber);
          },
          error: (err: unknown) => subscriber.error(err),
        });
      return () => {
        sub.unsubscribe();
        if (subscribed && !conn.closed && this.liveNow === live) {
          conn.cleanup(key, conn.call('unsubscribe', { session: sid, streams: [name] }), { complete: () => this.changed$.next() });
        }
      };
    });
  }

  private record(config: RecordConfig): Observable<Recording> {
    return new Observable<Recording>((subscriber) => {
      let live: Live | undefined;
      let recordId: string | undefined;
      const sub = this.current()
        .pipe(
          switchMap((l) => {
            live = l;
            const key = recordKey(l.info.id);
            return this.syncClock(l).pipe(
              switchMap(() => l.conn.settled(key)),
              switchMap(() =>
                l.conn.call(
                  'createRecord',
                  {
                    session: l.info.id,
                    title: config.title,
                    ...(config.description !== undefined ? { description: config.description } : {}),
                    ...(config.subjectName !== undefined ? { subjectName: config.subjectName } : {}),
                    ...(config.tags !== undefined ? { tags: [...config.tags] } : {}),
                    ...(config.experimentId !== undefined ? { experimentId: config.experimentId } : {}),
                  },
                  // Abandoned before the answer: stop the record Cortex started.
                  { key, undo: () => l.conn.call('stopRecord', { session: l.info.id }) },
                ),
              ),
            );
          }),
          switchMap((r) => {
            const l = live as Live;
            recordId = r.record.uuid;
            l.recordId = recordId;
            this.changed$.next();
            const stopped = this.live$.pipe(
              filter((x) => x !== l),
              take(1),
              map((): never => {
                throw new CortexClientError('RECORD_STOPPED', `record ${r.record.uuid} stopped: its session ended or the socket dropped`);
              }),
            );
            return concat(of(this.recording(l, r.record)), stopped);
          }),
          catchError((err: unknown) =>
            throwError(() =>
              recordId !== undefined && err instanceof CortexClientError && err.code === 'SESSION_CLOSED'
                ? new CortexClientError('RECORD_STOPPED', `record ${recordId} stopped: ${err.message}`, err)
                : err,
            ),
          ),
        )
        .subscribe(subscriber);
      return () => {
        sub.unsubscribe();
        const l = live;
        if (!l || recordId === undefined) return;
        if (l.recordId === recordId) l.recordId = undefined;
        const id = recordId;
        if (!l.conn.closed && this.liveNow === l) {
          // Marked before stopRecord is sent, so an exportRecord sent right after waits for warning 30. Not marked
          // when the socket or the session is gone: Cortex stopped the record itself, and no warning 30 will come here.
          this.host.markPostProcessing(id, l.conn);
          l.conn.cleanup(recordKey(l.info.id), l.conn.call('stopRecord', { session: l.info.id }), {
            error: () => this.host.unmarkPostProcessing(id),
            complete: () => this.changed$.next(),
          });
        }
      };
    });
  }

  private syncClock(l: Live): Observable<void> {
    if (l.adjustmentS !== undefined) return of(undefined);
    return defer(() =>
      l.conn.call('syncWithHeadsetClock', { headset: l.info.headset.id, monotonicTime: monotonicS(), systemTime: Date.now() / 1000 }),
    ).pipe(
      map((r) => {
        l.adjustmentS = r.adjustment;
      }),
      catchError(() => {
        // Without a headset clock, fall back to the system clock: markers still land within a few ms.
        l.adjustmentS = Date.now() / 1000 - monotonicS();
        return of(undefined);
      }),
    );
  }

  private recording(l: Live, record: CortexRecord): Recording {
    const inject = (config: MarkerConfig) =>
      l.conn
        .call('injectMarker', {
          session: l.info.id,
          label: config.label,
          value: config.value,
          time: config.timeMs ?? (monotonicS() + (l.adjustmentS ?? 0)) * 1000,
          ...(config.port !== undefined ? { port: config.port } : {}),
          ...(config.extras !== undefined ? { extras: { ...config.extras } } : {}),
        })
        .pipe(map((r) => r.marker));
    return {
      record,
      marker: (config) => defer(() => inject(config)),
      interval: (config) =>
        new Observable<Marker>((subscriber) => {
          let markerId: string | undefined;
          const sub = inject(config)
            .pipe(tap((m) => (markerId = m.uuid)))
            .subscribe({ next: (m) => subscriber.next(m), error: (e: unknown) => subscriber.error(e) });
          return () => {
            sub.unsubscribe();
            if (markerId !== undefined && !l.conn.closed && this.liveNow === l) {
              l.conn
                .call('updateMarker', { session: l.info.id, markerId, time: (monotonicS() + (l.adjustmentS ?? 0)) * 1000 })
                .subscribe({ error: noop });
            }
          };
        }),
    };
  }
}
