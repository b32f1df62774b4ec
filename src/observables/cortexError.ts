/**
 * A JSON-RPC error answered by Cortex: the Cortex code (§9), its message and data, and the method that got it.
 * Also used for per-item failures that Cortex reports inside a success (a `failure` entry of subscribe).
 *
 * ## Example
 * ```ts
 * import { connectCortex, CortexError, ERROR } from 'cortex-rx';
 * client.session().subscribe({
 *   error: (e) => {
 *     if (e instanceof CortexError && e.code === ERROR.SESSION_LIMIT_REACHED) console.log('authorize with debit > 0');
 *   },
 * });
 * ```
 */
export class CortexError extends Error {
  constructor(
    /** The Cortex error code, e.g. -32019. */
    readonly code: number,
    message: string,
    /** The method whose request failed. */
    readonly method: string,
    /** The `data` member of the error object, when Cortex sent one (often `{ behavior }`). */
    readonly data?: unknown,
  ) {
    super(`${method}: ${message} (Cortex error ${code})`);
    this.name = 'CortexError';
  }
}

/** Why the client itself ended a stream (not a Cortex error code). */
export type CortexClientErrorCode =
  /** A request got no answer within `requestTimeoutMs`. */
  | 'TIMEOUT'
  /** The socket closed and could not be reopened within `reconnect.maxAttempts`. */
  | 'SOCKET_CLOSED'
  /** Cortex closed the session (warning 1: headset disconnected, or the session was closed elsewhere). */
  | 'SESSION_CLOSED'
  /** The record stopped without the user stopping it: its session closed or the socket dropped. */
  | 'RECORD_STOPPED'
  /** A bounded queue is full: too many requests waiting for the socket to open, or pending answers. */
  | 'QUEUE_FULL'
  /** A result did not match the method table's codec. */
  | 'DECODE'
  /** A headset could not be connected (warnings 100-102) or no headset is available. */
  | 'HEADSET_UNAVAILABLE'
  /** Cortex dropped the session's headset after a long time without data (warning 103: switched off, out of range). */
  | 'HEADSET_LOST'
  /** The user did not approve the app in the EMOTIV Launcher (warning 9) within `accessTimeoutMs`. */
  | 'ACCESS_TIMEOUT'
  /** The user declined the app in the EMOTIV Launcher (warning 10). */
  | 'ACCESS_REJECTED';

/**
 * An error raised by the client rather than by Cortex: timeouts, closed sockets, sessions or records that
 * Cortex ended, full queues and undecodable results. `code` is stable; `detail` carries the context.
 *
 * ## Example
 * ```ts
 * import { CortexClientError } from 'cortex-rx';
 * session$.subscribe({ error: (e) => e instanceof CortexClientError && e.code === 'SESSION_CLOSED' && reconnectUi() });
 * ```
 */
export class CortexClientError extends Error {
  constructor(
    readonly code: CortexClientErrorCode,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'CortexClientError';
  }
}
