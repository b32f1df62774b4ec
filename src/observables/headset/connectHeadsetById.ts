import type { Observable } from 'rxjs';
import { map, switchMap, take, throwError } from 'rxjs';
import type { Headset } from '../../protocol';
import type { CortexConnection } from '../connection/cortexConnection';
import { CortexClientError } from '../cortexError';
import { connectHeadsetOn } from './connectHeadsetOn';

/**
 * `client.connectHeadset()`: finds the headset on the next open connection, connects it, and emits it as
 * queried once connected.
 *
 * ## Example
 * ```ts
 * connectHeadsetById(socket.connected(), 'INSIGHT-1', 30_000).subscribe((h) => console.log(h.status)); // 'connected'
 * ```
 * @internal
 */
export function connectHeadsetById(
  connected: Observable<CortexConnection>,
  headsetId: string,
  connectTimeoutMs: number,
): Observable<Headset> {
  return connected.pipe(
    switchMap((conn) =>
      conn.call('queryHeadsets', { id: headsetId }).pipe(
        switchMap((list) => {
          const headset = list.find((h) => h.id === headsetId);
          if (!headset)
            return throwError(() => new CortexClientError('HEADSET_UNAVAILABLE', `headset ${headsetId} not found`));
          return connectHeadsetOn(conn, headset, connectTimeoutMs);
        }),
        switchMap(() => conn.call('queryHeadsets', { id: headsetId })),
        map((list) => list[0]),
      ),
    ),
    take(1),
  );
}
