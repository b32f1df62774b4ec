import type { Subject } from 'rxjs';
import { Observable, timer, type SchedulerLike, asyncScheduler, type Subscription, type Subscriber } from 'rxjs';
import { CortexConnection, type ConnectionSettings } from '../connection/cortexConnection';
import type { CortexWarning } from '../connection/cortexWarning';
import { CortexClientError } from '../cortexError';
import { READY_STATE, type WebSocketCtor, type WebSocketLike } from '../webSocketLike';
import { diagnostic } from '../diagnostic';
import { backoffDelayMs } from './backoffDelayMs';
import type { ReconnectConfig } from './connectionState';
import type { SocketState } from './socketState';

/**
 * What {@link connectionStates} needs.
 * @internal
 */
export interface SocketConfig {
  readonly url: string;
  readonly WebSocketCtor: WebSocketCtor;
  /** Client options handed to `ws` (TLS `ca`); undefined for browsers. */
  readonly socketOptions: object | undefined;
  readonly reconnect: ReconnectConfig;
  /** A socket not open this long after it was made is closed (and counts as a failed attempt). */
  readonly openTimeoutMs: number;
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
 * A cold observable of the socket's states: subscribing opens the socket; each drop emits `disconnected` (before
 * the old connection's pending requests fail, so dependants can switch away cleanly), then a new socket opens
 * after the backoff delay; `connected` carries the new connection. Errors with `SOCKET_CLOSED` after
 * `maxAttempts` consecutive failures. A drop while `isWanted()` is false completes instead (no reconnect, no timer
 * left behind). Unsubscribing closes the socket.
 *
 * ## Example
 * ```ts
 * // used by sharedSocket, shared there with share({ resetOnRefCountZero: () => timer(lingerMs) })
 * connectionStates(config).subscribe((s) => console.log(s._tag));
 * ```
 * @internal
 */
export function connectionStates(config: SocketConfig): Observable<SocketState> {
  return new Observable<SocketState>((subscriber) => {
    const scheduler = config.scheduler ?? asyncScheduler;
    let failures = 0;
    let epoch = 0;
    let stopped = false;
    let ws: WebSocketLike | undefined;
    let retry: Subscription | undefined;

    /** A socket closed: stop, complete, give up, or emit `disconnected` and retry after the backoff delay. */
    const closed = (connection: CortexConnection, reason: CortexClientError): void => {
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
    const open = (): void => {
      ws = openSocket(config, subscriber, {
        opened: (connection) => {
          failures = 0;
          subscriber.next({ _tag: 'connected', connection, epoch: epoch++ });
        },
        closed,
      });
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

/**
 * Opens one socket with its connection, forwarding its warnings; errors `subscriber` when the constructor throws.
 * Returns the socket, or undefined when it could not be made.
 */
function openSocket(
  config: SocketConfig,
  subscriber: Subscriber<SocketState>,
  on: { opened: (c: CortexConnection) => void; closed: (c: CortexConnection, reason: CortexClientError) => void },
): WebSocketLike | undefined {
  let socket: WebSocketLike;
  try {
    socket =
      config.socketOptions === undefined
        ? new config.WebSocketCtor(config.url)
        : new config.WebSocketCtor(config.url, undefined, config.socketOptions);
  } catch (err) {
    subscriber.error(
      new CortexClientError('SOCKET_CLOSED', `cannot open ${config.url}: ${(err as Error).message}`, err),
    );
    return undefined;
  }
  const connection = new CortexConnection(socket, config.settings);
  const forward = connection.warnings.subscribe({ next: (w) => config.warnings.next(w) });
  let lastError: unknown;
  let openTimedOut = false;
  // A server that accepts TCP but never completes the handshake would hold the socket CONNECTING for ever.
  const openTimer = timer(config.openTimeoutMs, config.scheduler ?? asyncScheduler).subscribe(() => {
    if (socket.readyState !== READY_STATE.CONNECTING) return;
    openTimedOut = true;
    try {
      socket.close();
    } catch {
      // a browser WebSocket may throw when closed while connecting; it fails the connection either way
    }
  });
  socket.onopen = () => {
    openTimer.unsubscribe();
    on.opened(connection);
  };
  const detachMessages = listenForMessages(socket, connection);
  socket.onerror = (event) => {
    lastError = event;
  };
  socket.onclose = (event) => {
    openTimer.unsubscribe();
    socket.onopen = socket.onerror = socket.onclose = null;
    detachMessages();
    forward.unsubscribe();
    // only the client's own refusal: a server closing with 1009 refused one of the client's frames
    if (isFrameTooLarge(lastError)) {
      config.settings.diagnostics.next(
        diagnostic(
          'FRAME_TOO_LARGE',
          `a frame over maxFrameBytes (${config.settings.maxFrameBytes}) closed the socket (1009)`,
          '',
        ),
      );
    }
    const why = openTimedOut ? `not open within ${config.openTimeoutMs} ms` : errorText(lastError);
    const reason = new CortexClientError(
      'SOCKET_CLOSED',
      `socket to ${config.url} closed (code ${event.code}${event.reason ? `: ${event.reason}` : ''}${why ? `; ${why}` : ''})`,
      { closeCode: event.code, closeReason: event.reason },
    );
    on.closed(connection, reason);
  };
  return socket;
}

function errorText(event: unknown): string {
  if (event && typeof event === 'object') {
    const e = event as { message?: unknown; error?: { message?: unknown } };
    if (typeof e.message === 'string') return e.message;
    if (e.error && typeof e.error.message === 'string') return e.error.message;
  }
  return '';
}

/** `ws` refused a frame over its `maxPayload` (it then closes with 1009, which the close event may show as 1006). */
function isFrameTooLarge(event: unknown): boolean {
  const code = (event as { error?: { code?: unknown } } | undefined)?.error?.code;
  return code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
}

/** The message events of a Node `ws` WebSocket: text frames as the Buffer read from the socket. */
interface NodeWsMessages {
  readonly binaryType: unknown;
  on(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
  removeListener(event: 'message', listener: (data: unknown, isBinary: boolean) => void): unknown;
}

function isNodeWs(socket: WebSocketLike): boolean {
  const s = socket as unknown as Partial<NodeWsMessages>;
  return typeof s.on === 'function' && typeof s.removeListener === 'function' && s.binaryType === 'nodebuffer';
}

/**
 * Hands the socket's messages to the connection; returns what detaches them. On a Node `ws` socket, text frames
 * go as the bytes `ws` read (`receiveText`: no string is made for a data frame the scanner reads, where
 * `onmessage` would decode every frame to a string first); elsewhere (a browser's WebSocket) `onmessage` text.
 */
function listenForMessages(socket: WebSocketLike, connection: CortexConnection): () => void {
  if (isNodeWs(socket)) {
    const ws = socket as unknown as NodeWsMessages;
    const listener = (data: unknown, isBinary: boolean): void => {
      if (!isBinary && data instanceof Uint8Array) connection.receiveText(data);
      else connection.receive(data);
    };
    ws.on('message', listener);
    return () => {
      ws.removeListener('message', listener);
    };
  }
  socket.onmessage = (event) => connection.receive(event.data);
  return () => {
    socket.onmessage = null;
  };
}
