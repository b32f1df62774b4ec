/**
 * What a virtual headset takes its EEG from: the synthetic generator, or a recording replayed (`createReplayEeg`).
 *
 * ## Example
 * ```ts
 * const eeg: EegSource = createSyntheticEeg({ channels: EPOC_SENSORS, sampleRateHz: 128, seed: 1 });
 * eeg.next(sample);
 * ```
 */
export interface EegSource {
  /** The blink envelope (µV) of the last sample: drives the fac/com blink detections. 0 for a recording. */
  readonly blinkUv: number;
  /** Writes the next sample (one value per channel, µV) into `out`. */
  next(out: Float64Array): void;
  /**
   * The hardware markers of the last sample, as MARKERS-column JSON objects joined by commas (`''` for none): a
   * recording's annotations. `sampleTimeS` is the time the headset gives that sample.
   */
  hardwareMarkers?(sampleTimeS: number): string;
}
