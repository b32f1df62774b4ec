import { Observable, type Subject } from 'rxjs';
import { diagnostic, type Diagnostic } from '../diagnostic';

/**
 * Turns the values of a data frame into a frame, or returns why it cannot (reported as INVALID_STREAM_FRAME).
 * @internal
 */
export type RouteDecoder<F> = (values: readonly unknown[], timeS: number) => F | string;

/** One subscriber of a route: called with each frame of its session and stream, completed when the socket closes. */
interface RouteListener {
  readonly frame: (values: readonly unknown[], timeS: number) => void;
  readonly complete: () => void;
}

/**
 * The data routes of one socket: data frames by session id, then stream, each to the subscribers of
 * {@link FrameRoutes.frames}. `deliver` runs for every data frame (hundreds per second per headset): it builds
 * no key string and allocates nothing. A route's listener array is replaced, never changed, so a frame is
 * delivered to the listeners of when it arrived.
 *
 * ## Example
 * ```ts
 * const routes = new FrameRoutes(diagnostics);
 * routes.frames(sid, 'eeg', frameDecoder('eeg', cols)).subscribe(console.log);
 * routes.deliver(sid, 1700000000, 'eeg', values); // decoded and handed to the subscriber
 * ```
 * @internal
 */
export class FrameRoutes {
  private readonly routes = new Map<string, Map<string, readonly RouteListener[]>>();
  private completed = false;

  constructor(private readonly diagnostics: Subject<Diagnostic>) {}

  /** Hands one stream's values of a data frame to the subscribers of its session and stream, if any. */
  readonly deliver = (sid: string, timeS: number, stream: string, values: readonly unknown[]): void => {
    const listeners = this.routes.get(sid)?.get(stream);
    if (listeners === undefined) return;
    for (let i = 0; i < listeners.length; i++) listeners[i].frame(values, timeS);
  };

  /**
   * Data frames of one stream of one session, decoded by `decode` on arrival, in one step from the socket
   * (this runs for every sample of every stream). A frame `decode` rejects is reported as an
   * INVALID_STREAM_FRAME diagnostic and the stream goes on. Completes when the routes complete (the socket closed).
   */
  frames<F>(sid: string, stream: string, decode: RouteDecoder<F>): Observable<F> {
    return new Observable<F>((subscriber) => {
      if (this.completed) {
        subscriber.complete();
        return undefined;
      }
      const listener: RouteListener = {
        frame: (values, timeS) => {
          const f = decode(values, timeS);
          if (typeof f !== 'string') subscriber.next(f);
          else this.diagnostics.next(diagnostic('INVALID_STREAM_FRAME', f, ''));
        },
        complete: () => subscriber.complete(),
      };
      let byStream = this.routes.get(sid);
      if (!byStream) {
        byStream = new Map();
        this.routes.set(sid, byStream);
      }
      byStream.set(stream, [...(byStream.get(stream) ?? []), listener]);
      const streams = byStream;
      return () => this.remove(sid, streams, stream, listener);
    });
  }

  private remove(
    sid: string,
    streams: Map<string, readonly RouteListener[]>,
    stream: string,
    listener: RouteListener,
  ): void {
    const listeners = streams.get(stream);
    if (listeners === undefined || !listeners.includes(listener)) return;
    if (listeners.length > 1) {
      streams.set(
        stream,
        listeners.filter((l) => l !== listener),
      );
      return;
    }
    streams.delete(stream);
    if (streams.size === 0 && this.routes.get(sid) === streams) this.routes.delete(sid);
  }

  /** Routes (session × stream) with subscribers. */
  get size(): number {
    let n = 0;
    for (const byStream of this.routes.values()) n += byStream.size;
    return n;
  }

  /** Completes every subscriber (the socket closed); later subscribers complete at once. */
  completeAll(): void {
    this.completed = true;
    for (const byStream of this.routes.values())
      for (const listeners of byStream.values()) for (const l of listeners) l.complete();
    this.routes.clear();
  }
}
