/** The part of the WebSocket API the client uses: satisfied by the browser's WebSocket and by `ws`. */
export interface WebSocketLike {
  readonly readyState: number;
  readonly bufferedAmount?: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  onclose: ((event: { readonly code: number; readonly reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

/**
 * A WebSocket constructor: the browser's `WebSocket`, `ws` in Node, or any compatible one. The third argument
 * is handed to `ws` as its client options (TLS `ca`); browsers ignore it.
 */
export type WebSocketCtor = new (url: string, protocols?: string | string[], options?: object) => WebSocketLike;

/**
 * WebSocket readyState values (RFC 6455 API): named, never magic numbers.
 * @internal
 */
export const READY_STATE = { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 } as const;
