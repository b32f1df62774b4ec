import { Observable, defer, map, tap } from 'rxjs';
import type { CortexRecord, Marker } from '../../protocol';
import { headsetNowMs } from './headsetClock';
import type { LiveSession, LiveSessionSlot } from './liveSession';
import type { MarkerConfig, Recording } from './recording';

const noop = () => undefined;

/**
 * The handle of a running record: its record object and its markers (injectMarker; an interval marker ends with
 * updateMarker when its subscriber leaves, if the session is still live).
 *
 * ## Example
 * ```ts
 * const recording = recordingOf(slot, live, result.record);
 * recording.marker({ label: 'stimulus', value: 1 }).subscribe();
 * ```
 * @internal
 */
export function recordingOf(slot: LiveSessionSlot, live: LiveSession, record: CortexRecord): Recording {
  const inject = (config: MarkerConfig) =>
    live.conn
      .call('injectMarker', {
        session: live.info.id,
        label: config.label,
        value: config.value,
        time: config.timeMs ?? headsetNowMs(live),
        ...(config.port !== undefined ? { port: config.port } : {}),
        ...(config.extras !== undefined ? { extras: { ...config.extras } } : {}),
      })
      .pipe(map((r) => r.marker));
  return {
    record,
    marker: (config) => defer(() => inject(config)),
    interval: (config) =>
      new Observable<Marker>((subscriber) => {
        let markerId: string | undefined;
        const sub = inject(config)
          .pipe(tap((m) => (markerId = m.uuid)))
          .subscribe({ next: (m) => subscriber.next(m), error: (e: unknown) => subscriber.error(e) });
        return () => {
          sub.unsubscribe();
          if (markerId !== undefined && !live.conn.closed && slot.isLive(live)) {
            live.conn
              .call('updateMarker', { session: live.info.id, markerId, time: headsetNowMs(live) })
              .subscribe({ error: noop });
          }
        };
      }),
  };
}
