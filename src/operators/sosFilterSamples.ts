import { Observable, type OperatorFunction } from 'rxjs';
import { SosFilter } from '../dsp/SosFilter';
import type { Float64Sample } from './float64Sample';
import { isGap, type GapEvent, type SampleEvent } from './sample';
import { withValues } from './withValues';
import { forwardThrough } from './forwardThrough';

/**
 * The shared body of `removeDc`, `notch` and `bandpass`: one `SosFilter` per channel per subscription, built
 * from `sos` on the first sample (which fixes the channel count).
 *
 * - A gap event resets every channel's state and is passed through.
 * - A non-finite input value (NaN, ±Infinity) gives NaN for that channel and sample and resets that channel's
 *   state, so the channel recovers on the next finite value (with a fresh start-up transient).
 * - `copy: true`: a new `values` array per sample; `false`: one array, overwritten by the next sample.
 *
 * @internal
 */
export function sosFilterSamples(
  sos: Float64Array,
  copy: boolean,
): OperatorFunction<SampleEvent, Float64Sample | GapEvent> {
  return (source) =>
    new Observable<Float64Sample | GapEvent>((subscriber) => {
      // Per-subscription filter state: two subscribers never share a delay line.
      let filters: SosFilter[] | null = null;
      let shared = new Float64Array(0);
      let channelCount = 0;
      let sampleIndex = 0;

      /** The filtered sample, or the gap (after a reset). Throws on a sample with another channel count. */
      const take = (event: SampleEvent): Float64Sample | GapEvent => {
        if (isGap(event)) {
          if (filters !== null) for (const filter of filters) filter.reset();
          return event;
        }
        const values = event.values;
        if (filters === null) {
          if (!(values.length >= 1)) {
            throw new RangeError(`sample ${sampleIndex} has ${values.length} values, expected at least 1`);
          }
          channelCount = values.length;
          filters = Array.from({ length: channelCount }, () => new SosFilter(sos));
          shared = new Float64Array(channelCount);
        } else if (values.length !== channelCount) {
          throw new RangeError(
            `sample ${sampleIndex} has ${values.length} values, expected ${channelCount} ` +
              '(the channel count of the first sample)',
          );
        }
        const out = copy ? new Float64Array(channelCount) : shared;
        for (let c = 0; c < channelCount; c++) {
          const x = values[c];
          if (Number.isFinite(x)) {
            out[c] = filters[c].processSample(x);
          } else {
            // SosFilter would carry the NaN in its state forever; restart this channel instead.
            filters[c].reset();
            out[c] = NaN;
          }
        }
        sampleIndex++;
        return withValues(event, out);
      };

      const sub = forwardThrough(source, subscriber, take);
      return () => {
        sub.unsubscribe();
        filters = null;
      };
    });
}
