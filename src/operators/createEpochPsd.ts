import { createWelch, type WelchConfig, type WelchEstimator, type WelchEstimatorConfig } from '../dsp/createWelch';
import type { Epoch } from './epochTypes';

/** Per-subscription Welch PSD of every channel of an epoch (see `createEpochPsd`). @internal */
export interface EpochPsd {
  /**
   * The PSD of each channel of `epoch`, channel-major (`[c · binCount + k]`, µV²/Hz), in a buffer owned by this
   * estimator and overwritten by the next call. The first call fixes the epoch length and channel count.
   *
   * @throws RangeError when an epoch is shorter than one segment, or its length or channel count differs from
   *   the first epoch's.
   */
  (epoch: Epoch): Float64Array;
  /** Bins per channel, `segmentLength / 2 + 1`. */
  readonly binCount: number;
  /** Bin frequencies in Hz (shared; do not mutate). */
  readonly frequenciesHz: Float64Array;
}

/**
 * Validates `config` eagerly (the same checks and messages as `createWelch`) and returns a factory of
 * per-subscription estimators; each estimator builds its `createWelch` (and all scratch) on its first epoch,
 * whose length it then requires of every later epoch.
 *
 * @internal
 */
export function createEpochPsd(
  config: WelchConfig & Pick<WelchEstimatorConfig, 'computeBins'>,
): (() => EpochPsd) & { readonly binCount: number; readonly frequenciesHz: Float64Array } {
  // A dry run validates every parameter now, and gives the frequency axis (independent of the input length).
  const probe = createWelch({ ...config, inputLength: config.segmentLength });
  const { binCount, frequenciesHz } = probe;
  const { segmentLength } = config;

  const factory = (): EpochPsd => {
    let welch: WelchEstimator | null = null;
    let channelCount = 0;
    let lengthSamples = 0;
    let channel = new Float64Array(0);
    let channelB = new Float64Array(0);
    let psd = new Float64Array(0);
    let channelPsds: Float64Array[] = [];
    // An upstream `epoch({ copy: false })` sends the same buffer every time: then read the channels through views
    // made once, instead of copying each channel out. A buffer seen for the first time is copied (no allocation).
    let lastData: Float64Array | null = null;
    let viewsOf: Float64Array | null = null;
    let channelViews: Float64Array[] = [];

    const estimate = (epoch: Epoch): Float64Array => {
      if (welch === null) {
        if (!(epoch.lengthSamples >= segmentLength)) {
          throw new RangeError(
            `epoch lengthSamples must be at least segmentLength (${segmentLength}), got ${epoch.lengthSamples}`,
          );
        }
        lengthSamples = epoch.lengthSamples;
        channelCount = epoch.channelCount;
        welch = createWelch({ ...config, inputLength: lengthSamples });
        channel = new Float64Array(lengthSamples);
        channelB = new Float64Array(lengthSamples);
        psd = new Float64Array(channelCount * binCount);
        const p = psd;
        channelPsds = Array.from({ length: channelCount }, (_, c) => p.subarray(c * binCount, (c + 1) * binCount));
      } else if (epoch.lengthSamples !== lengthSamples) {
        throw new RangeError(
          `epoch lengthSamples must stay ${lengthSamples} (the first epoch's), got ${epoch.lengthSamples}`,
        );
      } else if (epoch.channelCount !== channelCount) {
        throw new RangeError(
          `epoch channelCount must stay ${channelCount} (the first epoch's), got ${epoch.channelCount}`,
        );
      }
      const { data } = epoch;
      if (data.length !== channelCount * lengthSamples) {
        throw new RangeError(
          `epoch data must have channelCount · lengthSamples (${channelCount * lengthSamples}) values, ` +
            `got ${data.length}`,
        );
      }
      if (data === lastData && data !== viewsOf) {
        channelViews = Array.from({ length: channelCount }, (_, c) =>
          data.subarray(c * lengthSamples, (c + 1) * lengthSamples),
        );
        viewsOf = data;
      }
      lastData = data;
      if (data === viewsOf) estimateChannels(welch, channelViews, channelPsds);
      else copyAndEstimateChannels(welch, data, lengthSamples, channel, channelB, channelPsds);
      return psd;
    };
    return Object.assign(estimate, { binCount, frequenciesHz });
  };
  return Object.assign(factory, { binCount, frequenciesHz });
}

/** Copies channel `c` of a channel-major epoch into `out`. */
function copyChannel(data: Float64Array, c: number, lengthSamples: number, out: Float64Array): void {
  const offset = c * lengthSamples;
  for (let n = 0; n < lengthSamples; n++) out[n] = data[offset + n];
}

/**
 * Every channel's PSD through views of the epoch: two channels per FFT (`WelchEstimator.pair`), the last one alone
 * when the count is odd.
 */
function estimateChannels(w: WelchEstimator, views: readonly Float64Array[], psds: readonly Float64Array[]): void {
  const channelCount = views.length;
  let c = 0;
  for (; c + 1 < channelCount; c += 2) w.pair(views[c], views[c + 1], psds[c], psds[c + 1]);
  if (c < channelCount) w(views[c], psds[c]);
}

/** `estimateChannels`, copying each channel of `data` out first (into `a`, and `b` for the pair's second). */
function copyAndEstimateChannels(
  w: WelchEstimator,
  data: Float64Array,
  lengthSamples: number,
  a: Float64Array,
  b: Float64Array,
  psds: readonly Float64Array[],
): void {
  const channelCount = psds.length;
  let c = 0;
  for (; c + 1 < channelCount; c += 2) {
    copyChannel(data, c, lengthSamples, a);
    copyChannel(data, c + 1, lengthSamples, b);
    w.pair(a, b, psds[c], psds[c + 1]);
  }
  if (c < channelCount) {
    copyChannel(data, c, lengthSamples, a);
    w(a, psds[c]);
  }
}
