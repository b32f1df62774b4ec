import type { Observable } from 'rxjs';
import type { Session, StreamName } from '../../protocol';
import type { StreamEvent } from '../ingest/streamFrames';
import type { RecordConfig, Recording } from './recording';

/** Options of `client.session()`. */
export interface SessionConfig {
  /** The headset id; default: the first connected headset, else the first one found (connected first). */
  readonly headset?: string;
  /** Create the session activated (needed for eeg, records and markers; uses the licence). Default true. */
  readonly activate?: boolean;
}

/**
 * A live session, as emitted by `client.session()`: once when the Cortex session is created, and again when it
 * is re-created on a new socket after a reconnect. Changes of the session object (activation, streams,
 * recording, record ids) are on `changes`, not re-emitted by `client.session()`, so that
 * `session$.pipe(switchMap((s) => s.record(...)))` never restarts a record because a stream was added.
 */
export interface CortexSession {
  /** The session object (§4) when this session was created. */
  readonly info: Session;
  /** The session object now: replays the latest, then emits on every change. Completes when the session ends. */
  readonly changes: Observable<Session>;
  /**
   * A stream of the session (§5). One Cortex subscription however many subscribers: subscribe is sent for the
   * first, unsubscribe after the last. Emits typed frames in the column order of the subscribe result, and a
   * `gap` event when the socket dropped (frames resume after the reconnect). A `failure` entry of the
   * subscribe result errors with a `CortexError` (e.g. -32016 for eeg on an unactivated session).
   */
  stream<S extends StreamName>(name: S): Observable<StreamEvent<S>>;
  /** A record of the session: subscribe = createRecord, unsubscribe = stopRecord (§6). */
  record(config: RecordConfig): Observable<Recording>;
  /** Activates an opened session (updateSession active); emits the session object. */
  activate(): Observable<Session>;
}
