import type { Observable } from 'rxjs';
import { METHODS, type MethodName, type ResultOf, type RpcId } from '../../protocol';
import type { KeyedLatch } from './keyedLatch';
import type { LatchKey } from './latchKey';

/**
 * How to undo a request that was abandoned (unsubscribed or timed out) before its answer: Cortex may still carry it
 * out (create the session, subscribe the stream, start the record), so the late answer is undone. Work on `key`
 * waits ({@link KeyedLatch.settled}) until the undo is done.
 * @internal
 */
export interface Undo<M extends MethodName> {
  /** What the request claims: a headset's session, a stream of a session, the record of a session. */
  readonly key: LatchKey;
  /** The request that undoes a successful late answer, or undefined when there is nothing to undo. */
  readonly undo: (result: ResultOf<M>) => Observable<unknown> | undefined;
}

interface Abandoned {
  readonly method: MethodName;
  readonly undo: (result: unknown) => Observable<unknown> | undefined;
  readonly release: () => void;
}

/**
 * The requests of one connection abandoned before their answer, each holding its key on the latch until its late
 * answer is undone (or the connection closes). Bounded like the pending table: past `maxEntries` the oldest is
 * forgotten (its key released) first.
 *
 * ## Example
 * ```ts
 * const abandoned = new AbandonedRequests(latch, 1024);
 * abandoned.add(7, 'createSession', { key, undo: (info) => closeSession(info.id) });
 * abandoned.settle(7, lateResult); // true: the late session is closed, then the key released
 * ```
 * @internal
 */
export class AbandonedRequests {
  private readonly table = new Map<RpcId, Abandoned>();

  constructor(
    private readonly latch: KeyedLatch,
    private readonly maxEntries: number,
  ) {}

  /** Abandoned requests whose late answer will be undone. */
  get size(): number {
    return this.table.size;
  }

  /** Remembers request `id`, holding `undo.key` until its answer comes. */
  add(id: RpcId, method: MethodName, undo: Undo<MethodName>): void {
    this.table.set(id, {
      method,
      undo: undo.undo as (r: unknown) => Observable<unknown> | undefined,
      release: this.latch.hold(undo.key),
    });
    if (this.table.size > this.maxEntries) {
      const [oldestId, oldest] = this.table.entries().next().value as [RpcId, Abandoned];
      this.table.delete(oldestId);
      oldest.release();
    }
  }

  /**
   * A late answer to an abandoned request (`result` undefined for an error or an unusable answer): undo what it
   * did, then release its key. Returns false when `id` was not abandoned.
   */
  settle(id: RpcId, result: unknown): boolean {
    const a = this.table.get(id);
    if (!a) return false;
    this.table.delete(id);
    let work: Observable<unknown> | undefined;
    if (result !== undefined) {
      const decoded = METHODS[a.method].result.decode(result);
      try {
        work = decoded._tag === 'Right' ? a.undo(decoded.right) : undefined;
      } catch {
        work = undefined;
      }
    }
    if (work) work.subscribe({ complete: a.release, error: a.release });
    else a.release();
    return true;
  }

  /** Forgets every abandoned request and releases its key (the socket closed: no late answer will come). */
  releaseAll(): void {
    for (const a of this.table.values()) a.release();
    this.table.clear();
  }
}
