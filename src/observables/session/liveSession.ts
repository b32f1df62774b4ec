import type { Observable } from 'rxjs';
import { BehaviorSubject, Subject, filter, take } from 'rxjs';
import type { Session } from '../../protocol';
import type { CortexConnection } from '../connection/cortexConnection';

/**
 * The Cortex session of one `client.session()` subscription on one connection.
 * @internal
 */
export interface LiveSession {
  readonly conn: CortexConnection;
  info: Session;
  readonly changes: BehaviorSubject<Session>;
  /** Cortex time minus our monotonic time, in seconds (syncWithHeadsetClock); undefined until synced. */
  adjustmentS: number | undefined;
  /** The record running on this session, if any. */
  recordId: string | undefined;
}

/**
 * Which Cortex session a `client.session()` subscription has now (none while the socket is down), shared by its
 * streams and records, and the signal that the session object changed (a stream, a record, activation).
 *
 * ## Example
 * ```ts
 * const slot = new LiveSessionSlot();
 * slot.current().subscribe((live) => console.log(live.info.id)); // once a session is live
 * slot.set(live);
 * ```
 * @internal
 */
export class LiveSessionSlot {
  private readonly live$ = new BehaviorSubject<LiveSession | undefined>(undefined);
  /** The live session now; `live$.value` would throw once the session errored. */
  private liveNow: LiveSession | undefined;
  private readonly changed$ = new Subject<void>();
  /** The live session now, then each new one (undefined while there is none). */
  readonly live: Observable<LiveSession | undefined> = this.live$.asObservable();
  /** Emits when the session object may have changed (query it again). */
  readonly changed: Observable<void> = this.changed$.asObservable();

  /** True when `live` is the live session now. */
  isLive(live: LiveSession): boolean {
    return this.liveNow === live;
  }

  set(live: LiveSession | undefined): void {
    this.liveNow = live;
    this.live$.next(live);
  }

  /** The live session, now or once there is one. */
  current(): Observable<LiveSession> {
    return this.live$.pipe(
      filter((l): l is LiveSession => l !== undefined),
      take(1),
    );
  }

  /** Something changed the session object (a stream subscribed, a record started, activation). */
  markChanged(): void {
    this.changed$.next();
  }

  /** The `client.session()` subscription errored: so do its streams and records. */
  fail(err: unknown): void {
    this.live$.error(err);
  }

  /** The `client.session()` subscription ended. */
  end(): void {
    this.live$.complete();
  }
}
