import { Observable } from 'rxjs';
import type { EegFrame } from '../observables';

/** A source of frames read a chunk at a time: undefined when the file is done. */
export interface FrameChunks {
  next(): readonly EegFrame[] | undefined;
  close(): void;
}

/**
 * The observable of a chunked file reader: opens it on subscribe, emits its frames at the pace asked, closes it on
 * complete, error or unsubscribe. `'fast'` emits one chunk synchronously then yields (setImmediate); `'realtime'`
 * emits each frame when `timeS − first timeS` has elapsed since the first frame.
 *
 * ## Example
 * ```ts
 * const eeg$ = emitChunks(() => openMyChunks(path), 'fast');
 * ```
 */
export function emitChunks(open: () => FrameChunks, pace: 'fast' | 'realtime'): Observable<EegFrame> {
  return new Observable<EegFrame>((subscriber) => {
    let chunks: FrameChunks;
    try {
      chunks = open();
    } catch (err) {
      subscriber.error(err);
      return undefined;
    }
    let timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
    let frames: readonly EegFrame[] = [];
    let index = 0;
    let startMs: number | undefined;
    let firstTimeS = 0;
    const fail = (err: unknown) => {
      chunks.close();
      subscriber.error(err);
    };
    const refill = (): boolean => {
      const next = chunks.next();
      if (next === undefined) {
        chunks.close();
        subscriber.complete();
        return false;
      }
      frames = next;
      index = 0;
      return true;
    };
    const fastStep = () => {
      try {
        if (!refill()) return;
        for (const frame of frames) {
          if (subscriber.closed) return;
          subscriber.next(frame);
        }
        timer = setImmediate(fastStep);
      } catch (err) {
        fail(err);
      }
    };
    const realtimeStep = () => {
      try {
        for (;;) {
          if (index >= frames.length && !refill()) return;
          if (frames.length === 0) continue;
          const frame = frames[index];
          if (startMs === undefined) {
            startMs = performance.now();
            firstTimeS = frame.timeS;
          }
          const waitMs = startMs + (frame.timeS - firstTimeS) * 1000 - performance.now();
          if (waitMs > 1) {
            timer = setTimeout(realtimeStep, waitMs);
            return;
          }
          index++;
          subscriber.next(frame);
          if (subscriber.closed) return;
        }
      } catch (err) {
        fail(err);
      }
    };
    timer = pace === 'realtime' ? setTimeout(realtimeStep, 0) : setImmediate(fastStep);
    return () => {
      if (timer !== undefined) {
        clearTimeout(timer as NodeJS.Timeout);
        clearImmediate(timer as NodeJS.Immediate);
      }
      chunks.close();
    };
  });
}
