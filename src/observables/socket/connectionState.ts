import type { CortexClientError } from '../cortexError';

/** The socket's state as the client sees it: connected (with its epoch), or a drop with the delay before the next try. */
export type ConnectionState =
  | {
      readonly _tag: 'connected';
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
