import { Observable, Subject, defer, throwError, timeout, switchMap, catchError, shareReplay, of, take, defaultIfEmpty } from 'rxjs';
import { PathReporter } from 'io-ts/PathReporter';
import { ERROR, METHODS, type MethodName, type ParamsOf, type ResultOf, type RpcId } from '../protocol';
import { TOKENLESS_METHODS } from '../protocol/tokenlessMethods';
import { dispatchFrame, type ControlMessage, type FrameHandler } from './dispatchFrame';
import { CortexClientError, CortexError } from './cortexError';
import { diagnostic, type Diagnostic } from './diagnostic';
import { READY_STATE, type WebSocketLike } from './webSocketLike';

/** A warning as routed by the client: its code and its message (string or object, §1.5). */
export interface CortexWarning {
  readonly code: number;
  readonly message: string | Readonly<Record<string, unknown>>;
}

/** A data frame routed to its session and stream, not yet decoded against its columns. */
export interface RawDataFrame {
  readonly timeS: number;
  readonly values: readonly unknown[];
}

/** Turns the values of a data frame into a frame, or returns why it cannot (reported as INVALID_STREAM_FRAME). */
export type RouteDecoder<F> = (values: readonly unknown[], timeS: number) => F | string;

/** One subscriber of a route: called with each frame of its session and stream, completed when the socket closes. */
interface RouteListener {
  readonly frame: (values: readonly unknown[], timeS: number) => void;
  readonly complete: () => void;
}

/** Settings a connection takes from the client config. */
export interface ConnectionSettings {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly license: string | undefined;
  readonly debit: number | undefined;
  readonly requestTimeoutMs: number;
  readonly maxPendingRequests: number;
  readonly diagnostics: Subject<Diagnostic>;
}

interface Pending {
  readonly method: MethodName;
  readonly next: (result: unknown) => void;
  readonly fail: (err: Error) => void;
}

/**
 * How to undo a request that was abandoned (unsubscribed or timed out) before its answer: Cortex may still carry it
 * out (create the session, subscribe the stream, start the record), so the late answer is undone. Work on `key`
 * waits ({@link CortexConnection.settled}) until the undo is done, so a new createSession or subscribe never races
 * the cleanup of an old one.
 */
export interface Undo<M extends MethodName> {
  /** What the request claims, e.g. `session:<headsetId>`, `stream:<sid>:eeg`, `record:<sid>`. */
  readonly key: string;
  /** The request that undoes a successful late answer, or undefined when there is nothing to undo. */
  readonly undo: (result: ResultOf<M>) => Observable<unknown> | undefined;
}

interface Abandoned {
  readonly method: MethodName;
  readonly undo: (result: unknown) => Observable<unknown> | undefined;
  readonly release: () => void;
}

interface Hold {
  count: number;
  readonly released: Subject<void>;
}

/** Sizes of a connection's internal tables: all 0 on an idle connection (tests check nothing leaks). */
export interface ConnectionStats {
  /** Requests waiting for their answer. */
  readonly pending: number;
  /** Abandoned requests whose late answer will be undone. */
  readonly abandoned: number;
  /** Data routes (session × stream) with subscribers. */
  readonly routes: number;
  /** Keys held by cleanups in flight. */
  readonly holds: number;
}

/** Params of a method as the client takes them: the cortexToken is optional (the client adds its own). */
export type ClientParams<M extends MethodName> = Omit<ParamsOf<M>, 'cortexToken'> & { readonly cortexToken?: string };

/**
 * One open socket to Cortex and everything that lives on it: pending requests by id, data frames routed by
 * session id and stream, warnings, and the app's token. A reconnect makes a new connection; when this one
 * closes its pending requests fail with `SOCKET_CLOSED` and its routes complete.
 * @internal
 */
export class CortexConnection {
  /** Every warning that arrives on this socket. */
  readonly warnings = new Subject<CortexWarning>();
  private readonly pending = new Map<RpcId, Pending>();
  private readonly abandoned = new Map<RpcId, Abandoned>();
  private readonly holds = new Map<string, Hold>();
  /**
   * Data routes by session id, then stream (no key string is built per frame). A route's listener array is
   * replaced, never changed, so a frame is delivered to the listeners of when it arrived.
   */
  private readonly routes = new Map<string, Map<string, readonly RouteListener[]>>();
  private readonly handler: FrameHandler = {
    data: (sid, timeS, stream, values) => {
      const listeners = this.routes.get(sid)?.get(stream);
      if (listeners === undefined) return;
      for (let i = 0; i < listeners.length; i++) listeners[i].frame(values, timeS);
    },
    control: (message, raw) => this.control(message, raw),
  };
  private nextId = 1;
  private closedWith: Error | undefined;
  private token$: Observable<string> | undefined;

  constructor(
    private readonly ws: WebSocketLike,
    private readonly settings: ConnectionSettings,
  ) {}

  /** True once the socket closed. */
  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Handles one inbound frame: routes results, warnings and data; reports anything unusable. */
  receive(raw: unknown): void {
    dispatchFrame(raw, this.handler);
  }

  /** Handles a response, a warning or a diagnostic; `raw` is the frame it came in. */
  private control(msg: ControlMessage, raw: unknown): void {
    switch (msg._tag) {
      case 'result':
      case 'error': {
        const pending = msg.id === null ? undefined : this.pending.get(msg.id);
        if (!pending) {
          if (msg.id !== null && this.settleAbandoned(msg.id, msg._tag === 'result' ? msg.result : undefined)) break;
          const text = typeof raw === 'string' ? raw : '';
          if (msg._tag === 'error' && msg.id === null) {
            this.settings.diagnostics.next(diagnostic('UNKNOWN_RESPONSE', `error without id: ${msg.error.code} ${msg.error.message}`, text));
          } else {
            this.settings.diagnostics.next(diagnostic('UNKNOWN_RESPONSE', `no pending request with id ${String(msg.id)}`, text));
          }
          break;
        }
        this.pending.delete(msg.id as RpcId);
        if (msg._tag === 'error') {
          pending.fail(new CortexError(msg.error.code, msg.error.message, pending.method, msg.error.data));
        } else {
          const decoded = METHODS[pending.method].result.decode(msg.result);
          if (decoded._tag === 'Left') {
            const report = PathReporter.report(decoded).join('\n');
            this.settings.diagnostics.next(diagnostic('INVALID_RESULT', report, typeof raw === 'string' ? raw : ''));
            pending.fail(new CortexClientError('DECODE', `${pending.method}: the result does not match its codec: ${report}`));
          } else {
            pending.next(decoded.right);
          }
        }
        break;
      }
      case 'warning':
        this.warnings.next({ code: msg.code, message: msg.message });
        break;
      case 'diagnostic': {
        this.settings.diagnostics.next(msg.diagnostic);
        // An unusable answer to a request we wait for fails that request now rather than at its timeout.
        const pending = msg.id === undefined ? undefined : this.pending.get(msg.id);
        if (pending) {
          this.pending.delete(msg.id as RpcId);
          pending.fail(new CortexClientError('DECODE', `${pending.method}: unusable answer: ${msg.diagnostic.message}`, msg.diagnostic));
        } else if (msg.id !== undefined) {
          this.settleAbandoned(msg.id, undefined);
        }
        break;
      }
    }
  }

  /** Sizes of the internal tables, for leak checks in tests. @internal */
  stats(): ConnectionStats {
    return { pending: this.pending.size, abandoned: this.abandoned.size, routes: routeCount(this.routes), holds: this.holds.size };
  }

  /**
   * Holds `key` until the returned release is called: {@link settled} waits for it. Releasing twice is harmless.
   * @internal
   */
  hold(key: string): () => void {
    let h = this.holds.get(key);
    if (!h) {
      h = { count: 0, released: new Subject<void>() };
      this.holds.set(key, h);
    }
    const entry = h;
    entry.count++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      entry.count--;
      if (entry.count > 0) return;
      if (this.holds.get(key) === entry) this.holds.delete(key);
      entry.released.next();
      entry.released.complete();
    };
  }

  /**
   * Emits once nothing holds `key` (at once when nothing does), waiting at most `requestTimeoutMs`: a cleanup that
   * never gets its answer delays new work on the key, never blocks it.
   * @internal
   */
  settled(key: string): Observable<void> {
    const wait = (): Observable<void> =>
      defer(() => {
        const h = this.holds.get(key);
        return h ? h.released.pipe(defaultIfEmpty(undefined), take(1), switchMap(wait)) : of(undefined);
      });
    return wait().pipe(timeout({ first: this.settings.requestTimeoutMs, with: () => of(undefined) }));
  }

  /**
   * Runs a cleanup request (close a session, unsubscribe, stop a record) and holds `key` until it is answered, so
   * that new work on the key is sent after it.
   * @internal
   */
  cleanup(key: string, work: Observable<unknown>, observer: { complete?: () => void; error?: (err: unknown) => void } = {}): void {
    const release = this.hold(key);
    work.subscribe({
      complete: () => {
        release();
        observer.complete?.();
      },
      error: (err: unknown) => {
        release();
        observer.error?.(err);
      },
    });
  }

  private abandon(id: RpcId, method: MethodName, undo: Undo<MethodName>): void {
    this.abandoned.set(id, { method, undo: undo.undo as (r: unknown) => Observable<unknown> | undefined, release: this.hold(undo.key) });
    // Bounded like the pending table: the oldest abandoned request is forgotten (its key released) first.
    if (this.abandoned.size > this.settings.maxPendingRequests) {
      const [oldestId, oldest] = this.abandoned.entries().next().value as [RpcId, Abandoned];
      this.abandoned.delete(oldestId);
      oldest.release();
    }
  }

  /** A late answer to an abandoned request: undo what it did. Returns false when `id` was not abandoned. */
  private settleAbandoned(id: RpcId, result: unknown): boolean {
    const a = this.abandoned.get(id);
    if (!a) return false;
    this.abandoned.delete(id);
    let work: Observable<unknown> | undefined;
    if (result !== undefined) {
      const decoded = METHODS[a.method].result.decode(result);
      try {
        work = decoded._tag === 'Right' ? a.undo(decoded.right) : undefined;
      } catch {
        work = undefined;
      }
    }
    if (work) work.subscribe({ complete: a.release, error: a.release });
    else a.release();
    return true;
  }

  /** Marks the connection closed: pending requests fail with `reason`, routes and warnings complete. */
  dispose(reason: Error): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    for (const p of this.pending.values()) p.fail(reason);
    this.pending.clear();
    for (const a of this.abandoned.values()) a.release();
    this.abandoned.clear();
    for (const h of this.holds.values()) {
      h.released.next();
      h.released.complete();
    }
    this.holds.clear();
    for (const byStream of this.routes.values()) for (const listeners of byStream.values()) for (const l of listeners) l.complete();
    this.routes.clear();
    this.warnings.complete();
  }

  /**
   * A cold request: sends on subscribe, emits the decoded result and completes; errors with `CortexError`,
   * `TIMEOUT` after `requestTimeoutMs`, `SOCKET_CLOSED` or `QUEUE_FULL`. Unsubscribing before the answer (a
   * timeout does) drops it, or, with `undo`, undoes what the late answer says Cortex did.
   */
  request<M extends MethodName>(method: M, params: ParamsOf<M> | undefined, undo?: Undo<M>): Observable<ResultOf<M>> {
    return new Observable<ResultOf<M>>((subscriber) => {
      if (this.closedWith) {
        subscriber.error(this.closedWith);
        return undefined;
      }
      if (this.pending.size >= this.settings.maxPendingRequests) {
        subscriber.error(
          new CortexClientError('QUEUE_FULL', `${method}: ${this.pending.size} requests are already waiting for an answer`),
        );
        return undefined;
      }
      const id = this.nextId++;
      this.pending.set(id, {
        method,
        next: (result) => {
          subscriber.next(result as ResultOf<M>);
          subscriber.complete();
        },
        fail: (err) => subscriber.error(err),
      });
      const request = params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
      if (this.ws.readyState === READY_STATE.OPEN) {
        this.ws.send(JSON.stringify(request));
      } else {
        this.pending.delete(id);
        subscriber.error(new CortexClientError('SOCKET_CLOSED', `${method}: the socket is not open`));
      }
      return () => {
        // Still pending: abandoned before its answer (unsubscribed, or the timeout below fired).
        if (this.pending.delete(id) && undo && !this.closedWith) this.abandon(id, method, undo as Undo<MethodName>);
      };
    }).pipe(
      timeout({
        first: this.settings.requestTimeoutMs,
        with: () =>
          throwError(() => new CortexClientError('TIMEOUT', `${method}: no answer within ${this.settings.requestTimeoutMs} ms`)),
      }),
    );
  }

  /**
   * Like {@link request}, adding this app's cortexToken to methods that need one; on a token error (-32014,
   * -32015) the token is renewed with authorize and the request retried once.
   */
  call<M extends MethodName>(method: M, params: ClientParams<M>, undo?: Undo<M>): Observable<ResultOf<M>> {
    if (TOKENLESS_METHODS.has(method) || params.cortexToken !== undefined) return this.request(method, params as ParamsOf<M>, undo);
    const attempt = () => this.token().pipe(switchMap((cortexToken) => this.request(method, { ...params, cortexToken } as ParamsOf<M>, undo)));
    return attempt().pipe(
      catchError((err: unknown) => {
        if (err instanceof CortexError && (err.code === ERROR.INVALID_TOKEN || err.code === ERROR.TOKEN_EXPIRED)) {
          this.token$ = undefined;
          return attempt();
        }
        return throwError(() => err);
      }),
    );
  }

  /** The app's token on this socket: hasAccessRight → requestAccess (if needed) → authorize, shared. */
  token(): Observable<string> {
    if (!this.token$) {
      const { clientId, clientSecret, license, debit } = this.settings;
      this.token$ = defer(() => this.request('hasAccessRight', { clientId, clientSecret })).pipe(
        switchMap((access) =>
          access.accessGranted ? of(access) : this.request('requestAccess', { clientId, clientSecret }),
        ),
        switchMap(() =>
          this.request('authorize', {
            clientId,
            clientSecret,
            ...(license !== undefined ? { license } : {}),
            ...(debit !== undefined ? { debit } : {}),
          }),
        ),
        switchMap((r) => of(r.cortexToken)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.token$;
  }

  /**
   * Data frames of one stream of one session, decoded by `decode` on arrival, in one step from the socket
   * (this runs for every sample of every stream). A frame `decode` rejects is reported as an
   * INVALID_STREAM_FRAME diagnostic and the stream goes on. Completes when the connection closes.
   */
  frames<F>(sid: string, stream: string, decode: RouteDecoder<F>): Observable<F> {
    return new Observable<F>((subscriber) => {
      if (this.closedWith) {
        subscriber.complete();
        return undefined;
      }
      const listener: RouteListener = {
        frame: (values, timeS) => {
          const f = decode(values, timeS);
          if (typeof f !== 'string') subscriber.next(f);
          else this.settings.diagnostics.next(diagnostic('INVALID_STREAM_FRAME', f, ''));
        },
        complete: () => subscriber.complete(),
      };
      let byStream = this.routes.get(sid);
      if (!byStream) {
        byStream = new Map();
        this.routes.set(sid, byStream);
      }
      byStream.set(stream, [...(byStream.get(stream) ?? []), listener]);
      const streams = byStream;
      return () => {
        const listeners = streams.get(stream);
        if (listeners === undefined || !listeners.includes(listener)) return;
        if (listeners.length > 1) {
          streams.set(stream, listeners.filter((l) => l !== listener));
          return;
        }
        streams.delete(stream);
        if (streams.size === 0 && this.routes.get(sid) === streams) this.routes.delete(sid);
      };
    });
  }

  /** Closes the socket (normal closure). */
  close(): void {
    if (this.ws.readyState === READY_STATE.OPEN || this.ws.readyState === READY_STATE.CONNECTING) this.ws.close(1000, 'done');
  }
}

function routeCount(routes: ReadonlyMap<string, ReadonlyMap<string, unknown>>): number {
  let n = 0;
  for (const byStream of routes.values()) n += byStream.size;
  return n;
}
