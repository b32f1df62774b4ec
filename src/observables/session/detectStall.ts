import { Observable, asyncScheduler, type MonoTypeOperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import type { StreamName } from '../../protocol';
import type { StreamGap } from '../ingest/streamFrames';

/**
 * Reports a silent stream: once no frame has come for the stall timeout, emits `{ _tag: 'gap', reason: 'stalled' }`
 * once, and `{ _tag: 'gap', reason: 'resumed' }` before the next frame. The watch starts with the first frame (and
 * again on a `resubscribed` gap) and stops on a `disconnected` gap, which already says the stream broke.
 *
 * Like `timeout({ each })`, but the stream goes on: a headset switched off keeps its session for about 30 s before
 * Cortex drops it (warning 103), and the app should know at once. Each frame only stores the scheduler's time; one
 * scheduled check per timeout looks at it, so the cost per sample is one call of `scheduler.now()`.
 *
 * ## Example
 * ```ts
 * events$.pipe(detectStall('eeg', () => 1000)).subscribe((e) => e._tag === 'gap' && console.log(e.reason));
 * ```
 * @param stream the stream name carried by the gap events
 * @param timeoutMsFor the stall timeout in ms, given the shortest interval between frames seen so far (undefined
 *   before two frames); 0 turns detection off
 * @param scheduler where the checks run (default `asyncScheduler`; `TestScheduler` in marble tests)
 * @internal
 */
export function detectStall<F extends { readonly _tag: string; readonly timeS: number }>(
  stream: StreamName,
  timeoutMsFor: (shortestIntervalMs: number | undefined) => number,
  scheduler: SchedulerLike = asyncScheduler,
): MonoTypeOperatorFunction<F | StreamGap> {
  return (source) =>
    new Observable<F | StreamGap>((subscriber) => {
      /** When the silence being watched began (the last frame, or a resubscription); undefined when not watching. */
      let silentSinceMs: number | undefined;
      /** Arrival of the previous frame, for the shortest interval (not a resubscription). */
      let prevFrameMs: number | undefined;
      let lastTimeS: number | undefined;
      let shortestMs: number | undefined;
      let stalled = false;
      let check: Subscription | undefined;

      const watch = (delayMs: number): void => {
        check = scheduler.schedule(() => {
          check = undefined;
          if (silentSinceMs === undefined) return;
          const timeoutMs = timeoutMsFor(shortestMs);
          const silentMs = scheduler.now() - silentSinceMs;
          if (silentMs < timeoutMs) {
            watch(timeoutMs - silentMs);
            return;
          }
          stalled = true;
          subscriber.next({ _tag: 'gap', stream, reason: 'stalled', lastTimeS });
        }, delayMs);
      };
      /** Schedules a check unless one is pending (nearly always, so a frame costs no timeout lookup). */
      const arm = (): void => {
        // Closed: the consumer left inside subscriber.next (take(n)); a check now would outlive the teardown.
        if (check !== undefined || subscriber.closed) return;
        const timeoutMs = timeoutMsFor(shortestMs);
        if (timeoutMs > 0) watch(timeoutMs);
      };
      const stop = (): void => {
        check?.unsubscribe();
        check = undefined;
        silentSinceMs = undefined;
        prevFrameMs = undefined;
        stalled = false;
      };

      const sub = source.subscribe({
        next: (event) => {
          if (event._tag === 'gap') {
            const gap = event as StreamGap;
            stop();
            subscriber.next(gap);
            if (gap.reason === 'resubscribed') {
              silentSinceMs = scheduler.now();
              arm();
            }
            return;
          }
          const nowMs = scheduler.now();
          if (prevFrameMs !== undefined && !stalled) {
            const intervalMs = nowMs - prevFrameMs;
            if (shortestMs === undefined || intervalMs < shortestMs) shortestMs = intervalMs;
          }
          prevFrameMs = nowMs;
          silentSinceMs = nowMs;
          if (stalled) {
            stalled = false;
            subscriber.next({ _tag: 'gap', stream, reason: 'resumed', lastTimeS });
          }
          lastTimeS = (event as F).timeS;
          subscriber.next(event);
          arm();
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
      return () => {
        sub.unsubscribe();
        stop();
      };
    });
}
