import type { SchedulerLike } from 'rxjs';
import type { ReconnectConfig } from '../socket/connectionState';
import type { WebSocketCtor } from '../webSocketLike';

/** The address of the Cortex service (§1.1). */
export const DEFAULT_CORTEX_URL = 'wss://localhost:6868';

/** Options of `connectCortex`. */
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
  /**
   * First run: once requestAccess answers `accessGranted: false`, authorize waits this long for the user to approve
   * the app in the EMOTIV Launcher (warning 9), reporting `pending` on `client.access`, then errors with
   * `ACCESS_TIMEOUT` (default 120 000 ms).
   */
  readonly accessTimeoutMs?: number;
  /** WebSocket constructor: `ws` by default in Node, the native WebSocket in browsers. */
  readonly WebSocketCtor?: WebSocketCtor;
  /**
   * A request without an answer this long after the call errors with TIMEOUT (default 10 000 ms), counted from the
   * call whether or not the socket has opened yet.
   */
  readonly requestTimeoutMs?: number;
  /**
   * A socket not open this long after it was created is closed, and the reconnect policy applies (default
   * 10 000 ms): a server that accepts TCP but never completes the WebSocket handshake cannot hold the client.
   */
  readonly openTimeoutMs?: number;
  /**
   * Largest inbound frame, in bytes (default 8 MiB). In Node it is `ws`'s `maxPayload`: a larger frame is refused
   * as it arrives, the socket closes with 1009 (a `FRAME_TOO_LARGE` diagnostic, then the reconnect policy). A
   * WebSocket that takes no options (browsers) is checked on each message: a larger frame is dropped with a
   * `FRAME_TOO_LARGE` diagnostic (text is measured in UTF-16 code units there).
   */
  readonly maxFrameBytes?: number;
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
  /**
   * A session stream with no frame for this long emits `{ _tag: 'gap', reason: 'stalled' }` once, then `resumed`
   * when frames come back; 0 turns it off (default per stream: 1000 ms for eeg, mot, pow, com and fac, 2000 ms for
   * dev, eq and met at 2 Hz, 25 000 ms for met at 0.1 Hz; never for sys).
   */
  readonly stallTimeoutMs?: number;
  /** Scheduler for reconnect delays, lingering and stall checks (tests). */
  readonly scheduler?: SchedulerLike;
}
