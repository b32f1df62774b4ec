import type { Observable } from 'rxjs';
import { Subject, defaultIfEmpty, defer, of, switchMap, take, timeout } from 'rxjs';
import { latchKeyText, type LatchKey } from './latchKey';

interface Hold {
  count: number;
  readonly released: Subject<void>;
}

/**
 * Holds on keys of one connection: while a cleanup (close a session, unsubscribe a stream, stop a record, or the
 * undo of an abandoned request) is in flight, its key is held, and new work on the key waits for it
 * ({@link KeyedLatch.settled}), so a new createSession or subscribe never races the cleanup of an old one.
 *
 * ## Example
 * ```ts
 * const latch = new KeyedLatch(10_000);
 * const key = { kind: 'session', headsetId: 'INSIGHT-1' } as const;
 * latch.cleanup(key, closeSession$);
 * latch.settled(key).pipe(switchMap(() => createSession$)); // sent once the close is answered
 * ```
 * @internal
 */
export class KeyedLatch {
  private readonly holds = new Map<string, Hold>();

  /** @param settleTimeoutMs longest wait of {@link KeyedLatch.settled} (the request timeout) */
  constructor(private readonly settleTimeoutMs: number) {}

  /** Keys held now. */
  get size(): number {
    return this.holds.size;
  }

  /** Holds `key` until the returned release is called: {@link KeyedLatch.settled} waits for it. Releasing twice is harmless. */
  hold(key: LatchKey): () => void {
    const text = latchKeyText(key);
    let h = this.holds.get(text);
    if (!h) {
      h = { count: 0, released: new Subject<void>() };
      this.holds.set(text, h);
    }
    const entry = h;
    entry.count++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      entry.count--;
      if (entry.count > 0) return;
      if (this.holds.get(text) === entry) this.holds.delete(text);
      entry.released.next();
      entry.released.complete();
    };
  }

  /**
   * Emits once nothing holds `key` (at once when nothing does), waiting at most `settleTimeoutMs`: a cleanup that
   * never gets its answer delays new work on the key, never blocks it.
   */
  settled(key: LatchKey): Observable<void> {
    const text = latchKeyText(key);
    const wait = (): Observable<void> =>
      defer(() => {
        const h = this.holds.get(text);
        return h ? h.released.pipe(defaultIfEmpty(undefined), take(1), switchMap(wait)) : of(undefined);
      });
    return wait().pipe(timeout({ first: this.settleTimeoutMs, with: () => of(undefined) }));
  }

  /** Runs a cleanup request and holds `key` until it is answered, so that new work on the key is sent after it. */
  cleanup(
    key: LatchKey,
    work: Observable<unknown>,
    observer: { complete?: () => void; error?: (err: unknown) => void } = {},
  ): void {
    const release = this.hold(key);
    work.subscribe({
      complete: () => {
        release();
        observer.complete?.();
      },
      error: (err: unknown) => {
        release();
        observer.error?.(err);
      },
    });
  }

  /** Releases every key (the socket closed: nothing held on it will be answered). */
  releaseAll(): void {
    // Cleared first: a waiter woken here looks the key up again, and must find it free.
    const holds = [...this.holds.values()];
    this.holds.clear();
    for (const h of holds) {
      h.released.next();
      h.released.complete();
    }
  }
}
