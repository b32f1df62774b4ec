import type { Observable } from 'rxjs';
import { catchError, defer, map, of } from 'rxjs';
import type { LiveSession } from './liveSession';

const monotonicS = () => performance.now() / 1000;

/**
 * Syncs a session with its headset's clock once (syncWithHeadsetClock), keeping the adjustment on the session;
 * without a headset clock it falls back to the system clock. Never errors.
 *
 * ## Example
 * ```ts
 * syncHeadsetClock(live).pipe(switchMap(() => createRecord$));
 * ```
 * @internal
 */
export function syncHeadsetClock(live: LiveSession): Observable<void> {
  if (live.adjustmentS !== undefined) return of(undefined);
  return defer(() =>
    live.conn.call('syncWithHeadsetClock', {
      headset: live.info.headset.id,
      monotonicTime: monotonicS(),
      systemTime: Date.now() / 1000,
    }),
  ).pipe(
    map((r) => {
      live.adjustmentS = r.adjustment;
    }),
    catchError(() => {
      // Without a headset clock, fall back to the system clock: markers still land within a few ms.
      live.adjustmentS = Date.now() / 1000 - monotonicS();
      return of(undefined);
    }),
  );
}

/**
 * Now on the Cortex clock of a session's headset, in ms (the time of a marker injected now).
 *
 * ## Example
 * ```ts
 * live.conn.call('injectMarker', { session: live.info.id, label: 'go', value: 1, time: headsetNowMs(live) });
 * ```
 * @internal
 */
export function headsetNowMs(live: LiveSession): number {
  return (monotonicS() + (live.adjustmentS ?? 0)) * 1000;
}
