import type { CortexConnection } from '../connection/cortexConnection';
import type { ConnectionState } from './connectionState';

/**
 * The socket's state inside the client: a `connected` state carries the connection every request of its epoch
 * goes through (the public {@link ConnectionState} does not).
 * @internal
 */
export type SocketState =
  | { readonly _tag: 'connected'; readonly connection: CortexConnection; readonly epoch: number }
  | Extract<ConnectionState, { readonly _tag: 'disconnected' }>;

/** @internal */
export type ConnectedState = Extract<SocketState, { readonly _tag: 'connected' }>;

/**
 * True for a connected state (a type guard for `filter`).
 *
 * ## Example
 * ```ts
 * states.pipe(filter(isConnected), map((s) => s.connection));
 * ```
 * @internal
 */
export function isConnected(s: SocketState): s is ConnectedState {
  return s._tag === 'connected';
}
