/** EEG sensors of the EPOC family in headset order (§10). */
export const EPOC_SENSORS = [
  'AF3',
  'F7',
  'F3',
  'FC5',
  'T7',
  'P7',
  'O1',
  'O2',
  'P8',
  'T8',
  'FC6',
  'F4',
  'F8',
  'AF4',
] as const;
/** EEG sensors of the Insight in headset order (§10). */
export const INSIGHT_SENSORS = ['AF3', 'T7', 'Pz', 'T8', 'AF4'] as const;
/** Motion sensors of current headsets: quaternion, accelerometer, magnetometer (§3.2, newer layout). */
export const QUATERNION_MOTION_SENSORS = [
  'Q0',
  'Q1',
  'Q2',
  'Q3',
  'ACCX',
  'ACCY',
  'ACCZ',
  'MAGX',
  'MAGY',
  'MAGZ',
] as const;

/** A headset model the simulator can present. */
export interface HeadsetModel {
  /** Id prefix, e.g. `EPOCX` in `EPOCX-1A2B3C4D`. */
  readonly idPrefix: string;
  readonly sensors: readonly string[];
  readonly motionSensors: readonly string[];
  /** EEG sample rates the model supports; the first is the default. */
  readonly eegRatesHz: readonly number[];
  readonly memsRateHz: number;
  readonly eegResolutionBits: number;
  readonly mode: string;
  readonly connectedBy: string;
  readonly dongle: string;
  readonly firmware: string;
  readonly firmwareDisplay: string;
  /** EPOC X reports where the headband sits (§3.2); other models report null. */
  readonly headbandPosition: 'back' | 'top' | null;
}

/**
 * The models the simulator presents, keyed by the name used in `--headsets` (`EPOCX`, `INSIGHT`).
 *
 * ## Example
 * ```ts
 * import { HEADSET_MODELS } from 'cortex-rx/simulator';
 * HEADSET_MODELS.EPOCX.sensors.length; // 14
 * ```
 */
export const HEADSET_MODELS = {
  EPOCX: {
    idPrefix: 'EPOCX',
    sensors: EPOC_SENSORS,
    motionSensors: QUATERNION_MOTION_SENSORS,
    eegRatesHz: [256, 128],
    memsRateHz: 64,
    eegResolutionBits: 16,
    mode: 'EPOCPLUS',
    connectedBy: 'dongle',
    dongle: '6ff',
    firmware: '625',
    firmwareDisplay: '6.2.5',
    headbandPosition: 'back',
  },
  INSIGHT: {
    idPrefix: 'INSIGHT',
    sensors: INSIGHT_SENSORS,
    motionSensors: QUATERNION_MOTION_SENSORS,
    eegRatesHz: [128],
    memsRateHz: 32,
    eegResolutionBits: 14,
    mode: 'UNKNOWN',
    connectedBy: 'bluetooth',
    dongle: '0',
    firmware: 'a11',
    firmwareDisplay: '1.1',
    headbandPosition: null,
  },
} as const satisfies Record<string, HeadsetModel>;

/** A model name accepted by the simulator. */
export type HeadsetModelName = keyof typeof HEADSET_MODELS;
