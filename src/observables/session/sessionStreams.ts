import {
  Observable,
  type SchedulerLike,
  asapScheduler,
  distinctUntilChanged,
  map,
  share,
  switchMap,
  timer,
} from 'rxjs';
import type { StreamName } from '../../protocol';
import type { LatchKey } from '../connection/latchKey';
import { CortexClientError, CortexError } from '../cortexError';
import { frameDecoder } from '../ingest/frameDecoder';
import type { StreamEvent, StreamFrames } from '../ingest/streamFrames';
import { detectStall } from './detectStall';
import { followLive } from './followLive';
import { stallTimeoutFor } from './stallTimeoutFor';
import type { LiveSession, LiveSessionSlot } from './liveSession';

/**
 * The streams of one `client.session()` subscription, multiplexed: one Cortex subscription per stream however many
 * subscribers (subscribe for the first, unsubscribe after the last), re-subscribed on each new live session with a
 * `gap` event between ({@link followLive}), and a `stalled` gap when frames stop ({@link detectStall}). A frame goes from the socket's route to followLive with no operator
 * in between.
 *
 * ## Example
 * ```ts
 * const streams = new SessionStreams(slot, { stallTimeoutMs: undefined, scheduler: undefined });
 * streams.stream('eeg').subscribe((event) => console.log(event._tag));
 * ```
 * @internal
 */
export class SessionStreams {
  private readonly shared = new Map<StreamName, Observable<StreamEvent<StreamName>>>();

  constructor(
    private readonly slot: LiveSessionSlot,
    private readonly stall: {
      readonly stallTimeoutMs: number | undefined;
      readonly scheduler: SchedulerLike | undefined;
    },
  ) {}

  /** The shared stream `name` of the session, across reconnects. */
  stream(name: StreamName): Observable<StreamEvent<StreamName>> {
    let stream = this.shared.get(name);
    if (!stream) {
      stream = this.slot.live.pipe(
        distinctUntilChanged(),
        map((live) => (live ? this.subscribeOn(live, name) : undefined)),
        followLive<StreamFrames[StreamName]>(name),
        detectStall(name, stallTimeoutFor(name, this.stall.stallTimeoutMs), this.stall.scheduler),
        // The reset waits a tick: a switchMap that drops and re-takes the stream in one go keeps the subscription.
        share({ resetOnRefCountZero: () => timer(0, asapScheduler) }),
      );
      this.shared.set(name, stream);
    }
    return stream;
  }

  /** Subscribes `name` on one live session (after any unsubscribe of it still in flight); unsubscribes on teardown. */
  private subscribeOn(live: LiveSession, name: StreamName): Observable<StreamFrames[StreamName]> {
    return new Observable<StreamFrames[StreamName]>((subscriber) => {
      let subscribed = false;
      const { conn } = live;
      const sid = live.info.id;
      const key: LatchKey = { kind: 'stream', sessionId: sid, stream: name };
      const sub = conn.latch
        .settled(key)
        .pipe(
          switchMap(() =>
            conn.call(
              'subscribe',
              { session: sid, streams: [name] },
              // Abandoned before the answer: unsubscribe what Cortex subscribed.
              {
                key,
                undo: (r) =>
                  r.success.some((x) => x.streamName === name)
                    ? conn.call('unsubscribe', { session: sid, streams: [name] })
                    : undefined,
              },
            ),
          ),
        )
        .subscribe({
          next: (r) => {
            const failure = r.failure.find((f) => f.streamName === name);
            if (failure) {
              subscriber.error(new CortexError(failure.code, failure.message, 'subscribe', { streamName: name }));
              return;
            }
            const ok = r.success.find((s) => s.streamName === name);
            if (!ok) {
              subscriber.error(
                new CortexClientError('DECODE', `subscribe: no success or failure entry for ${name}`, r),
              );
              return;
            }
            subscribed = true;
            this.slot.markChanged();
            // The frames go straight to this subscriber (no operator in between: this runs for every sample).
            conn.routes.frames(ok.sid, name, frameDecoder(name, ok.cols)).subscribe(subscriber);
          },
          error: (err: unknown) => subscriber.error(err),
        });
      return () => {
        sub.unsubscribe();
        if (subscribed && !conn.closed && this.slot.isLive(live)) {
          conn.latch.cleanup(key, conn.call('unsubscribe', { session: sid, streams: [name] }), {
            complete: () => this.slot.markChanged(),
          });
        }
      };
    });
  }
}
