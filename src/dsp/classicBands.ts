/**
 * The classic clinical EEG bands as half-open `[loHz, hiHz)` ranges:
 * delta [1, 4), theta [4, 8), alpha [8, 13), beta [13, 30), gamma [30, 45) Hz.
 *
 * Contiguous from 1 to 45 Hz, so with `bandPowers` every bin in that range is counted in exactly one band.
 * Frozen.
 *
 * ## Example
 * ```ts
 * import { welchPsd, bandPowers, CLASSIC_BANDS } from 'cortex-rx/dsp';
 *
 * const { frequenciesHz, psd } = welchPsd(o1Uv, { sampleRateHz: 128, segmentLength: 256 });
 * const { relative } = bandPowers(psd, frequenciesHz, CLASSIC_BANDS);
 * relative.alpha; // share of the 1–45 Hz power in [8, 13) Hz
 * ```
 *
 * @see CORTEX_BANDS, bandPowers
 */
export const CLASSIC_BANDS = Object.freeze({
  delta: Object.freeze([1, 4] as const),
  theta: Object.freeze([4, 8] as const),
  alpha: Object.freeze([8, 13] as const),
  beta: Object.freeze([13, 30] as const),
  gamma: Object.freeze([30, 45] as const),
});
