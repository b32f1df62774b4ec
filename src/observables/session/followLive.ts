import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import type { StreamName } from '../../protocol';
import type { StreamGap } from '../ingest/streamFrames';

/**
 * Follows a session across reconnects: each source value is the frame stream of the session that is live now,
 * or `undefined` while there is none. Switches to each new frame stream, emitting a `gap` event when the live
 * session goes away (`disconnected`) and when frames resume on a new one (`resubscribed`), so a break is never
 * silent. Nothing is emitted before the first live session.
 *
 * Like `switchAll`, but with typed gap events between the inner streams. It is written out rather than built
 * from `switchMap` and `tap` because every sample passes through it: a frame takes one call to reach the
 * subscriber, not three.
 *
 * ## Example
 * ```ts
 * live$.pipe(map((live) => live && framesOf(live)), followLive('eeg')).subscribe(console.log);
 * ```
 * @param stream the stream name carried by the gap events
 * @internal
 */
export function followLive<F extends { readonly timeS: number }>(
  stream: StreamName,
): OperatorFunction<Observable<F> | undefined, F | StreamGap> {
  return (source) =>
    new Observable<F | StreamGap>((subscriber) => {
      let lastTimeS: number | undefined;
      let hadLive = false;
      let live = false;
      let sourceDone = false;
      /** The subscription to the live frames; `undefined` when there is none or it completed. */
      let inner: Subscription | undefined;

      const switchTo = (frames: Observable<F>): void => {
        const resumed = hadLive;
        hadLive = true;
        live = true;
        if (resumed) subscriber.next(gap(stream, 'resubscribed', lastTimeS));
        if (subscriber.closed) return;
        let done = false;
        let sub: Subscription | undefined = undefined;
        sub = frames.subscribe({
          next: (f) => {
            lastTimeS = f.timeS;
            subscriber.next(f);
          },
          error: (err: unknown) => subscriber.error(err),
          complete: () => {
            done = true;
            if (sub !== undefined && inner === sub) inner = undefined;
            if (sourceDone) subscriber.complete();
          },
        });
        // A frame stream that completed while subscribing leaves nothing to hold.
        if (!done) inner = sub;
      };

      const outer = source.subscribe({
        next: (frames) => {
          inner?.unsubscribe();
          inner = undefined;
          if (frames) {
            switchTo(frames);
          } else if (live) {
            live = false;
            subscriber.next(gap(stream, 'disconnected', lastTimeS));
          }
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          sourceDone = true;
          if (inner === undefined) subscriber.complete();
        },
      });
      return () => {
        outer.unsubscribe();
        inner?.unsubscribe();
        inner = undefined;
      };
    });
}

function gap(stream: StreamName, reason: StreamGap['reason'], lastTimeS: number | undefined): StreamGap {
  return { _tag: 'gap', stream, reason, lastTimeS };
}
