import {
  Observable,
  ReplaySubject,
  Subject,
  defer,
  filter,
  map,
  merge,
  of,
  share,
  switchMap,
  take,
  timer,
  forkJoin,
  timeout,
  throwError,
  type SchedulerLike,
} from 'rxjs';
import { WARNING, type Headset, type MethodName, type ResultOf } from '../protocol';
import { connectionStates, type ConnectionState, type ReconnectConfig } from './connectionStates';
import type { ClientParams, CortexConnection, CortexWarning } from './cortexConnection';
import { CortexClientError } from './cortexError';
import { defaultWebSocketCtor } from './defaultWebSocketCtor';
import type { Diagnostic } from './diagnostic';
import { HEADSET_LIST_WARNINGS, warningSubject } from './headsetWarnings';
import { SessionController, connectHeadsetOn, type CortexSession, type SessionConfig } from './sessionController';
import type { WebSocketCtor } from './webSocketLike';

/** The address of the Cortex service (§1.1). */
export const DEFAULT_CORTEX_URL = 'wss://localhost:6868';

/** Options of {@link connectCortex}. */
export interface CortexClientConfig {
  /** Service URL (default `wss://localhost:6868`; the simulator prints its own, e.g. `ws://127.0.0.1:6868`). */
  readonly url?: string;
  /** The client id of your Cortex app. */
  readonly clientId: string;
  /** The client secret of your Cortex app. */
  readonly clientSecret: string;
  /** Licence id for authorize; normally omitted (Cortex picks the app's licence). */
  readonly license?: string;
  /** Sessions to debit from the licence at authorize (needed to activate once the local quota is 0, -32019). */
  readonly debit?: number;
  /** WebSocket constructor: `ws` by default in Node, the native WebSocket in browsers. */
  readonly WebSocketCtor?: WebSocketCtor;
  /** A request without an answer after this long errors with TIMEOUT (default 10 000 ms). */
  readonly requestTimeoutMs?: number;
  /** How long a headset may take to connect after controlDevice connect (default 30 000 ms). */
  readonly connectTimeoutMs?: number;
  /** Reconnect policy (default 10 attempts, 250 ms doubling to 10 s). */
  readonly reconnect?: Partial<ReconnectConfig>;
  /** The socket closes this long after the last subscriber leaves (default 1000 ms). */
  readonly lingerMs?: number;
  /** Requests waiting for the socket to open, at most (default 256); more error with QUEUE_FULL. */
  readonly maxQueuedRequests?: number;
  /** Requests waiting for an answer, at most (default 1024); more error with QUEUE_FULL. */
  readonly maxPendingRequests?: number;
  /**
   * TLS for `wss://` in Node: `ca` is the certificate (PEM) to trust, e.g. EMOTIV's `rootCA.pem` or the
   * simulator's `certificatePem`. Verification is never turned off by the client.
   */
  readonly tls?: { readonly ca: string | Buffer };
  /** Scheduler for reconnect delays and lingering (tests). */
  readonly scheduler?: SchedulerLike;
}

/** Params of `client.exportRecord()` (exportRecord, §6). */
export interface ExportRecordConfig {
  readonly recordIds: readonly string[];
  /** An existing folder on the machine running Cortex. */
  readonly folder: string;
  readonly format: 'EDF' | 'EDFPLUS' | 'BDFPLUS' | 'CSV';
  readonly streamTypes: ReadonlyArray<'EEG' | 'MOTION' | 'PM' | 'BP'>;
  /** CSV only. */
  readonly version?: 'V1' | 'V2';
  /** Longest wait for warning 30 of a record still being post-processed (default 60 000 ms). */
  readonly postProcessingTimeoutMs?: number;
}

/** The reactive Cortex client: every method returns a cold observable. */
export interface CortexClient {
  /** Socket states (connected / disconnected with the retry delay); subscribing keeps the socket open. */
  readonly connection: Observable<ConnectionState>;
  /** Frames the client could not use (bad JSON, codec failures, unknown ids): reported, never fatal. */
  readonly diagnostics: Observable<Diagnostic>;
  /** Every warning Cortex sends (§1.5). */
  readonly warnings: Observable<CortexWarning>;
  /**
   * Any method of the table: sends on subscribe, emits the decoded result and completes. The cortexToken is
   * added for methods that need one. Errors with `CortexError` or a `CortexClientError` (TIMEOUT, ...).
   */
  rpc<M extends MethodName>(method: M, params: ClientParams<M>): Observable<ResultOf<M>>;
  /** The app's token (hasAccessRight → requestAccess → authorize), shared per socket and renewed after a reconnect. */
  authorize(): Observable<string>;
  /** The headset list, re-queried on headset warnings (connected, failed, scan finished). Never completes. */
  headsets(): Observable<readonly Headset[]>;
  /** Connects a headset; emits it once connected (warning 104) and completes, or errors (warnings 100–102). */
  connectHeadset(headsetId: string): Observable<Headset>;
  /** A session (§4) as a cold observable: subscribe = createSession, unsubscribe = updateSession close. */
  session(config?: SessionConfig): Observable<CortexSession>;
  /** Records of this app (§6). */
  readonly records: {
    query(params: ClientParams<'queryRecords'>): Observable<ResultOf<'queryRecords'>>;
    update(params: ClientParams<'updateRecord'>): Observable<ResultOf<'updateRecord'>>;
    delete(recordIds: readonly string[]): Observable<ResultOf<'deleteRecord'>>;
  };
  /** exportRecord, after waiting for warning 30 of every record this client stopped that is still post-processing. */
  exportRecord(config: ExportRecordConfig): Observable<ResultOf<'exportRecord'>>;
}

/** Like `timer(ms)`, but in Node the timer does not keep the process alive (browsers have no unref). */
function unrefTimer(ms: number): Observable<0> {
  return new Observable<0>((subscriber) => {
    const t = setTimeout(() => {
      subscriber.next(0);
      subscriber.complete();
    }, ms);
    (t as { unref?: () => void }).unref?.();
    return () => clearTimeout(t);
  });
}

function positive(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new RangeError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`);
  }
  return v;
}

/**
 * Creates the reactive Cortex client. Nothing connects until something subscribes; one socket serves
 * everything and closes `lingerMs` after the last subscriber leaves. Drops are retried with backoff, and
 * sessions, streams and the token are restored on the new socket.
 *
 * Like rxjs `webSocket`, but multiplexing JSON-RPC ids, sessions and streams over one socket, with bounded
 * queues, decode-as-value diagnostics and typed errors.
 *
 * ## Example
 * ```ts
 * import { connectCortex } from 'cortex-rx';
 * import { switchMap } from 'rxjs';
 *
 * const client = connectCortex({ url: 'ws://127.0.0.1:6868', clientId: 'id', clientSecret: 'secret' });
 * const sub = client
 *   .session()
 *   .pipe(switchMap((session) => session.stream('pow')))
 *   .subscribe((frame) => console.log(frame));
 * // later: sub.unsubscribe() closes the session and, a second later, the socket
 * ```
 * @param config see {@link CortexClientConfig}
 * @throws RangeError eagerly for invalid options (`requestTimeoutMs must be a positive number, got -1`)
 */
export function connectCortex(config: CortexClientConfig): CortexClient {
  if (typeof config.clientId !== 'string' || config.clientId.length === 0) throw new RangeError('clientId must be a non-empty string');
  if (typeof config.clientSecret !== 'string' || config.clientSecret.length === 0) {
    throw new RangeError('clientSecret must be a non-empty string');
  }
  const url = config.url ?? DEFAULT_CORTEX_URL;
  if (!/^wss?:\/\//.test(url)) throw new RangeError(`url must start with ws:// or wss://, got "${url}"`);
  const requestTimeoutMs = positive('requestTimeoutMs', config.requestTimeoutMs, 10_000);
  const connectTimeoutMs = positive('connectTimeoutMs', config.connectTimeoutMs, 30_000);
  const lingerMs = positive('lingerMs', config.lingerMs, 1000, true);
  const maxQueuedRequests = positive('maxQueuedRequests', config.maxQueuedRequests, 256);
  const maxPendingRequests = positive('maxPendingRequests', config.maxPendingRequests, 1024);
  const reconnect: ReconnectConfig = {
    maxAttempts: positive('reconnect.maxAttempts', config.reconnect?.maxAttempts, 10, true),
    initialDelayMs: positive('reconnect.initialDelayMs', config.reconnect?.initialDelayMs, 250),
    maxDelayMs: positive('reconnect.maxDelayMs', config.reconnect?.maxDelayMs, 10_000),
  };
  const debit = config.debit;
  if (debit !== undefined && (!Number.isInteger(debit) || debit < 0)) throw new RangeError(`debit must be an integer >= 0, got ${debit}`);

  const diagnostics = new Subject<Diagnostic>();
  const warnings = new Subject<CortexWarning>();
  // Subscribers of the shared socket, so that a drop during the linger after the last one is not reconnected.
  let socketSubscribers = 0;
  const sharedStates = connectionStates({
    url,
    WebSocketCtor: config.WebSocketCtor ?? defaultWebSocketCtor(),
    socketOptions: config.tls ? { ca: config.tls.ca } : undefined,
    reconnect,
    warnings,
    scheduler: config.scheduler,
    isWanted: () => socketSubscribers > 0,
    settings: {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      license: config.license,
      debit,
      requestTimeoutMs,
      maxPendingRequests,
      diagnostics,
    },
  }).pipe(
    share({
      connector: () => new ReplaySubject<ConnectionState>(1),
      resetOnError: true,
      resetOnComplete: true,
      // The linger timer only delays closing the socket: it never keeps a Node process alive by itself.
      resetOnRefCountZero: () => (config.scheduler ? timer(lingerMs, config.scheduler) : unrefTimer(lingerMs)),
    }),
  );
  const connection = new Observable<ConnectionState>((subscriber) => {
    socketSubscribers++;
    const sub = sharedStates.subscribe(subscriber);
    return () => {
      socketSubscribers--;
      sub.unsubscribe();
    };
  });

  // Records stopped but not post-processed yet, with the socket their warning 30 will come on: exportRecord waits
  // for it while that socket is open (after a drop it never comes; Cortex answers exportRecord itself then).
  const postProcessing = new Map<string, CortexConnection>();
  const processed = new Subject<string>();
  warnings.subscribe((w) => {
    if (w.code !== WARNING.CORTEX_RECORD_POST_PROCESSING_DONE) return;
    const id = warningSubject(w, 'recordId');
    if (id !== undefined) {
      postProcessing.delete(id);
      processed.next(id);
    }
  });

  let waiting = 0;
  const connected = (): Observable<CortexConnection> =>
    defer(() => {
      if (waiting >= maxQueuedRequests) {
        return throwError(() => new CortexClientError('QUEUE_FULL', `${waiting} requests are already waiting for the socket to open`));
      }
      waiting++;
      let counted = true;
      const release = () => {
        if (counted) waiting--;
        counted = false;
      };
      // Stays subscribed (keeping the socket open) until the caller is done; callers end with take(1).
      return new Observable<CortexConnection>((subscriber) => {
        const sub = connection
          .pipe(
            filter((s): s is Extract<ConnectionState, { _tag: 'connected' }> => s._tag === 'connected'),
            map((s) => s.connection),
          )
          .subscribe({
            next: (c) => {
              release();
              subscriber.next(c);
            },
            error: (e: unknown) => subscriber.error(e),
            complete: () => subscriber.complete(),
          });
        return () => {
          release();
          sub.unsubscribe();
        };
      });
    });

  const rpc = <M extends MethodName>(method: M, params: ClientParams<M>): Observable<ResultOf<M>> =>
    connected().pipe(
      switchMap((conn) => conn.call(method, params)),
      take(1),
    );

  const host = {
    connection,
    diagnostics,
    connectTimeoutMs,
    markPostProcessing: (id: string, conn: CortexConnection) => {
      postProcessing.set(id, conn);
    },
    unmarkPostProcessing: (id: string) => {
      postProcessing.delete(id);
    },
  };

  return {
    connection,
    diagnostics: diagnostics.asObservable(),
    warnings: warnings.asObservable(),
    rpc,
    authorize: () =>
      connected().pipe(
        switchMap((conn) => conn.token()),
        take(1),
      ),
    headsets: () =>
      connection.pipe(
        filter((s): s is Extract<ConnectionState, { _tag: 'connected' }> => s._tag === 'connected'),
        switchMap(({ connection: conn }) =>
          merge(of(undefined), conn.warnings.pipe(filter((w) => HEADSET_LIST_WARNINGS.has(w.code)))).pipe(
            switchMap(() => conn.call('queryHeadsets', {})),
          ),
        ),
      ),
    connectHeadset: (headsetId) =>
      connected().pipe(
        switchMap((conn) =>
          conn.call('queryHeadsets', { id: headsetId }).pipe(
            switchMap((list) => {
              const headset = list.find((h) => h.id === headsetId);
              if (!headset) return throwError(() => new CortexClientError('HEADSET_UNAVAILABLE', `headset ${headsetId} not found`));
              return connectHeadsetOn(conn, headset, connectTimeoutMs);
            }),
            switchMap(() => conn.call('queryHeadsets', { id: headsetId })),
            map((list) => list[0]),
          ),
        ),
        take(1),
      ),
    session: (sessionConfig = {}) => defer(() => new SessionController(host, sessionConfig).run()),
    records: {
      query: (params) => rpc('queryRecords', params),
      update: (params) => rpc('updateRecord', params),
      delete: (recordIds) => rpc('deleteRecord', { records: [...recordIds] }),
    },
    exportRecord: (cfg) =>
      defer(() => {
        const waitMs = positive('postProcessingTimeoutMs', cfg.postProcessingTimeoutMs, 60_000);
        for (const [id, conn] of postProcessing) if (conn.closed) postProcessing.delete(id);
        const pending = cfg.recordIds.filter((id) => postProcessing.has(id));
        const ready = pending.map((id) =>
          processed.pipe(
            filter((x) => x === id),
            take(1),
            timeout({
              first: waitMs,
              with: () => throwError(() => new CortexClientError('TIMEOUT', `record ${id}: no warning 30 within ${waitMs} ms`)),
            }),
          ),
        );
        const exportNow = () =>
          rpc('exportRecord', {
            recordIds: [...cfg.recordIds],
            folder: cfg.folder,
            format: cfg.format,
            streamTypes: [...cfg.streamTypes],
            ...(cfg.version !== undefined ? { version: cfg.version } : {}),
          });
        return ready.length === 0 ? exportNow() : forkJoin(ready).pipe(switchMap(exportNow));
      }),
  };
}
