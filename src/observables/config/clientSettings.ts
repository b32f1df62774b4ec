import type { SchedulerLike } from 'rxjs';
import type { ReconnectConfig } from '../socket/connectionState';
import { defaultWebSocketCtor } from '../defaultWebSocketCtor';
import type { WebSocketCtor } from '../webSocketLike';
import { DEFAULT_CORTEX_URL, type CortexClientConfig } from './cortexClientConfig';
import { DEFAULT_ACCESS_TIMEOUT_MS } from '../connection/tokenCache';
import { positiveOption } from './positiveOption';

/** Default largest inbound frame: 8 MiB, far above Cortex's largest answers, far below what hurts a client. */
const DEFAULT_MAX_FRAME_BYTES = 8 * 1024 * 1024;

/**
 * A client config checked, with its defaults filled in.
 * @internal
 */
export interface ClientSettings {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly license: string | undefined;
  readonly debit: number | undefined;
  readonly accessTimeoutMs: number;
  /** The configured constructor, else `defaultWebSocketCtor()`. */
  readonly WebSocketCtor: WebSocketCtor;
  readonly socketOptions: object | undefined;
  readonly requestTimeoutMs: number;
  readonly openTimeoutMs: number;
  readonly maxFrameBytes: number;
  readonly connectTimeoutMs: number;
  readonly lingerMs: number;
  readonly maxQueuedRequests: number;
  readonly maxPendingRequests: number;
  readonly reconnect: ReconnectConfig;
  /** undefined: each stream's default. */
  readonly stallTimeoutMs: number | undefined;
  readonly scheduler: SchedulerLike | undefined;
}

/**
 * Checks a client config eagerly and fills in its defaults.
 *
 * ## Example
 * ```ts
 * readClientSettings({ clientId: 'id', clientSecret: 'secret' }).requestTimeoutMs; // 10000
 * readClientSettings({ clientId: 'id', clientSecret: 'secret', lingerMs: -1 }); // throws RangeError
 * ```
 * @throws RangeError for an invalid option, naming it and the value it got
 * @internal
 */
export function readClientSettings(config: CortexClientConfig): ClientSettings {
  if (typeof config.clientId !== 'string' || config.clientId.length === 0)
    throw new RangeError('clientId must be a non-empty string');
  if (typeof config.clientSecret !== 'string' || config.clientSecret.length === 0) {
    throw new RangeError('clientSecret must be a non-empty string');
  }
  const url = config.url ?? DEFAULT_CORTEX_URL;
  if (!/^wss?:\/\//.test(url)) throw new RangeError(`url must start with ws:// or wss://, got "${url}"`);
  const requestTimeoutMs = positiveOption('requestTimeoutMs', config.requestTimeoutMs, 10_000);
  const openTimeoutMs = positiveOption('openTimeoutMs', config.openTimeoutMs, 10_000);
  const maxFrameBytes = positiveOption('maxFrameBytes', config.maxFrameBytes, DEFAULT_MAX_FRAME_BYTES);
  const connectTimeoutMs = positiveOption('connectTimeoutMs', config.connectTimeoutMs, 30_000);
  const lingerMs = positiveOption('lingerMs', config.lingerMs, 1000, true);
  const maxQueuedRequests = positiveOption('maxQueuedRequests', config.maxQueuedRequests, 256);
  const maxPendingRequests = positiveOption('maxPendingRequests', config.maxPendingRequests, 1024);
  const reconnect: ReconnectConfig = {
    maxAttempts: positiveOption('reconnect.maxAttempts', config.reconnect?.maxAttempts, 10, true),
    initialDelayMs: positiveOption('reconnect.initialDelayMs', config.reconnect?.initialDelayMs, 250),
    maxDelayMs: positiveOption('reconnect.maxDelayMs', config.reconnect?.maxDelayMs, 10_000),
  };
  const debit = config.debit;
  if (debit !== undefined && (!Number.isInteger(debit) || debit < 0))
    throw new RangeError(`debit must be an integer >= 0, got ${debit}`);
  return {
    url,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    license: config.license,
    debit,
    accessTimeoutMs: positiveOption('accessTimeoutMs', config.accessTimeoutMs, DEFAULT_ACCESS_TIMEOUT_MS),
    WebSocketCtor: config.WebSocketCtor ?? defaultWebSocketCtor(),
    // `ws` refuses a larger frame as it arrives (before buffering it); browsers ignore this argument
    socketOptions: config.tls ? { ca: config.tls.ca, maxPayload: maxFrameBytes } : { maxPayload: maxFrameBytes },
    requestTimeoutMs,
    openTimeoutMs,
    maxFrameBytes,
    connectTimeoutMs,
    lingerMs,
    maxQueuedRequests,
    maxPendingRequests,
    reconnect,
    stallTimeoutMs:
      config.stallTimeoutMs === undefined
        ? undefined
        : positiveOption('stallTimeoutMs', config.stallTimeoutMs, 0, true),
    scheduler: config.scheduler,
  };
}
