import type { ResultOf } from '../../protocol';

/** getDetectionInfo's answer per detection (§8.3): actions, training controls, events and signature types. */
// prettier-ignore
export const DETECTION_INFO: Readonly<Record<'mentalCommand' | 'facialExpression', ResultOf<'getDetectionInfo'>>> = {
  mentalCommand: {
    actions: [
      'neutral', 'push', 'pull', 'lift', 'drop', 'left', 'right', 'rotateLeft', 'rotateRight', 'rotateClockwise',
      'rotateCounterClockwise', 'rotateForwards', 'rotateReverse', 'disappear',
    ],
    controls: ['start', 'accept', 'reject', 'erase', 'reset'],
    events: [
      'MC_Started', 'MC_Succeeded', 'MC_Failed', 'MC_Completed', 'MC_DataErased', 'MC_Rejected', 'MC_Reset',
      'MC_AutoSamplingNeutralCompleted', 'MC_SignatureUpdated',
    ],
    signature: [],
  },
  facialExpression: {
    actions: ['neutral', 'blink', 'winkL', 'winkR', 'horiEye', 'surprise', 'frown', 'smile', 'clench', 'laugh', 'smirkLeft', 'smirkRight'],
    controls: ['start', 'accept', 'reject', 'erase', 'reset'],
    events: ['FE_Started', 'FE_Succeeded', 'FE_Failed', 'FE_Completed', 'FE_DataErased', 'FE_Rejected', 'FE_Reset'],
    signature: ['universal', 'trained'],
  },
};
