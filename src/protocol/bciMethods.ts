import * as t from 'io-ts';
import { idList, params, token } from './methodCodecs';

const getSet = t.keyof({ get: null, set: null }, 'GetSet');
/** Exactly one of them is given (checked by the service, not the codec): a saved profile, or a session's loaded one. */
const target = { profile: t.string, session: t.string };

/** The detection a training or a profile attribute is about (§8.2). */
export const Detection = t.keyof({ mentalCommand: null, facialExpression: null }, 'Detection');
/** The detection a training or a profile attribute is about (§8.2). */
export type Detection = t.TypeOf<typeof Detection>;

/**
 * The methods of §8.3 (Advanced BCI: attributes of a training profile) and `loadGuestProfile` of §8.2, spread into
 * `METHODS`. Every §8.3 method takes exactly one of `profile` (a saved profile, read-only) or `session` (the profile
 * loaded on the session's headset, read/write; then `setupProfile save`); `profile: ""` with `session` counts as
 * absent (the Cortex 2.0.0 workaround).
 *
 * Choices where the reference says UNVERIFIED: `getTrainedSignatureActions` adds `totalTimesTraining`;
 * `facialExpressionSignatureType` answers `{ currentSig, availableSig }` for get and set; `mentalCommandBrainMap`
 * answers `[{ action, coordinates: [x, y] }]`; `mentalCommandGetSkillRating` answers a number in [0, 1];
 * `mentalCommandTrainingThreshold` answers `{ currentThreshold, lastTrainingScore }`; `loadGuestProfile` answers
 * `{ action: 'loadGuest', name: '', message }`.
 *
 * ## Example
 * ```ts
 * import { METHODS } from 'cortex-rx/protocol';
 * const decoded = METHODS.mentalCommandActiveAction.result.decode(['push', 'pull']);
 * ```
 */
export const BCI_METHODS = {
  loadGuestProfile: {
    params: params('LoadGuestProfileParams', { ...token, headset: t.string }, {}),
    result: t.intersection(
      [t.type({ message: t.string }), t.partial({ action: t.string, name: t.string })],
      'LoadGuestProfileResult',
    ),
  },
  getTrainedSignatureActions: {
    params: params('GetTrainedSignatureActionsParams', { ...token, detection: Detection }, target),
    result: t.intersection(
      [
        t.type({ trainedActions: t.array(t.type({ action: t.string, times: t.number })) }),
        t.partial({ totalTimesTraining: t.number }),
      ],
      'TrainedSignatureActions',
    ),
  },
  getTrainingTime: {
    params: params('GetTrainingTimeParams', { ...token, detection: Detection, session: t.string }, {}),
    result: t.type({ time: t.number }, 'TrainingTime'),
  },
  facialExpressionSignatureType: {
    params: params(
      'FacialExpressionSignatureTypeParams',
      { ...token, status: getSet },
      { ...target, signature: t.keyof({ universal: null, trained: null }) },
    ),
    result: t.intersection(
      [t.type({ currentSig: t.string }), t.partial({ availableSig: idList, message: t.string })],
      'FacialExpressionSignatureType',
    ),
  },
  facialExpressionThreshold: {
    params: params(
      'FacialExpressionThresholdParams',
      { ...token, status: getSet, action: t.string },
      { ...target, value: t.number },
    ),
    result: t.union([t.number, t.string], 'FacialExpressionThreshold'),
  },
  mentalCommandActiveAction: {
    params: params('MentalCommandActiveActionParams', { ...token, status: getSet }, { ...target, actions: idList }),
    result: t.union([idList, t.type({ actions: idList, message: t.string })], 'MentalCommandActiveAction'),
  },
  mentalCommandBrainMap: {
    params: params('MentalCommandBrainMapParams', token, target),
    result: t.array(t.type({ action: t.string, coordinates: t.tuple([t.number, t.number]) }), 'MentalCommandBrainMap'),
  },
  mentalCommandGetSkillRating: {
    params: params('MentalCommandGetSkillRatingParams', token, { ...target, action: t.string }),
    result: t.number,
  },
  mentalCommandTrainingThreshold: {
    params: params('MentalCommandTrainingThresholdParams', token, target),
    result: t.type({ currentThreshold: t.number, lastTrainingScore: t.number }, 'MentalCommandTrainingThreshold'),
  },
  mentalCommandActionSensitivity: {
    params: params(
      'MentalCommandActionSensitivityParams',
      { ...token, status: getSet },
      { ...target, values: t.array(t.number) },
    ),
    result: t.union([t.array(t.number), t.string], 'MentalCommandActionSensitivity'),
  },
} as const;
