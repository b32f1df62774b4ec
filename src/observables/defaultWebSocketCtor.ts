import type { WebSocketCtor } from './webSocketLike';

/**
 * The WebSocket constructor used when none is configured: the global one where it exists (browsers, Deno,
 * Node >= 22), else `ws`, loaded only then so that browser bundles never pull in a Node-only module.
 *
 * ## Example
 * ```ts
 * const Ctor = config.WebSocketCtor ?? defaultWebSocketCtor();
 * ```
 * @internal
 */
export function defaultWebSocketCtor(): WebSocketCtor {
  const global = (globalThis as { WebSocket?: WebSocketCtor }).WebSocket;
  if (typeof process !== 'undefined' && process.versions?.node !== undefined) {
    // In Node prefer `ws`: it takes TLS options (a CA for the Cortex certificate), the global one does not.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only in Node: a static import would put ws in browser bundles
    return require('ws') as WebSocketCtor;
  }
  if (global) return global;
  throw new Error('No WebSocket implementation found: pass WebSocketCtor in the connectCortex options.');
}
