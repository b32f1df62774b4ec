import { ERROR, STREAM_NAMES, streamColumns, type ResultOf, type StreamName } from '../../protocol';
import type { SessionTable } from '../sessionTable';
import { MET_LOW_RATE_DECIMATION } from '../sessionState';
import type { HandlerMap } from './handlerTypes';

/** The methods of §5: subscribing a session to data streams and back. */
export type SubscriptionMethod = 'subscribe' | 'unsubscribe';

/** What the subscription handlers use. */
export interface SubscriptionsContext {
  readonly sessions: Pick<SessionTable, 'of'>;
}

/**
 * The handlers of §5 (data streams): eeg needs an activated session and the eeg scope, mot a headset with motion
 * sensors; met runs at 2 Hz with scope pm on an activated session, else at 0.1 Hz.
 *
 * ## Example
 * ```ts
 * const handlers = createSubscriptionsHandlers({ sessions });
 * handlers.subscribe({ cortexToken, session: sessionId, streams: ['eeg', 'met'] }, conn, app); // { success, failure }
 * ```
 */
export function createSubscriptionsHandlers(ctx: SubscriptionsContext): HandlerMap<SubscriptionMethod> {
  const { sessions } = ctx;
  return {
    subscribe: (p, _conn, app) => {
      const session = sessions.of(app, p.session);
      const success: ResultOf<'subscribe'>['success'] = [];
      const failure: ResultOf<'subscribe'>['failure'] = [];
      const unavailable = (streamName: string, message = 'The stream is unavailable or unsupported.') =>
        failure.push({ streamName, code: ERROR.STREAM_UNAVAILABLE, message });
      for (const name of p.streams) {
        if (!(STREAM_NAMES as readonly string[]).includes(name)) {
          unavailable(name);
          continue;
        }
        const stream = name as StreamName;
        if (stream === 'eeg' && (session.status !== 'activated' || !session.app.scopes.includes('eeg'))) {
          unavailable(stream);
          continue;
        }
        if (stream === 'mot' && session.headset.memsRateHz === 0) {
          unavailable(stream);
          continue;
        }
        if (stream === 'met') {
          const fast = session.status === 'activated' && session.app.scopes.includes('pm');
          session.metDecimation = fast ? 1 : MET_LOW_RATE_DECIMATION;
        }
        session.streams.add(stream);
        const h = session.headset;
        success.push({
          streamName: stream,
          cols: streamColumns(stream, h.model.sensors, h.model.motionSensors),
          sid: session.id,
        });
      }
      return { success, failure };
    },
    unsubscribe: (p, _conn, app) => {
      const session = sessions.of(app, p.session);
      const success: ResultOf<'unsubscribe'>['success'] = [];
      const failure: ResultOf<'unsubscribe'>['failure'] = [];
      for (const name of p.streams) {
        if (session.streams.delete(name as StreamName)) success.push({ streamName: name });
        else
          failure.push({ streamName: name, code: ERROR.STREAM_UNAVAILABLE, message: 'The stream is not subscribed.' });
      }
      return { success, failure };
    },
  };
}
