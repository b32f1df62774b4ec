import { bandPowers, type BandPowers } from '../dsp/bandPowers';
import { CORTEX_BANDS } from '../dsp/cortexBands';
import { createWelch, type WelchEstimator } from '../dsp/createWelch';
import { POW_BANDS } from '../protocol';

/** Cortex computes each pow sample over the previous 2 s of EEG (§5.3). */
const POW_WINDOW_S = 2;

/**
 * The simulator's `pow` stream: for each sensor, the power of the 5 Cortex bands over the last 2 s of EEG,
 * as Welch PSD (1 s Hann segments, half overlap) averaged over each band, in µV²/Hz (the unit Cortex documents
 * for pow). Keeps its own 2 s history per channel; nothing is allocated per sample.
 *
 * ## Example
 * ```ts
 * const pow = new PowEstimator(14, 128);
 * pow.push(eegSample); // one value per sensor, µV
 * const row = pow.estimate(); // 14 × 5 band powers once 2 s are in, else undefined
 * ```
 */
export class PowEstimator {
  private readonly history: Float64Array[];
  private readonly welch: WelchEstimator;
  private readonly window: Float64Array;
  private readonly psd: Float64Array;
  private readonly out: Float64Array;
  private readonly powers: BandPowers<keyof typeof CORTEX_BANDS>;
  /** EEG samples each estimate covers: 2 s of EEG. */
  readonly lengthSamples: number;
  private writeIndex = 0;
  private filled = 0;

  constructor(
    private readonly channelCount: number,
    sampleRateHz: number,
  ) {
    this.lengthSamples = POW_WINDOW_S * sampleRateHz;
    this.history = Array.from({ length: channelCount }, () => new Float64Array(this.lengthSamples));
    // The EEG rates (128, 256 Hz) are powers of two, so 1 s segments are valid FFT sizes.
    this.welch = createWelch({ sampleRateHz, segmentLength: sampleRateHz, inputLength: this.lengthSamples });
    this.window = new Float64Array(this.lengthSamples);
    this.psd = new Float64Array(this.welch.binCount);
    this.out = new Float64Array(channelCount * POW_BANDS.length);
    this.powers = bandPowers(this.psd.fill(0), this.welch.frequenciesHz, CORTEX_BANDS);
  }

  /** Forgets the history (after a gap in the data). */
  reset(): void {
    this.writeIndex = 0;
    this.filled = 0;
  }

  /** Adds one multi-channel EEG sample (µV). */
  push(sample: Float64Array): void {
    for (let c = 0; c < this.channelCount; c++) this.history[c][this.writeIndex] = sample[c];
    this.writeIndex = (this.writeIndex + 1) % this.lengthSamples;
    if (this.filled < this.lengthSamples) this.filled++;
  }

  /**
   * The current pow row in column order (`<sensor>/<band>`, bands theta..gamma), or undefined until 2 s of EEG
   * have arrived. The returned array is reused by the next call.
   */
  estimate(): Float64Array | undefined {
    if (this.filled < this.lengthSamples) return undefined;
    const n = this.lengthSamples;
    for (let c = 0; c < this.channelCount; c++) {
      const ring = this.history[c];
      // unroll the ring oldest-first
      for (let i = 0; i < n; i++) this.window[i] = ring[(this.writeIndex + i) % n];
      this.welch(this.window, this.psd);
      bandPowers(this.psd, this.welch.frequenciesHz, CORTEX_BANDS, this.powers);
      for (let b = 0; b < POW_BANDS.length; b++) {
        const band = POW_BANDS[b];
        const [loHz, hiHz] = CORTEX_BANDS[band];
        this.out[c * POW_BANDS.length + b] = this.powers.absoluteUv2[band] / (hiHz - loHz);
      }
    }
    return this.out;
  }
}
