import type { EegCapture } from '../observables/collect';
import type { Sample } from '../operators/sample';

/**
 * The samples of a capture, in time order, as operator input (`from(captureSamples(c)).pipe(epoch(...))`). Each
 * sample's `values` is a fresh row.
 *
 * ## Example
 * ```ts
 * import { from } from 'rxjs';
 * from(captureSamples(capture)).pipe(epoch({ lengthSamples: 512, hopSamples: 128 }));
 * ```
 */
export function* captureSamples(capture: EegCapture): Generator<Sample> {
  const { data, lengthSamples: n, channels, timesS } = capture;
  const channelCount = channels.length;
  for (let i = 0; i < n; i++) {
    const values = new Float64Array(channelCount);
    for (let c = 0; c < channelCount; c++) values[c] = data[c * n + i];
    yield { values, timeS: timesS[i], channels };
  }
}
