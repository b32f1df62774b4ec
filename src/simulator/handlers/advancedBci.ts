import { ERROR, type ParamsOf, type ResultOf } from '../../protocol';
import type { AppState } from '../appState';
import {
  FE_THRESHOLD_RANGE,
  MAX_ACTIVE_ACTIONS,
  SENSITIVITY_RANGE,
  feThreshold,
  skillRating,
  type BciState,
} from '../bciState';
import { CortexFault } from '../cortexFault';
import { missingParams } from '../missingParams';
import type { SessionTable } from '../sessionTable';
import type { ProfileStore } from '../store/profileStore';
import { DETECTION_INFO } from './detectionInfo';
import type { HandlerMap } from './handlerTypes';
import { requireApp } from './requireApp';

/** The methods of §8.3: attributes of a training profile. */
export type AdvancedBciMethod =
  | 'getTrainedSignatureActions'
  | 'getTrainingTime'
  | 'facialExpressionSignatureType'
  | 'facialExpressionThreshold'
  | 'mentalCommandActiveAction'
  | 'mentalCommandBrainMap'
  | 'mentalCommandGetSkillRating'
  | 'mentalCommandTrainingThreshold'
  | 'mentalCommandActionSensitivity';

/** What the §8.3 handlers use. */
export interface AdvancedBciContext {
  readonly config: { readonly trainingDurationMs: number };
  readonly sessions: Pick<SessionTable, 'of'>;
  readonly profiles: Pick<ProfileStore, 'named' | 'loadedOn'>;
}

/** The threshold a mental-command training must reach to be accepted (UNVERIFIED: fixed in the simulator). */
const MC_TRAINING_THRESHOLD = 0.5;

const invalid = (why: string) => new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: ${why}`);

/**
 * The profile state a §8.3 call is about: the saved state of `profile` (read-only), or the loaded, editable copy of
 * the profile on the `session`'s headset (`profile: ""` counts as absent: Cortex 2.0.0). The reference says to give
 * one of the two, but EMOTIV's own cortex.py sends both (mentalCommandActionSensitivity set, mentalCommandBrainMap)
 * and works on the real service: with both, the session wins (UNVERIFIED); with neither, -32602.
 */
function targetOf(
  ctx: AdvancedBciContext,
  p: { profile?: string; session?: string },
  app: AppState,
  write: boolean,
): BciState {
  const profileName = p.profile === '' ? undefined : p.profile;
  if (profileName === undefined && p.session === undefined) {
    throw invalid("one of 'profile' or 'session' is required.");
  }
  if (p.session === undefined && profileName !== undefined) {
    if (write) throw invalid("'profile' is read-only: pass 'session' to change the loaded profile, then save it.");
    const profile = ctx.profiles.named(profileName);
    if (!profile) throw invalid(`no profile "${profileName}".`);
    return profile.saved;
  }
  const session = ctx.sessions.of(app, p.session as string);
  const loaded = ctx.profiles.loadedOn(session.headset.id);
  if (!loaded?.working) {
    throw new CortexFault(ERROR.NO_PROFILE_LOADED, `No profile is loaded on headset ${session.headset.id}.`);
  }
  if (write && loaded.loadedByApp !== app.appId) {
    throw new CortexFault(ERROR.PROFILE_OF_OTHER_APP, 'The profile was loaded by another application.');
  }
  return loaded.working;
}

function mcAction(action: string, allowNeutral: boolean): string {
  if (!DETECTION_INFO.mentalCommand.actions.includes(action) || (!allowNeutral && action === 'neutral')) {
    throw invalid(`'${action}' is not a mental-command action${allowNeutral ? '' : ' other than neutral'}.`);
  }
  return action;
}

function activeAction(
  ctx: AdvancedBciContext,
  p: ParamsOf<'mentalCommandActiveAction'>,
  app: AppState,
): ResultOf<'mentalCommandActiveAction'> {
  const state = targetOf(ctx, p, app, p.status === 'set');
  if (p.status === 'get') return [...state.activeActions];
  if (p.actions === undefined) throw missingParams('actions');
  if (p.actions.length > MAX_ACTIVE_ACTIONS) throw invalid(`at most ${MAX_ACTIVE_ACTIONS} active actions.`);
  p.actions.forEach((a) => mcAction(a, false));
  if (new Set(p.actions).size !== p.actions.length) throw invalid("'actions' has an action twice.");
  // Sensitivities follow their action to its new position; a newly active action starts at 5.
  const before = state.activeActions;
  state.sensitivity = Array.from({ length: MAX_ACTIVE_ACTIONS }, (_, i) => {
    const at = i < p.actions!.length ? before.indexOf(p.actions![i]) : -1;
    return at >= 0 ? state.sensitivity[at] : 5;
  });
  state.activeActions = [...p.actions];
  return { actions: [...state.activeActions], message: 'Set active actions successfully.' };
}

function actionSensitivity(
  ctx: AdvancedBciContext,
  p: ParamsOf<'mentalCommandActionSensitivity'>,
  app: AppState,
): ResultOf<'mentalCommandActionSensitivity'> {
  const state = targetOf(ctx, p, app, p.status === 'set');
  if (p.status === 'get') return [...state.sensitivity];
  if (p.values === undefined) throw missingParams('values');
  const [lo, hi] = SENSITIVITY_RANGE;
  if (p.values.length !== MAX_ACTIVE_ACTIONS || !p.values.every((v) => Number.isInteger(v) && v >= lo && v <= hi)) {
    throw invalid(`'values' must be ${MAX_ACTIVE_ACTIONS} integers from ${lo} to ${hi}.`);
  }
  state.sensitivity = [...p.values];
  return 'success';
}

function feThresholdHandler(
  ctx: AdvancedBciContext,
  p: ParamsOf<'facialExpressionThreshold'>,
  app: AppState,
): ResultOf<'facialExpressionThreshold'> {
  const state = targetOf(ctx, p, app, p.status === 'set');
  if (!DETECTION_INFO.facialExpression.actions.includes(p.action) || p.action === 'neutral') {
    throw invalid(`'${p.action}' is not a facial-expression action other than neutral.`);
  }
  if (p.status === 'get') return feThreshold(state, p.action);
  if (p.value === undefined) throw missingParams('value');
  const [lo, hi] = FE_THRESHOLD_RANGE;
  if (!Number.isInteger(p.value) || p.value < lo || p.value > hi) {
    throw invalid(`'value' must be an integer from ${lo} to ${hi}.`);
  }
  state.feThresholds[p.action] = p.value;
  return 'success';
}

function signatureType(
  ctx: AdvancedBciContext,
  p: ParamsOf<'facialExpressionSignatureType'>,
  app: AppState,
): ResultOf<'facialExpressionSignatureType'> {
  const state = targetOf(ctx, p, app, p.status === 'set');
  const trained = Object.keys(state.trained.facialExpression).length > 0;
  const availableSig = trained ? ['universal', 'trained'] : ['universal'];
  if (p.status === 'set') {
    if (p.signature === undefined) throw missingParams('signature');
    if (!availableSig.includes(p.signature)) throw invalid('no facial expression is trained: only "universal".');
    state.feSignature = p.signature;
  }
  return { currentSig: state.feSignature, availableSig };
}

/** Brain-map coordinates: neutral at the origin, each trained action on the unit circle scaled by its skill. */
function brainMap(state: BciState): ResultOf<'mentalCommandBrainMap'> {
  const actions = DETECTION_INFO.mentalCommand.actions;
  return actions
    .filter((a) => (state.trained.mentalCommand[a] ?? 0) > 0)
    .map((action) => {
      const angle = (2 * Math.PI * actions.indexOf(action)) / actions.length;
      const r = action === 'neutral' ? 0 : skillRating(state, action);
      return { action, coordinates: [round4(r * Math.cos(angle)), round4(r * Math.sin(angle))] as [number, number] };
    });
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/**
 * The handlers of §8.3 (Advanced BCI): the attributes of a training profile, read from a saved profile (`profile`)
 * or read and changed on the profile loaded on a session's headset (`session`; `setupProfile save` keeps the
 * changes). State per profile (see `BciState`): accepted trainings per action, up to 4 active mental-command actions
 * with a sensitivity 1–10 each (5 by default), facial-expression thresholds 0–1000 (500) and signature type.
 *
 * ## Example
 * ```ts
 * const handlers = createAdvancedBciHandlers({ config, sessions, profiles });
 * handlers.mentalCommandActiveAction({ cortexToken, session: sessionId, status: 'get' }, conn, app); // ['push']
 * ```
 */
export function createAdvancedBciHandlers(ctx: AdvancedBciContext): HandlerMap<AdvancedBciMethod> {
  return {
    getTrainedSignatureActions: (p, _conn, app) => {
      const state = targetOf(ctx, p, requireApp(app), false);
      const counts = state.trained[p.detection];
      const trainedActions = DETECTION_INFO[p.detection].actions
        .filter((action) => (counts[action] ?? 0) > 0)
        .map((action) => ({ action, times: counts[action] }));
      return { totalTimesTraining: trainedActions.reduce((n, a) => n + a.times, 0), trainedActions };
    },
    getTrainingTime: (p, _conn, app) => {
      ctx.sessions.of(requireApp(app), p.session);
      return { time: ctx.config.trainingDurationMs / 1000 };
    },
    facialExpressionSignatureType: (p, _conn, app) => signatureType(ctx, p, requireApp(app)),
    facialExpressionThreshold: (p, _conn, app) => feThresholdHandler(ctx, p, requireApp(app)),
    mentalCommandActiveAction: (p, _conn, app) => activeAction(ctx, p, requireApp(app)),
    mentalCommandBrainMap: (p, _conn, app) => brainMap(targetOf(ctx, p, requireApp(app), false)),
    mentalCommandGetSkillRating: (p, _conn, app) => {
      const state = targetOf(ctx, p, requireApp(app), false);
      return skillRating(state, p.action === undefined ? undefined : mcAction(p.action, true));
    },
    mentalCommandTrainingThreshold: (p, _conn, app) => {
      const state = targetOf(ctx, p, requireApp(app), false);
      return { currentThreshold: MC_TRAINING_THRESHOLD, lastTrainingScore: state.lastTrainingScore };
    },
    mentalCommandActionSensitivity: (p, _conn, app) => actionSensitivity(ctx, p, requireApp(app)),
  };
}
