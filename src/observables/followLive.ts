import { EMPTY, Observable, concat, of, switchMap, tap, type OperatorFunction } from 'rxjs';
import type { StreamName } from '../protocol';
import type { StreamGap } from './streamFrames';

/**
 * Follows a session across reconnects: each source value is the frame stream of the session that is live now,
 * or `undefined` while there is none. Switches to each new frame stream, emitting a `gap` event when the live
 * session goes away (`disconnected`) and when frames resume on a new one (`resubscribed`), so a break is never
 * silent. Nothing is emitted before the first live session.
 *
 * Like `switchAll`, but with typed gap events between the inner streams.
 *
 * ## Example
 * ```ts
 * import { followLive } from 'cortex-rx';
 * live$.pipe(map((live) => live && framesOf(live)), followLive('eeg')).subscribe(console.log);
 * ```
 * @param stream the stream name carried by the gap events
 */
export function followLive<F extends { readonly timeS: number }>(
  stream: StreamName,
): OperatorFunction<Observable<F> | undefined, F | StreamGap> {
  return (source) =>
    new Observable<F | StreamGap>((subscriber) => {
      let lastTimeS: number | undefined;
      let hadLive = false;
      let live = false;
      return source
        .pipe(
          switchMap((frames): Observable<F | StreamGap> => {
            if (frames) {
              const resumed = hadLive;
              hadLive = true;
              live = true;
              const tracked = frames.pipe(tap((f) => (lastTimeS = f.timeS)));
              return resumed ? concat(of(gap(stream, 'resubscribed', lastTimeS)), tracked) : tracked;
            }
            if (!live) return EMPTY;
            live = false;
            return of(gap(stream, 'disconnected', lastTimeS));
          }),
        )
        .subscribe(subscriber);
    });
}

function gap(stream: StreamName, reason: StreamGap['reason'], lastTimeS: number | undefined): StreamGap {
  return { _tag: 'gap', stream, reason, lastTimeS };
}
