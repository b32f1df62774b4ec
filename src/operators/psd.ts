import { Observable, type OperatorFunction } from 'rxjs';
import type { WelchConfig } from '../dsp/createWelch';
import { assertCopyFlag } from './assertCopyFlag';
import { createEpochPsd, type EpochPsd } from './createEpochPsd';
import type { Epoch } from './epochTypes';
import { forwardThrough } from './forwardThrough';

/** Parameters of `psd`: those of `createWelch` (the names follow `scipy.signal.welch`), plus buffer ownership. */
export interface PsdConfig extends WelchConfig {
  /**
   * Buffer ownership. `true` (default): every emission owns a fresh `psd` array, safe to keep. `false`: every
   * emission shares one preallocated `psd` array, overwritten by the next emission (zero allocation; read it
   * synchronously).
   */
  readonly copy?: boolean;
}

/** The power spectral density of every channel of one epoch, as `psd` emits it. */
export interface PsdEpoch {
  /** `startTimeS` of the epoch, seconds. */
  readonly startTimeS: number;
  /** `startSampleIndex` of the epoch. */
  readonly startSampleIndex: number;
  /** Channel names in `psd` order, when the epoch had them. */
  readonly channels?: readonly string[];
  /** Channels in `psd`. */
  readonly channelCount: number;
  /** Bins per channel, `segmentLength / 2 + 1` (DC to Nyquist inclusive). */
  readonly binCount: number;
  /** Bin frequencies in Hz, `k · sampleRateHz / segmentLength`. Shared by every emission: do not mutate. */
  readonly frequenciesHz: Float64Array;
  /** One-sided Welch PSD in µV²/Hz (µV input), channel-major: bin `k` of channel `c` at `[c · binCount + k]`. */
  readonly psd: Float64Array;
}

/**
 * The Welch power spectral density of every channel of each epoch, in µV²/Hz.
 *
 * Like `map((e) => welchPsd(channel, config))` per channel, but with one `createWelch` estimator (window, FFT
 * plan, scratch) preallocated per subscription for the epoch length, which the first epoch fixes. Equal to
 * `scipy.signal.welch` per channel within 1e-9 relative (see `createWelch`).
 *
 * - **Ownership**: with `copy: true` (default) every `psd` array is new; with `copy: false` one array is reused
 *   and overwritten on the next emission. `frequenciesHz` is always shared.
 * - **Errors**: an epoch shorter than `segmentLength`, or whose length or channel count differs from the first
 *   epoch's, errors the stream with a `RangeError` naming both values.
 * - **NaN policy**: propagates per channel. A NaN sample of a channel inside a Welch segment makes every bin of
 *   that channel NaN for that epoch; the other channels, and later epochs without the NaN, are unaffected.
 *
 * ## Example
 * ```ts
 * import { epoch, psd } from 'cortex-rx/operators';
 *
 * session.stream('eeg').pipe(
 *   epoch({ lengthSamples: 512, hopSamples: 128 }),
 *   psd({ sampleRateHz: 256, segmentLength: 256 }),
 * ).subscribe(({ frequenciesHz, psd, binCount }) => console.log(frequenciesHz[10], psd[0 * binCount + 10]));
 * ```
 *
 * @param config `sampleRateHz`, `segmentLength` (a power of two), `[config.overlapLength=segmentLength/2]`,
 *   `[config.window='hann']`, `[config.detrend='constant']`, `[config.average='mean']`, `[config.copy=true]`.
 * @returns an operator from epochs to per-channel spectra.
 * @throws RangeError synchronously on bad config: `segmentLength must be a power of two, got 300`.
 * @see epoch, bandPower, createWelch
 */
export function psd(config: PsdConfig): OperatorFunction<Epoch, PsdEpoch> {
  const { copy = true, ...welchConfig } = config;
  assertCopyFlag(copy);
  const createEstimator = createEpochPsd(welchConfig);

  return (source) =>
    new Observable<PsdEpoch>((subscriber) => {
      let estimate: EpochPsd | null = createEstimator();

      /** The spectra of one epoch. Throws on an epoch that does not fit the first one. */
      const take = (e: Epoch, estimator: EpochPsd): PsdEpoch => {
        const spectra = estimator(e);
        const { startTimeS, startSampleIndex, channels, channelCount } = e;
        const { binCount, frequenciesHz } = estimator;
        const psdOut = copy ? spectra.slice() : spectra;
        // One object literal per shape (rather than adding `channels` afterwards, which allocates a property store).
        return channels === undefined
          ? { startTimeS, startSampleIndex, channelCount, binCount, frequenciesHz, psd: psdOut }
          : { startTimeS, startSampleIndex, channels, channelCount, binCount, frequenciesHz, psd: psdOut };
      };

      const sub = forwardThrough(source, subscriber, (e: Epoch) => (estimate === null ? undefined : take(e, estimate)));
      return () => {
        sub.unsubscribe();
        estimate = null;
      };
    });
}
