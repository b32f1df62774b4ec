import { ERROR } from '../../protocol';
import { acceptTraining, eraseTraining } from '../bciState';
import { CortexFault } from '../cortexFault';
import type { SessionTable } from '../sessionTable';
import type { ProfileStore } from '../store/profileStore';
import type { Timers } from '../timers';
import { DETECTION_INFO } from './detectionInfo';
import type { HandlerMap } from './handlerTypes';

/** The methods of §8.3: detections (mental commands, facial expressions) and their training. */
export type DetectionMethod = 'getDetectionInfo' | 'training';

/** What the detection and training handlers use. */
export interface DetectionsContext {
  /** Time a training takes before its `*_Succeeded` event. */
  readonly config: { readonly trainingDurationMs: number };
  readonly sessions: Pick<SessionTable, 'of'>;
  readonly timers: Timers;
  /** The profile loaded on the session's headset learns from accepted (and erased) trainings. */
  readonly profiles: Pick<ProfileStore, 'loadedOn'>;
}

/**
 * The handlers of §8.3 (detections and training): a training's events come on the session's `sys` stream
 * (`MC_Started`, then `MC_Succeeded` after the training duration; accept, reject, reset and erase answer at once).
 * An accepted training counts in the profile this app loaded on the session's headset (`getTrainedSignatureActions`,
 * skill rating, active actions, and so `com`); erase forgets the action's trainings.
 *
 * ## Example
 * ```ts
 * const handlers = createDetectionsHandlers({ config, sessions, timers });
 * handlers.training({ cortexToken, session: sessionId, detection: 'mentalCommand', action: 'push', status: 'start' }, conn, app);
 * ```
 */
export function createDetectionsHandlers(ctx: DetectionsContext): HandlerMap<DetectionMethod> {
  const { config, sessions, timers, profiles } = ctx;
  return {
    getDetectionInfo: (p) => DETECTION_INFO[p.detection],
    training: (p, _conn, app) => {
      const session = sessions.of(app, p.session);
      const info = DETECTION_INFO[p.detection];
      if (!info.actions.includes(p.action)) {
        throw new CortexFault(
          ERROR.INVALID_PARAMS,
          `Invalid Parameters: '${p.action}' is not a ${p.detection} action.`,
        );
      }
      const loaded = profiles.loadedOn(session.headset.id);
      const state = loaded?.loadedByApp === session.app.appId ? loaded.working : undefined;
      if (state && p.status === 'accept') acceptTraining(state, p.detection, p.action);
      if (state && p.status === 'erase') eraseTraining(state, p.detection, p.action);
      const prefix = p.detection === 'mentalCommand' ? 'MC' : 'FE';
      const emit = (event: string) => session.headset.emitSys(p.detection, `${prefix}_${event}`);
      if (p.status === 'start') {
        timers.later(0, () => emit('Started'));
        timers.later(config.trainingDurationMs, () => emit('Succeeded'));
      } else {
        const events = { accept: 'Completed', reject: 'Rejected', reset: 'Reset', erase: 'DataErased' } as const;
        timers.later(0, () => emit(events[p.status as keyof typeof events]));
      }
      return { action: p.action, status: p.status, message: `Set up training ${p.status} successfully.` };
    },
  };
}
