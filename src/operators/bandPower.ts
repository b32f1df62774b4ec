import { Observable, type OperatorFunction } from 'rxjs';
import { bandBinRanges, type BandBinRanges } from '../dsp/bandBinRanges';
import { CORTEX_BANDS, type CortexBandName } from '../dsp/cortexBands';
import type { FrequencyBands } from '../dsp/FrequencyBands';
import { windowMainLobeBins } from '../dsp/windowMainLobeBins';
import { assertCopyFlag } from './assertCopyFlag';
import { createEpochPsd, type EpochPsd } from './createEpochPsd';
import type { Epoch } from './epochTypes';
import type { PsdConfig } from './psd';
import { forwardThrough } from './forwardThrough';

/** Parameters of `bandPower`: the Welch parameters of `psd`, the band table, and what to emit. */
export interface BandPowerConfig<K extends string = CortexBandName> extends PsdConfig {
  /** Band name → half-open `[loHz, hiHz)` range, `0 <= loHz < hiHz`. Defaults to `CORTEX_BANDS` (theta … gamma). */
  readonly bands?: FrequencyBands<K>;
  /** Also emit `relative` and `totalUv2` (each band's share of the power in `[min loHz, max hiHz)`). Default false. */
  readonly relative?: boolean;
  /**
   * Buffer ownership. `true` (default): every emission owns fresh `absoluteUv2` (and `relative`, `totalUv2`)
   * arrays, safe to keep. `false`: every emission shares the same preallocated arrays, overwritten by the next
   * emission (zero allocation besides the small result object; read them synchronously).
   */
  readonly copy?: boolean;
}

/** Per-channel band powers of one epoch, as `bandPower` emits them. */
export interface BandPowerEpoch<K extends string = string> {
  /** `startTimeS` of the epoch, seconds. */
  readonly startTimeS: number;
  /** `startSampleIndex` of the epoch. */
  readonly startSampleIndex: number;
  /** Channel names in channel order, when the epoch had them. */
  readonly channels?: readonly string[];
  /** Channels in the arrays. */
  readonly channelCount: number;
  /** Band names in band order (the key order of the band table). Shared by every emission. */
  readonly bandNames: readonly K[];
  /** Band power in µV² (µV input), channel-major: band `b` of channel `c` at `[c · bandNames.length + b]`. */
  readonly absoluteUv2: Float64Array;
  /** With `relative: true`: `absoluteUv2` over the channel's `totalUv2`, same layout; NaN where the total is 0. */
  readonly relative?: Float64Array;
  /** With `relative: true`: per channel, the µV² of every bin in `[min loHz, max hiHz)`, each counted once. */
  readonly totalUv2?: Float64Array;
}

/**
 * Per-channel EEG band powers (µV²) of each epoch: a Welch PSD per channel, integrated over each band.
 *
 * Like `psd` followed by `bandPowers` from `cortex-rx/dsp` on every channel, with the same numbers
 * (`bandPowers(welchPsd(channel, config).psd, frequenciesHz, bands)`), but with the Welch estimator, the
 * band-to-bin table and the output arrays preallocated per subscription (the first epoch fixes the length and
 * channel count). Bands are half-open and integrated by the rectangle rule, as `bandPowers` documents: a bin at
 * `f` belongs to `[loHz, hiHz)` iff `loHz <= f < hiHz`, and contributes `psd[k] · Δf`.
 *
 * - **Speed**: with the default constant detrend and every band above the window's main lobe around DC (bins 0–1
 *   for Hann and Hamming, 0–2 for Blackman, 0 for rectangular), the detrend is skipped: removing the mean only
 *   changes those bins, so the band powers are the same (to rounding) for ~10% less work. Only the bins the
 *   bands read are estimated (`computeBins` of `createWelch`), and channels are transformed two per FFT
 *   (`WelchEstimator.pair`).
 * - **Ownership**: `copy: true` (default) emits fresh arrays; `copy: false` reuses one set of arrays,
 *   overwritten by the next emission. `bandNames` is always shared.
 * - **Errors**: an epoch shorter than `segmentLength`, or whose length or channel count differs from the first
 *   epoch's, errors the stream with a `RangeError` naming both values.
 * - **NaN policy**: propagates per channel. A NaN sample of a channel inside a Welch segment makes that channel's
 *   PSD NaN, so all its band powers (and, with `relative`, its total and relative powers) are NaN for that epoch;
 *   the other channels and later epochs are unaffected.
 *
 * ## Example
 * ```ts
 * import { epoch, bandPower } from 'cortex-rx/operators';
 *
 * session.stream('eeg').pipe(
 *   epoch({ lengthSamples: 512, hopSamples: 128 }),
 *   bandPower({ sampleRateHz: 256, segmentLength: 256, relative: true }),
 * ).subscribe(({ channels, bandNames, absoluteUv2 }) => {
 *   const o1 = channels!.indexOf('O1');
 *   console.log('O1 alpha µV²', absoluteUv2[o1 * bandNames.length + bandNames.indexOf('alpha')]);
 * });
 * ```
 *
 * @param config `sampleRateHz`, `segmentLength` (a power of two, at least 2), `[config.bands=CORTEX_BANDS]`,
 *   `[config.relative=false]`, `[config.copy=true]`, and the Welch options of `psd`:
 *   `[config.overlapLength=segmentLength/2]`, `[config.window='hann']`, `[config.detrend='constant']`,
 *   `[config.average='mean']`.
 * @returns an operator from epochs to per-channel band powers.
 * @throws RangeError synchronously on bad config: `segmentLength must be a power of two, got 300`,
 *   `band alpha must satisfy 0 <= loHz < hiHz (finite), got [12, 8)`.
 * @see epoch, psd, bandPowers, CORTEX_BANDS
 */
export function bandPower<K extends string = CortexBandName>(
  config: BandPowerConfig<K>,
): OperatorFunction<Epoch, BandPowerEpoch<K>> {
  const { bands: bandsConfig, relative = false, copy = true, ...welchConfig } = config;
  assertCopyFlag(copy);
  if (typeof relative !== 'boolean') throw new RangeError(`relative must be a boolean, got ${String(relative)}`);
  const probe = createEpochPsd(welchConfig); // validates the Welch parameters
  if (config.segmentLength < 2) {
    throw new RangeError(`segmentLength must be at least 2 for band powers, got ${config.segmentLength}`);
  }
  const table = bandBinRanges((bandsConfig ?? CORTEX_BANDS) as FrequencyBands<K>, probe.frequenciesHz);
  // Removing a segment's mean subtracts (mean · window), whose spectrum is non-zero only on the bins within the
  // window's main lobe of DC. When every band starts above them, the constant detrend cannot change any band power
  // (up to rounding), so it is skipped: ~10% of the chain's time. (The probe has validated the window kind.)
  const window = welchConfig.window ?? 'hann';
  const detrend = welchConfig.detrend ?? 'constant';
  const skipDetrend =
    detrend === 'constant' && typeof window === 'string' && table.totalLoBin > windowMainLobeBins(window);
  const { bandNames, totalLoBin, totalHiBin } = table;
  // Only the bins the bands read are estimated (the 5 Cortex bands at 256 Hz / 256 points read 41 of 129).
  const createEstimator = createEpochPsd({
    ...welchConfig,
    ...(skipDetrend ? { detrend: 'none' as const } : {}),
    computeBins: [totalLoBin, totalHiBin],
  });
  const bandCount = bandNames.length;

  return (source) =>
    new Observable<BandPowerEpoch<K>>((subscriber) => {
      let estimate: EpochPsd | null = createEstimator();
      let buffers: BandBuffers | null = null;

      /** The band powers of one epoch. Throws on an epoch that does not fit the first one. */
      const take = (e: Epoch, estimator: EpochPsd): BandPowerEpoch<K> => {
        const spectra = estimator(e);
        // First epoch (the estimator has now fixed the channel count): allocate once.
        buffers ??= newBandBuffers(e.channelCount, bandCount, relative);
        integrateChannels(spectra, estimator.binCount, table, buffers);
        return emission(e, bandNames, buffers, copy);
      };

      const sub = forwardThrough(source, subscriber, (e: Epoch) => (estimate === null ? undefined : take(e, estimate)));
      return () => {
        sub.unsubscribe();
        estimate = null;
        buffers = null;
      };
    });
}

/** One subscription's output arrays, channel-major (`[c · bandCount + b]`), sized by the first epoch. */
interface BandBuffers {
  readonly absolute: Float64Array;
  /** With `relative: true`: each band's share of its channel's total; otherwise null. */
  readonly fractions: Float64Array | null;
  /** With `relative: true`: per channel, the power over the bands' union; otherwise null. */
  readonly totals: Float64Array | null;
}

function newBandBuffers(channelCount: number, bandCount: number, relative: boolean): BandBuffers {
  return {
    absolute: new Float64Array(channelCount * bandCount),
    fractions: relative ? new Float64Array(channelCount * bandCount) : null,
    totals: relative ? new Float64Array(channelCount) : null,
  };
}

/**
 * Per channel `c` of channel-major `spectra` (`binCount` bins each): each band's rectangle-rule power
 * `Δf · Σ psd[k]` over its bin range into `absolute[c · bandCount + b]`, and with `fractions`, the total over the
 * bands' union into `totals[c]` and each band's share into `fractions` (NaN where the total is 0).
 */
function integrateChannels(spectra: Float64Array, binCount: number, table: BandBinRanges, out: BandBuffers): void {
  const { loBins, hiBins, totalLoBin, totalHiBin, binWidthHz } = table;
  const { absolute, fractions, totals } = out;
  const bandCount = loBins.length;
  const channelCount = absolute.length / bandCount;
  for (let c = 0; c < channelCount; c++) {
    const offset = c * binCount;
    for (let b = 0; b < bandCount; b++) {
      let sum = 0;
      for (let k = loBins[b]; k < hiBins[b]; k++) sum += spectra[offset + k];
      absolute[c * bandCount + b] = sum * binWidthHz;
    }
    if (fractions !== null && totals !== null) {
      let total = 0;
      for (let k = totalLoBin; k < totalHiBin; k++) total += spectra[offset + k];
      const totalUv2 = total * binWidthHz;
      totals[c] = totalUv2;
      for (let b = 0; b < bandCount; b++) {
        fractions[c * bandCount + b] = totalUv2 === 0 ? NaN : absolute[c * bandCount + b] / totalUv2;
      }
    }
  }
}

/** The emission of one epoch: the arrays themselves (`copy: false`) or copies, in one literal per shape. */
function emission<K extends string>(
  e: Epoch,
  bandNames: readonly K[],
  { absolute, fractions, totals }: BandBuffers,
  copy: boolean,
): BandPowerEpoch<K> {
  const { channelCount, startTimeS, startSampleIndex, channels } = e;
  const absoluteUv2 = copy ? absolute.slice() : absolute;
  // One object literal per shape (rather than adding fields afterwards, which allocates a property store).
  if (fractions === null || totals === null) {
    return channels === undefined
      ? { startTimeS, startSampleIndex, channelCount, bandNames, absoluteUv2 }
      : { startTimeS, startSampleIndex, channels, channelCount, bandNames, absoluteUv2 };
  }
  const relative = copy ? fractions.slice() : fractions;
  const totalUv2 = copy ? totals.slice() : totals;
  return channels === undefined
    ? { startTimeS, startSampleIndex, channelCount, bandNames, absoluteUv2, relative, totalUv2 }
    : { startTimeS, startSampleIndex, channels, channelCount, bandNames, absoluteUv2, relative, totalUv2 };
}
