import { randomUUID } from 'crypto';
import { ERROR, type Marker } from '../../protocol';
import { CortexFault } from '../cortexFault';
import { isoLocal } from '../isoTime';
import type { SessionState } from '../sessionState';
import type { SessionTable } from '../sessionTable';
import type { RecordWriter } from '../store/storeTypes';
import type { HandlerMap } from './handlerTypes';

/** The methods of §7: markers in a running record. */
export type MarkerMethod = 'injectMarker' | 'updateMarker';

/** What the marker handlers use. */
export interface MarkersContext {
  /** A marker whose time is further than this from now is refused with -32602. */
  readonly config: { readonly markerToleranceMs: number };
  readonly sessions: Pick<SessionTable, 'of'>;
}

function requireRecording(session: SessionState): RecordWriter {
  if (session.status !== 'activated') {
    throw new CortexFault(ERROR.SESSION_NOT_ACTIVATED, 'The session must be activated first.');
  }
  if (!session.writer)
    throw new CortexFault(ERROR.RECORD_NOT_RUNNING, 'A record must be started before injecting markers.');
  return session.writer;
}

/**
 * A marker lands on the record's sample nearest its time, so it cannot precede the record: -32602 naming the start
 * (a simulator choice; the reference only says a time far from now is refused).
 */
function checkInRecord(session: SessionState, timeMs: number): void {
  const startMs = session.recordStartS * 1000;
  if (timeMs < startMs) {
    throw new CortexFault(
      ERROR.INVALID_PARAMS,
      `Invalid Parameters: 'time' ${timeMs} precedes the start of the running record (${startMs} ms).`,
    );
  }
}

/**
 * The handlers of §7 (markers): a marker goes into the running record, into the MARKERS column of the EEG sample
 * nearest its time, and starts the headset's evoked response.
 *
 * ## Example
 * ```ts
 * const handlers = createMarkersHandlers({ config, sessions });
 * handlers.injectMarker({ cortexToken, session: sessionId, time: Date.now(), value: 1, label: 'beep' }, conn, app);
 * ```
 */
export function createMarkersHandlers(ctx: MarkersContext): HandlerMap<MarkerMethod> {
  const { config, sessions } = ctx;
  const checkMarkerTime = (timeMs: number): void => {
    if (!Number.isFinite(timeMs) || Math.abs(timeMs - Date.now()) > config.markerToleranceMs) {
      throw new CortexFault(
        ERROR.INVALID_PARAMS,
        `Invalid Parameters: 'time' must be epoch milliseconds within ${config.markerToleranceMs} ms of now, got ${timeMs}.`,
      );
    }
  };
  return {
    injectMarker: (p, _conn, app) => {
      const session = sessions.of(app, p.session);
      const writer = requireRecording(session);
      if (typeof p.value === 'number' && (!Number.isInteger(p.value) || p.value < 0)) {
        throw new CortexFault(
          ERROR.INVALID_PARAMS,
          `Invalid Parameters: 'value' must be a string or an integer >= 0, got ${p.value}.`,
        );
      }
      checkMarkerTime(p.time);
      checkInRecord(session, p.time);
      const iso = isoLocal(p.time);
      const marker: Marker = {
        uuid: randomUUID(),
        type: 'instance',
        value: p.value,
        label: p.label,
        port: p.port ?? 'Software',
        startDatetime: iso,
        endDatetime: iso,
        extras: p.extras ?? {},
      };
      writer.addMarker(marker);
      session.headset.addPendingMarker({
        timeS: p.time / 1000,
        sessionId: session.id,
        json: JSON.stringify({
          applicationId: session.app.appId,
          recordId: writer.recordId,
          uuid: marker.uuid,
          type: marker.type,
          value: marker.value,
          label: marker.label,
          port: marker.port,
          time: p.time,
        }),
      });
      session.headset.triggerEvokedResponse(p.time / 1000);
      return { recordId: writer.recordId, sessionId: session.id, marker };
    },
    updateMarker: (p, _conn, app) => {
      const session = sessions.of(app, p.session);
      const writer = requireRecording(session);
      checkMarkerTime(p.time);
      const marker = writer.updateMarker(p.markerId, {
        type: 'interval',
        endDatetime: isoLocal(p.time),
        ...(p.extras ? { extras: p.extras } : {}),
      });
      if (!marker)
        throw new CortexFault(
          ERROR.INVALID_PARAMS,
          `Invalid Parameters: no marker ${p.markerId} in the running record.`,
        );
      return { recordId: writer.recordId, sessionId: session.id, marker };
    },
  };
}
