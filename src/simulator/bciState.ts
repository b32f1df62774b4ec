import * as t from 'io-ts';

/** Mental-command actions a profile may have active at once (neutral excluded), §8.3. */
export const MAX_ACTIVE_ACTIONS = 4;
/** Sensitivity levels of the active actions: integers in [1, 10], 5 by default. */
export const SENSITIVITY_RANGE = [1, 10] as const;
/** Facial-expression thresholds: integers in [0, 1000], 500 by default. */
export const FE_THRESHOLD_RANGE = [0, 1000] as const;
const DEFAULT_SENSITIVITY = 5;
const DEFAULT_FE_THRESHOLD = 500;
/** Skill rating of an action: `1 - SKILL_DECAY^times`, so 0 untrained, 0.2 after one accepted training, → 1. */
const SKILL_DECAY = 0.8;

/**
 * What a training profile holds (§8.3), plain JSON so it is persisted as is: accepted trainings per detection and
 * action, the active mental-command actions with their sensitivities, the facial-expression signature and
 * thresholds, and the score of the last mental-command training.
 */
export const BciState = t.type(
  {
    trained: t.type({
      mentalCommand: t.record(t.string, t.number),
      facialExpression: t.record(t.string, t.number),
    }),
    activeActions: t.array(t.string),
    sensitivity: t.array(t.number),
    feSignature: t.keyof({ universal: null, trained: null }),
    feThresholds: t.record(t.string, t.number),
    lastTrainingScore: t.number,
  },
  'BciState',
);
/** What a training profile holds (§8.3). */
export type BciState = t.TypeOf<typeof BciState>;

/**
 * A new, untrained profile: nothing trained, no active action, sensitivities 5, universal facial signature.
 *
 * ## Example
 * ```ts
 * const state = emptyBciState(); // state.sensitivity: [5, 5, 5, 5]
 * ```
 */
export function emptyBciState(): BciState {
  return {
    trained: { mentalCommand: {}, facialExpression: {} },
    activeActions: [],
    sensitivity: new Array<number>(MAX_ACTIVE_ACTIONS).fill(DEFAULT_SENSITIVITY),
    feSignature: 'universal',
    feThresholds: {},
    lastTrainingScore: 0,
  };
}

/**
 * A deep copy (the loaded, editable copy of a saved profile, and the saved copy of an edited one).
 *
 * ## Example
 * ```ts
 * const working = cloneBciState(profile.saved);
 * ```
 */
export function cloneBciState(s: BciState): BciState {
  return JSON.parse(JSON.stringify(s)) as BciState;
}

/**
 * The skill rating of a mental-command action in [0, 1]: rises with every accepted training (`1 - 0.8^times`); for
 * no action, the mean over the trained non-neutral actions (0 when there is none).
 *
 * ## Example
 * ```ts
 * skillRating(state, 'push'); // 0.36 after two accepted push trainings
 * ```
 */
export function skillRating(s: BciState, action: string | undefined): number {
  const rate = (times: number) => Math.round((1 - Math.pow(SKILL_DECAY, times)) * 1e4) / 1e4;
  if (action !== undefined) return rate(s.trained.mentalCommand[action] ?? 0);
  const actions = Object.keys(s.trained.mentalCommand).filter((a) => a !== 'neutral');
  if (actions.length === 0) return 0;
  return (
    Math.round((actions.reduce((sum, a) => sum + rate(s.trained.mentalCommand[a]), 0) / actions.length) * 1e4) / 1e4
  );
}

/**
 * Records an accepted training: counts it, makes a trained mental-command action active while fewer than four are
 * (so a freshly trained profile drives `com` without a `mentalCommandActiveAction set`), and sets the last score.
 *
 * ## Example
 * ```ts
 * acceptTraining(state, 'mentalCommand', 'push'); // trained.mentalCommand.push: 1, activeActions: ['push']
 * ```
 */
export function acceptTraining(s: BciState, detection: keyof BciState['trained'], action: string): void {
  const counts = s.trained[detection];
  counts[action] = (counts[action] ?? 0) + 1;
  if (detection !== 'mentalCommand') return;
  if (action !== 'neutral' && !s.activeActions.includes(action) && s.activeActions.length < MAX_ACTIVE_ACTIONS) {
    s.activeActions.push(action);
  }
  s.lastTrainingScore = skillRating(s, action === 'neutral' ? undefined : action);
}

/**
 * Erases an action's training (`training erase`); an erased mental-command action is no longer active.
 *
 * ## Example
 * ```ts
 * eraseTraining(state, 'mentalCommand', 'push');
 * ```
 */
export function eraseTraining(s: BciState, detection: keyof BciState['trained'], action: string): void {
  delete s.trained[detection][action];
  if (detection === 'mentalCommand') s.activeActions = s.activeActions.filter((a) => a !== action);
}

/**
 * A facial-expression action's threshold (500 until set).
 *
 * ## Example
 * ```ts
 * feThreshold(state, 'smile'); // 500
 * ```
 */
export function feThreshold(s: BciState, action: string): number {
  return Object.prototype.hasOwnProperty.call(s.feThresholds, action) ? s.feThresholds[action] : DEFAULT_FE_THRESHOLD;
}
