import { Observable, type OperatorFunction } from 'rxjs';
import { RingBuffer } from '../dsp/RingBuffer';
import { assertCopyFlag } from './assertCopyFlag';
import { assertPositiveInteger } from './assertPositiveInteger';
import type { Epoch } from './epochTypes';
import { isGap, type SampleEvent } from './sample';
import { forwardThrough } from './forwardThrough';

/** Parameters of `epoch`. */
export interface EpochConfig {
  /** Samples per window (per channel), a positive integer: 512 is 2 s at 256 Hz. */
  readonly lengthSamples: number;
  /** Samples between the starts of consecutive windows, a positive integer (< lengthSamples overlaps, > skips). */
  readonly hopSamples: number;
  /**
   * Buffer ownership. `true` (default): every emission owns a fresh `data` array, safe to keep. `false`: every
   * emission shares one preallocated `data` array that the next emission overwrites (zero allocation; read it
   * synchronously, before the next sample arrives).
   */
  readonly copy?: boolean;
}

/**
 * Sliding multi-channel windows of `lengthSamples` samples, one every `hopSamples` samples.
 *
 * Like `bufferCount(lengthSamples, hopSamples)`, but over the channels of each sample, into one channel-major
 * `Float64Array` through a `RingBuffer` (cortex-rx/dsp), and it never emits a partial window: the first window comes once
 * `lengthSamples` samples have arrived, then one every `hopSamples` samples.
 *
 * - **State** (the ring buffer, sized by the first sample's channel count) is allocated once per subscription,
 *   never per sample, so two subscribers never share it.
 * - **Ownership**: with `copy: true` (default) every `Epoch.data` is a new array the subscriber may keep; with
 *   `copy: false` every emission reuses one array, overwritten on the next emission (zero steady-state
 *   allocation besides the small `Epoch` object), valid only until then.
 * - **Gaps**: a gap event empties the buffer and is not emitted, so no window spans a gap; windows start again
 *   `lengthSamples` samples after it. `startSampleIndex` keeps counting across gaps.
 * - **Channels**: the first sample fixes the channel count (and `channels`); a sample with another number of
 *   values errors with `RangeError('sample 12 has 3 values, expected 14 (the channel count of the first sample)')`.
 * - **NaN policy**: values are copied into the window as they are; a NaN sample stays NaN (downstream spectra
 *   of that channel become NaN, see `bandPower`). Nothing is interpolated or dropped.
 *
 * ## Example
 * ```ts
 * import { epoch, bandPower } from 'cortex-rx/operators';
 *
 * // 2 s windows every 0.5 s of 256 Hz eeg, then per-channel band powers
 * session.stream('eeg').pipe(
 *   epoch({ lengthSamples: 512, hopSamples: 128 }),
 *   bandPower({ sampleRateHz: 256, segmentLength: 256 }),
 * );
 * ```
 *
 * @param config `lengthSamples`, `hopSamples`, and `[config.copy=true]`.
 * @returns an operator from samples (and gap events) to epochs.
 * @throws RangeError synchronously on bad config: `lengthSamples must be a positive integer, got 0`.
 * @see bandPower, psd
 */
export function epoch(config: EpochConfig): OperatorFunction<SampleEvent, Epoch> {
  const { lengthSamples, hopSamples, copy = true } = config;
  assertPositiveInteger('lengthSamples', lengthSamples);
  assertPositiveInteger('hopSamples', hopSamples);
  assertCopyFlag(copy);

  return (source) =>
    new Observable<Epoch>((subscriber) => {
      // Per-subscription state, allocated on the first sample (its channel count sizes the buffers): the samples in
      // a `RingBuffer` of one window (its `snapshot()` is the window), their times in `timesS` (`head` is the slot
      // of the next sample, which is also the oldest one once the ring is full).
      let ring: RingBuffer | null = null;
      const timesS = new Float64Array(lengthSamples);
      let head = 0;
      let channelCount = 0;
      let channels: readonly string[] | undefined;
      /** Samples received by this subscription (gaps not counted). */
      let sampleIndex = 0;

      /** Takes one event into the ring; returns the window it completes, if any. Throws on a bad sample. */
      const take = (event: SampleEvent): Epoch | undefined => {
        if (isGap(event)) {
          ring?.clear();
          head = 0;
          return undefined;
        }
        const values = event.values;
        if (ring === null) {
          if (!(values.length >= 1)) {
            throw new RangeError(`sample ${sampleIndex} has ${values.length} values, expected at least 1`);
          }
          channelCount = values.length;
          channels = event.channels;
          ring = new RingBuffer(lengthSamples, channelCount);
        } else if (values.length !== channelCount) {
          throw new RangeError(
            `sample ${sampleIndex} has ${values.length} values, expected ${channelCount} ` +
              '(the channel count of the first sample)',
          );
        }
        ring.push(values);
        timesS[head] = event.timeS;
        head = head + 1 === lengthSamples ? 0 : head + 1;
        sampleIndex++;
        /** Samples since the start or the last gap. */
        const sinceReset = ring.totalPushed;
        if (sinceReset < lengthSamples || (sinceReset - lengthSamples) % hopSamples !== 0) return undefined;

        const window = ring.snapshot();
        const data = copy ? window.slice() : window;
        const startTimeS = timesS[head];
        const startSampleIndex = sampleIndex - lengthSamples;
        // Two literal shapes rather than adding `channels` afterwards (which would allocate a property store).
        return channels === undefined
          ? { data, channelCount, lengthSamples, startTimeS, startSampleIndex }
          : { data, channelCount, lengthSamples, startTimeS, startSampleIndex, channels };
      };

      const sub = forwardThrough(source, subscriber, take);
      return () => {
        sub.unsubscribe();
        ring = null;
      };
    });
}
