import { streamColumns, type StreamName } from '../../protocol';
import type { StreamLayout } from '../store/storeTypes';
import type { VirtualHeadset } from '../virtualHeadset';

/**
 * The streams a record keeps for a headset, with their stored numeric columns (the `MARKERS` column is not stored:
 * markers live with the record), and mot only when the headset has motion sensors on.
 *
 * ## Example
 * ```ts
 * const layouts = recordedLayouts(headset); // eeg, pow, met, dev, eq (+ mot)
 * ```
 */
export function recordedLayouts(h: VirtualHeadset): StreamLayout[] {
  const sensors = h.model.sensors;
  const flat = (stream: StreamName) =>
    streamColumns(stream, sensors, h.model.motionSensors)
      .flatMap((c) => (typeof c === 'string' ? [c] : c))
      .filter((c) => c !== 'MARKERS');
  const layouts: StreamLayout[] = [
    { stream: 'eeg', columns: flat('eeg'), sampleRateHz: h.eegRateHz },
    { stream: 'pow', columns: flat('pow'), sampleRateHz: 8 },
    { stream: 'met', columns: flat('met'), sampleRateHz: 2 },
    { stream: 'dev', columns: flat('dev'), sampleRateHz: 2 },
    { stream: 'eq', columns: flat('eq'), sampleRateHz: 2 },
  ];
  if (h.memsRateHz > 0) layouts.push({ stream: 'mot', columns: flat('mot'), sampleRateHz: h.memsRateHz });
  return layouts;
}
