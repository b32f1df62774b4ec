import type { Observable } from 'rxjs';
import { Subject, filter, forkJoin, map, of, take, throwError, timeout } from 'rxjs';
import { WARNING } from '../../protocol';
import { warningSubject, type CortexWarning } from '../connection/cortexWarning';
import { CortexClientError } from '../cortexError';

/** What the tracker needs of a connection: whether its socket closed. */
interface SocketOfRecord {
  readonly closed: boolean;
}

/**
 * Records this client stopped that Cortex is still post-processing, each with the socket its warning 30
 * (CORTEX_RECORD_POST_PROCESSING_DONE) will come on. An export of such a record waits for that warning while the
 * socket is open; after a drop it never comes (Cortex answers exportRecord itself then), so the record is
 * forgotten.
 *
 * ## Example
 * ```ts
 * const tracker = new PostProcessingTracker(client.warnings);
 * tracker.mark(recordId, conn); // before stopRecord is sent
 * tracker.whenProcessed([recordId], 60_000).pipe(switchMap(() => exportNow()));
 * ```
 * @internal
 */
export class PostProcessingTracker {
  private readonly processing = new Map<string, SocketOfRecord>();
  private readonly processed = new Subject<string>();

  /** @param warnings every warning of every socket of the client (never completes) */
  constructor(warnings: Observable<CortexWarning>) {
    warnings.subscribe((w) => {
      if (w.code !== WARNING.CORTEX_RECORD_POST_PROCESSING_DONE) return;
      const id = warningSubject(w, 'recordId');
      if (id !== undefined) {
        this.processing.delete(id);
        this.processed.next(id);
      }
    });
  }

  /** A record stopped on `socket` but not yet post-processed: its warning 30 will come on that socket. */
  mark(recordId: string, socket: SocketOfRecord): void {
    this.processing.set(recordId, socket);
  }

  /** A stopRecord failed: no warning 30 will come. */
  unmark(recordId: string): void {
    this.processing.delete(recordId);
  }

  /**
   * Emits once every record of `recordIds` that is still post-processing on an open socket got its warning 30 (at
   * once when none is); errors with TIMEOUT when one takes longer than `waitMs`.
   */
  whenProcessed(recordIds: readonly string[], waitMs: number): Observable<void> {
    for (const [id, socket] of this.processing) if (socket.closed) this.processing.delete(id);
    const ready = recordIds
      .filter((id) => this.processing.has(id))
      .map((id) =>
        this.processed.pipe(
          filter((x) => x === id),
          take(1),
          timeout({
            first: waitMs,
            with: () =>
              throwError(() => new CortexClientError('TIMEOUT', `record ${id}: no warning 30 within ${waitMs} ms`)),
          }),
        ),
      );
    return ready.length === 0 ? of(undefined) : forkJoin(ready).pipe(map(() => undefined));
  }
}
