import { Observable, Subject, timer, type SchedulerLike, asyncScheduler, type Subscription } from 'rxjs';
import { CortexConnection, type ConnectionSettings, type CortexWarning } from './cortexConnection';
import { CortexClientError } from './cortexError';
import { READY_STATE, type WebSocketCtor, type WebSocketLike } from './webSocketLike';

/** The socket's state as the client sees it: a live connection, or a drop with the delay before the next try. */
export type ConnectionState =
  | {
      readonly _tag: 'connected';
      /** @internal the connection every request of this epoch goes through */
      readonly connection: CortexConnection;
      /** 0 for the first socket, then +1 per reconnect. */
      readonly epoch: number;
    }
  | { readonly _tag: 'disconnected'; readonly reason: CortexClientError; readonly retryInMs: number };

/** Reconnect policy: exponential backoff from `initialDelayMs`, doubling up to `maxDelayMs`. */
export interface ReconnectConfig {
  /** Consecutive failed attempts before the client gives up with `SOCKET_CLOSED` (default 10; 0: never reconnect). */
  readonly maxAttempts: number;
  /** Delay before the first retry (default 250 ms). */
  readonly initialDelayMs: number;
  /** Longest delay between retries (default 10 000 ms). */
  readonly maxDelayMs: number;
}

/** What {@link connectionStates} needs. */
export interface SocketConfig {
  readonly url: string;
  readonly WebSocketCtor: WebSocketCtor;
  /** Client options handed to `ws` (TLS `ca`); undefined for browsers. */
  readonly socketOptions: object | undefined;
  readonly reconnect: ReconnectConfig;
  readonly settings: ConnectionSettings;
  /** Every warning of every socket, forwarded (never completed by a socket closing). */
  readonly warnings: Subject<CortexWarning>;
  readonly scheduler?: SchedulerLike;
  /**
   * False while nobody needs the socket (the client keeps it open `lingerMs` after the last subscriber leaves): a
   * drop then completes the states instead of reconnecting. Default: always needed.
   */
  readonly isWanted?: () => boolean;
}

/**
 * The delay before reconnect attempt `attempt` (1-based): `initialDelayMs · 2^(attempt-1)`, at most `maxDelayMs`.
 *
 * ## Example
 * ```ts
 * import { backoffDelayMs } from 'cortex-rx';
 * backoffDelayMs(3, { maxAttempts: 10, initialDelayMs: 250, maxDelayMs: 10_000 }); // 1000
 * ```
 */
export function backoffDelayMs(attempt: number, config: ReconnectConfig): number {
  return Math.min(config.maxDelayMs, config.initialDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * A cold observable of the socket's states: subscribing opens the socket; each drop emits `disconnected` (before
 * the old connection's pending requests fail, so dependants can switch away cleanly), then a new socket opens
 * after the backoff delay; `connected` carries the new connection. Errors with `SOCKET_CLOSED` after
 * `maxAttempts` consecutive failures. A drop while `isWanted()` is false completes instead (no reconnect, no timer
 * left behind). Unsubscribing closes the socket.
 *
 * ## Example
 * ```ts
 * // used by connectCortex; shared there with share({ resetOnRefCountZero: () => timer(lingerMs) })
 * connectionStates(config).subscribe((s) => console.log(s._tag));
 * ```
 */
export function connectionStates(config: SocketConfig): Observable<ConnectionState> {
  return new Observable<ConnectionState>((subscriber) => {
    const scheduler = config.scheduler ?? asyncScheduler;
    let failures = 0;
    let epoch = 0;
    let stopped = false;
    let ws: WebSocketLike | undefined;
    let retry: Subscription | undefined;

    const open = () => {
      let socket: WebSocketLike;
      const conn = (s: WebSocketLike) => new CortexConnection(s, config.settings);
      try {
        socket =
          config.socketOptions === undefined
            ? new config.WebSocketCtor(config.url)
            : new config.WebSocketCtor(config.url, undefined, config.socketOptions);
      } catch (err) {
        subscriber.error(new CortexClientError('SOCKET_CLOSED', `cannot open ${config.url}: ${(err as Error).message}`, err));
        return;
      }
      ws = socket;
      const connection = conn(socket);
      const forward = connection.warnings.subscribe({ next: (w) => config.warnings.next(w) });
      let lastError: unknown;
      socket.onopen = () => {
        failures = 0;
        subscriber.next({ _tag: 'connected', connection, epoch: epoch++ });
      };
      socket.onmessage = (event) => connection.receive(event.data);
      socket.onerror = (event) => {
        lastError = event;
      };
      socket.onclose = (event) => {
        socket.onopen = socket.onmessage = socket.onerror = socket.onclose = null;
        forward.unsubscribe();
        const why = errorText(lastError);
        const reason = new CortexClientError(
          'SOCKET_CLOSED',
          `socket to ${config.url} closed (code ${event.code}${event.reason ? `: ${event.reason}` : ''}${why ? `; ${why}` : ''})`,
          { closeCode: event.code, closeReason: event.reason },
        );
        if (stopped) {
          connection.dispose(reason);
          return;
        }
        if (config.isWanted && !config.isWanted()) {
          // Lingering with no subscriber: a socket nobody uses is not reopened.
          connection.dispose(reason);
          subscriber.complete();
          return;
        }
        failures++;
        if (failures > config.reconnect.maxAttempts) {
          connection.dispose(reason);
          subscriber.error(reason);
          return;
        }
        const delayMs = backoffDelayMs(failures, config.reconnect);
        subscriber.next({ _tag: 'disconnected', reason, retryInMs: delayMs });
        connection.dispose(reason);
        retry = timer(delayMs, scheduler).subscribe(() => open());
      };
    };

    open();
    return () => {
      stopped = true;
      retry?.unsubscribe();
      if (ws && (ws.readyState === READY_STATE.OPEN || ws.readyState === READY_STATE.CONNECTING)) {
        try {
          ws.close(1000, 'client done');
        } catch {
          // a browser WebSocket may throw when closed while connecting; it is going away either way
        }
      }
    };
  });
}

function errorText(event: unknown): string {
  if (event && typeof event === 'object') {
    const e = event as { message?: unknown; error?: { message?: unknown } };
    if (typeof e.message === 'string') return e.message;
    if (e.error && typeof e.error.message === 'string') return e.error.message;
  }
  return '';
}
