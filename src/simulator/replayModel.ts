import { basename, extname } from 'path';
import { EdfSource } from '../files/edf/edfSource';
import { HEADSET_MODELS, QUATERNION_MOTION_SENSORS, type HeadsetModel } from './headsetModels';

/** The id prefix of a generic replay model: the file's name in capitals and digits, at most 16 characters. */
function prefixOf(path: string): string {
  const stem = basename(path, extname(path))
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '');
  return (stem === '' ? 'REPLAY' : stem).slice(0, 16);
}

/**
 * The headset model a recording is replayed as: EPOC X or Insight (their sensor order) when the file's EEG channels
 * are exactly that model's sensors, else a generic model named from the file (`run-01.edf` → `RUN01`) whose sensors
 * are the file's channels in file order. The only EEG rate is the file's.
 *
 * ## Example
 * ```ts
 * const { model, eegRateHz } = replayModel('/data/run-01.edf'); // e.g. EPOC X at 128 Hz, or RUN01 at 256 Hz
 * ```
 * @throws FileFormatError (cortex-rx/files) when the file is not a readable EDF/BDF
 */
export function replayModel(path: string): { model: HeadsetModel; eegRateHz: number } {
  const source = EdfSource.open(path);
  source.close();
  const channels = [...source.channels].sort();
  const rate = source.sampleRateHz;
  for (const known of [HEADSET_MODELS.EPOCX, HEADSET_MODELS.INSIGHT]) {
    const sensors = [...known.sensors].sort();
    if (sensors.length === channels.length && sensors.every((s, i) => s === channels[i])) {
      return { model: { ...known, eegRatesHz: [rate] }, eegRateHz: rate };
    }
  }
  const model: HeadsetModel = {
    idPrefix: prefixOf(path),
    sensors: source.channels,
    motionSensors: QUATERNION_MOTION_SENSORS,
    eegRatesHz: [rate],
    memsRateHz: 64,
    eegResolutionBits: 16,
    mode: 'REPLAY',
    connectedBy: 'dongle',
    dongle: '0',
    firmware: '0',
    firmwareDisplay: `replay of ${basename(path)}`,
    headbandPosition: null,
  };
  return { model, eegRateHz: rate };
}
