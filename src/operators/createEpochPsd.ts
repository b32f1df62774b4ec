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
      const w = welch;
      if (data === viewsOf) {
        // Two channels per FFT (`WelchEstimator.pair`), and the last one alone when the count is odd.
        let c = 0;
        for (; c + 1 < channelCount; c += 2) w.pair(channelViews[c], channelViews[c + 1], channelPsds[c], channelPsds[c + 1]);
        if (c < channelCount) w(channelViews[c], channelPsds[c]);
      } else {
        let c = 0;
        for (; c + 1 < channelCount; c += 2) {
          copyChannel(data, c, lengthSamples, channel);
          copyChannel(data, c + 1, lengthSamples, channelB);
          w.pair(channel, channelB, channelPsds[c], channelPsds[c + 1]);
        }
        if (c < channelCount) {
          copyChannel(data, c, lengthSamples, channel);
          w(channel, channelPsds[c]);
        }
      }
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
