import { Observable, type Subject } from 'rxjs';
import { diagnostic, type Diagnostic } from '../diagnostic';
import type { ScannedFrame } from './scannedFrame';
import { ScanIndex } from './scanIndex';

/**
 * Turns the values of a data frame into a frame, or returns why it cannot (reported as INVALID_STREAM_FRAME).
 * @internal
 */
export type RouteDecoder<F> = ((values: readonly unknown[], timeS: number) => F | string) & {
  /** The same decoding from a scanned frame's values, without them becoming JS values (the sample streams). */
  readonly fromScan?: (scan: ScannedFrame, timeS: number) => F | string;
};

/**
 * One subscriber of a route: called with each frame of its session and stream (parsed, or scanned), completed when
 * the socket closes.
 * @internal
 */
export interface RouteListener {
  readonly frame: (values: readonly unknown[], timeS: number) => void;
  readonly scanned: (scan: ScannedFrame) => void;
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
  /** The same routes by the bytes of their sid and stream name, for scanned frames. */
  private readonly index = new ScanIndex();
  private completed = false;

  constructor(private readonly diagnostics: Subject<Diagnostic>) {}

  /** Hands one stream's values of a data frame to the subscribers of its session and stream, if any. */
  readonly deliver = (sid: string, timeS: number, stream: string, values: readonly unknown[]): void => {
    const listeners = this.routes.get(sid)?.get(stream);
    if (listeners === undefined) return;
    for (let i = 0; i < listeners.length; i++) listeners[i].frame(values, timeS);
  };

  /** Hands a scanned frame to the subscribers of its session and stream, if any (found from its bytes). */
  deliverScanned(scan: ScannedFrame): void {
    const listeners = this.index.find(scan);
    if (listeners === undefined) return;
    for (let i = 0; i < listeners.length; i++) listeners[i].scanned(scan);
  }

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
      const emit = (f: F | string): void => {
        if (typeof f !== 'string') subscriber.next(f);
        else this.diagnostics.next(diagnostic('INVALID_STREAM_FRAME', f, ''));
      };
      const { fromScan } = decode;
      const listener: RouteListener = {
        frame: (values, timeS) => emit(decode(values, timeS)),
        scanned:
          fromScan !== undefined
            ? (scan) => emit(fromScan(scan, scan.timeS))
            : (scan) => emit(decode(scan.parsedValues(), scan.timeS)),
        complete: () => subscriber.complete(),
      };
      let byStream = this.routes.get(sid);
      if (!byStream) {
        byStream = new Map();
        this.routes.set(sid, byStream);
      }
      byStream.set(stream, [...(byStream.get(stream) ?? []), listener]);
      this.index.update(sid, byStream);
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
      if (this.routes.get(sid) === streams) this.index.update(sid, streams);
      return;
    }
    streams.delete(stream);
    if (streams.size === 0 && this.routes.get(sid) === streams) this.routes.delete(sid);
    this.index.update(sid, this.routes.get(sid));
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
    this.index.clear();
  }
}
