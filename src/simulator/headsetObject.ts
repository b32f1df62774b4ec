import type { Headset, HeadsetStatus } from '../protocol';
import type { HeadsetModel } from './headsetModels';

/** What of a virtual headset's state its §3.2 object shows. */
export interface HeadsetObjectState {
  readonly id: string;
  readonly status: HeadsetStatus;
  readonly customName: string;
  readonly connectedBy: string;
  readonly headbandPosition: 'back' | 'top' | null;
  readonly eegRateHz: number;
  readonly memsRateHz: number;
}

/**
 * The headset object of §3.2 (queryHeadsets) for a virtual headset of `model` in `state`.
 *
 * @example
 * ```ts
 * import { headsetObject } from './headsetObject';
 * const json = headsetObject(HEADSET_MODELS.EPOCX, headset); // { connectedBy: 'dongle', ..., status: 'connected' }
 * ```
 */
export function headsetObject(model: HeadsetModel, state: HeadsetObjectState): Headset {
  return {
    connectedBy: state.connectedBy,
    customName: state.customName,
    dfuTypes: [],
    dongle: model.dongle,
    firmware: model.firmware,
    firmwareDisplay: model.firmwareDisplay,
    headbandPosition: state.headbandPosition,
    id: state.id,
    isDfuMode: false,
    isVirtual: true,
    motionSensors: [...model.motionSensors],
    sensors: [...model.sensors],
    settings: {
      eegRate: state.eegRateHz,
      eegRes: model.eegResolutionBits,
      memsRate: state.memsRateHz,
      memsRes: model.eegResolutionBits,
      mode: model.mode,
    },
    status: state.status,
  };
}
