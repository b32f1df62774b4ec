import { Observable, catchError, concat, filter, map, of, switchMap, take, throwError } from 'rxjs';
import type { ResultOf } from '../../protocol';
import type { LatchKey } from '../connection/latchKey';
import { CortexClientError } from '../cortexError';
import type { PostProcessingTracker } from '../records/postProcessingTracker';
import { syncHeadsetClock } from './headsetClock';
import type { LiveSession, LiveSessionSlot } from './liveSession';
import type { RecordConfig, Recording } from './recording';
import { recordingOf } from './recordingMarkers';

const recordKey = (l: LiveSession): LatchKey => ({ kind: 'record', sessionId: l.info.id });

/** createRecord on the live session, after the clock sync and any stopRecord of this session still in flight. */
function createRecordOn(l: LiveSession, config: RecordConfig): Observable<ResultOf<'createRecord'>> {
  const key = recordKey(l);
  return syncHeadsetClock(l).pipe(
    switchMap(() => l.conn.latch.settled(key)),
    switchMap(() =>
      l.conn.call(
        'createRecord',
        {
          session: l.info.id,
          title: config.title,
          ...(config.description !== undefined ? { description: config.description } : {}),
          ...(config.subjectName !== undefined ? { subjectName: config.subjectName } : {}),
          ...(config.tags !== undefined ? { tags: [...config.tags] } : {}),
          ...(config.experimentId !== undefined ? { experimentId: config.experimentId } : {}),
        },
        // Abandoned before the answer: stop the record Cortex started.
        { key, undo: () => l.conn.call('stopRecord', { session: l.info.id }) },
      ),
    ),
  );
}

/**
 * `session.record()`: createRecord on the live session (subscribe), stopRecord (unsubscribe). Errors with
 * RECORD_STOPPED when the record ends without its subscriber leaving (the session ended or the socket dropped).
 * A stopped record is marked on the tracker, so that an export right after waits for its post-processing.
 *
 * ## Example
 * ```ts
 * startRecord(slot, tracker, { title: 'run 1' }).subscribe((recording) => console.log(recording.record.uuid));
 * ```
 * @internal
 */
export function startRecord(
  slot: LiveSessionSlot,
  tracker: PostProcessingTracker,
  config: RecordConfig,
): Observable<Recording> {
  return new Observable<Recording>((subscriber) => {
    let live: LiveSession | undefined;
    let recordId: string | undefined;
    const sub = slot
      .current()
      .pipe(
        switchMap((l) => {
          live = l;
          return createRecordOn(l, config);
        }),
        switchMap((r) => {
          const l = live as LiveSession;
          recordId = r.record.uuid;
          l.recordId = recordId;
          slot.markChanged();
          const stopped = slot.live.pipe(
            filter((x) => x !== l),
            take(1),
            map((): never => {
              throw new CortexClientError(
                'RECORD_STOPPED',
                `record ${r.record.uuid} stopped: its session ended or the socket dropped`,
              );
            }),
          );
          return concat(of(recordingOf(slot, l, r.record)), stopped);
        }),
        catchError((err: unknown) =>
          throwError(() =>
            recordId !== undefined &&
            err instanceof CortexClientError &&
            (err.code === 'SESSION_CLOSED' || err.code === 'HEADSET_LOST')
              ? new CortexClientError('RECORD_STOPPED', `record ${recordId} stopped: ${err.message}`, err)
              : err,
          ),
        ),
      )
      .subscribe(subscriber);
    return () => {
      sub.unsubscribe();
      const l = live;
      if (!l || recordId === undefined) return;
      if (l.recordId === recordId) l.recordId = undefined;
      const id = recordId;
      if (!l.conn.closed && slot.isLive(l)) {
        // Marked before stopRecord is sent, so an exportRecord sent right after waits for warning 30. Not marked
        // when the socket or the session is gone: Cortex stopped the record itself, and no warning 30 will come here.
        tracker.mark(id, l.conn);
        l.conn.latch.cleanup(recordKey(l), l.conn.call('stopRecord', { session: l.info.id }), {
          error: () => tracker.unmark(id),
          complete: () => slot.markChanged(),
        });
      }
    };
  });
}
