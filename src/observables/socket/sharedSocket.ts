import { Observable, ReplaySubject, defer, filter, map, share, throwError, timer } from 'rxjs';
import type { CortexConnection } from '../connection/cortexConnection';
import { CortexClientError } from '../cortexError';
import { connectionStates, type SocketConfig } from './connectionStates';
import type { ConnectionState } from './connectionState';
import { isConnected, type SocketState } from './socketState';
import { unrefTimer } from './unrefTimer';

/**
 * What {@link sharedSocket} needs beyond {@link SocketConfig}.
 * @internal
 */
export interface SharedSocketConfig extends Omit<SocketConfig, 'isWanted'> {
  /** The socket closes this long after the last subscriber leaves. */
  readonly lingerMs: number;
  /** Requests waiting for the socket to open, at most; more error with QUEUE_FULL. */
  readonly maxQueuedRequests: number;
}

/**
 * The one socket of a client, shared by everything that uses it.
 * @internal
 */
export interface SharedSocket {
  /** The socket's states; subscribing keeps the socket open. */
  readonly states: Observable<SocketState>;
  /** The same states as users see them (without the connection). */
  readonly publicStates: Observable<ConnectionState>;
  /**
   * The connection of each socket once it is open; stays subscribed (keeping the socket open) until the caller is
   * done, so callers end with `take(1)`. Errors with QUEUE_FULL when `maxQueuedRequests` callers already wait.
   */
  connected(): Observable<CortexConnection>;
}

/**
 * Shares one socket ({@link connectionStates}) among every subscriber of a client: opened by the first, closed
 * `lingerMs` after the last leaves (a drop during that linger is not reconnected), with the callers that wait for it
 * to open counted and bounded.
 *
 * ## Example
 * ```ts
 * const socket = sharedSocket({ url, WebSocketCtor, socketOptions: undefined, reconnect, settings, warnings, lingerMs: 1000, maxQueuedRequests: 256 });
 * socket.connected().pipe(switchMap((conn) => conn.call('queryHeadsets', {})), take(1));
 * ```
 * @internal
 */
export function sharedSocket(config: SharedSocketConfig): SharedSocket {
  const { lingerMs, maxQueuedRequests, scheduler } = config;
  // Subscribers of the shared socket, so that a drop during the linger after the last one is not reconnected.
  let socketSubscribers = 0;
  const shared = connectionStates({ ...config, isWanted: () => socketSubscribers > 0 }).pipe(
    share({
      connector: () => new ReplaySubject<SocketState>(1),
      resetOnError: true,
      resetOnComplete: true,
      // The linger timer only delays closing the socket: it never keeps a Node process alive by itself.
      resetOnRefCountZero: () => (scheduler ? timer(lingerMs, scheduler) : unrefTimer(lingerMs)),
    }),
  );
  const states = new Observable<SocketState>((subscriber) => {
    socketSubscribers++;
    const sub = shared.subscribe(subscriber);
    return () => {
      socketSubscribers--;
      sub.unsubscribe();
    };
  });

  let waiting = 0;
  const connected = (): Observable<CortexConnection> =>
    defer(() => {
      if (waiting >= maxQueuedRequests) {
        return throwError(
          () => new CortexClientError('QUEUE_FULL', `${waiting} requests are already waiting for the socket to open`),
        );
      }
      waiting++;
      let counted = true;
      const release = () => {
        if (counted) waiting--;
        counted = false;
      };
      return new Observable<CortexConnection>((subscriber) => {
        const sub = states
          .pipe(
            filter(isConnected),
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

  const publicStates = states.pipe(map(toConnectionState));
  return { states, publicStates, connected };
}

/** The state users see: a connected state without its connection (the same object for a disconnected one). */
function toConnectionState(s: SocketState): ConnectionState {
  return s._tag === 'connected' ? { _tag: 'connected', epoch: s.epoch } : s;
}
