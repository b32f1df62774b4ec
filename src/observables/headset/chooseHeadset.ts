import type { Observable } from 'rxjs';
import { map, switchMap, throwError } from 'rxjs';
import { ERROR, type Headset } from '../../protocol';
import type { CortexConnection } from '../connection/cortexConnection';
import { CortexError } from '../cortexError';
import { connectHeadsetOn } from './connectHeadsetOn';

/** Which headset to take when none is named: connected first, then connecting, then discovered. */
const STATUS_RANK = { connected: 0, connecting: 1, discovered: 2 } as const;

/**
 * Chooses the headset of a session and connects it: `wanted`, or, when undefined, the first connected headset,
 * else the first one found (connected first). Errors with -32004 (HEADSET_UNAVAILABLE) when there is none.
 *
 * ## Example
 * ```ts
 * chooseHeadset(conn, undefined, 30_000).subscribe((headset) => console.log(headset.id));
 * ```
 * @internal
 */
export function chooseHeadset(
  conn: CortexConnection,
  wanted: string | undefined,
  connectTimeoutMs: number,
): Observable<Headset> {
  return conn.call('queryHeadsets', wanted === undefined ? {} : { id: wanted }).pipe(
    switchMap((list) => {
      const candidates =
        wanted === undefined
          ? [...list].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status])
          : list.filter((h) => h.id === wanted);
      const headset = candidates[0];
      if (!headset) {
        return throwError(
          () =>
            new CortexError(
              ERROR.HEADSET_UNAVAILABLE,
              wanted ? `headset ${wanted} not found` : 'no headset found',
              'queryHeadsets',
            ),
        );
      }
      return connectHeadsetOn(conn, headset, connectTimeoutMs).pipe(map(() => headset));
    }),
  );
}
