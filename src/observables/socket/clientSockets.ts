import type { Observable } from 'rxjs';
import { filter, map, throwError } from 'rxjs';
import type { CortexConnection } from '../connection/cortexConnection';
import type { SharedSocket } from './sharedSocket';
import { isConnected } from './socketState';

/** The socket of each client, for tests and benchmarks that check its internal tables (never a user). */
const sockets = new WeakMap<object, SharedSocket>();

/**
 * Remembers the socket of a client made by `connectCortex`.
 *
 * ## Example
 * ```ts
 * registerClientSocket(client, socket);
 * ```
 * @internal
 */
export function registerClientSocket(client: object, socket: SharedSocket): void {
  sockets.set(client, socket);
}

/**
 * The connection of each socket of a client once it is open (subscribing keeps the socket open, like
 * `client.connection`): the internal connection that `ConnectionState` does not hand to users, for leak checks.
 *
 * ## Example
 * ```ts
 * const conn = await firstValueFrom(liveConnection(client));
 * expect(conn.stats()).toEqual({ pending: 0, abandoned: 0, routes: 0, holds: 0 });
 * ```
 * @internal
 */
export function liveConnection(client: object): Observable<CortexConnection> {
  const socket = sockets.get(client);
  if (!socket) return throwError(() => new Error('liveConnection: not a client made by connectCortex'));
  return socket.states.pipe(
    filter(isConnected),
    map((s) => s.connection),
  );
}
