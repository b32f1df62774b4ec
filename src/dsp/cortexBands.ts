/**
 * The five bands of the EMOTIV Cortex `pow` stream, in its column order, as half-open `[loHz, hiHz)` ranges:
 * theta [4, 8), alpha [8, 12), betaL [12, 16), betaH [16, 25), gamma [25, 45) Hz.
 *
 * Contiguous from 4 to 45 Hz, so with `bandPowers` every bin in that range is counted in exactly one band and
 * the relative powers sum to 1. Frozen.
 *
 * ## Example
 * ```ts
 * import { welchPsd, bandPowers, CORTEX_BANDS } from 'cortex-rx/dsp';
 *
 * const { frequenciesHz, psd } = welchPsd(af3Uv, { sampleRateHz: 128, segmentLength: 256 });
 * const { absoluteUv2 } = bandPowers(psd, frequenciesHz, CORTEX_BANDS);
 * const row = Object.keys(CORTEX_BANDS).map((band) => absoluteUv2[band as keyof typeof CORTEX_BANDS]);
 * ```
 *
 * @see CLASSIC_BANDS, bandPowers
 */
export const CORTEX_BANDS = Object.freeze({
  theta: Object.freeze([4, 8] as const),
  alpha: Object.freeze([8, 12] as const),
  betaL: Object.freeze([12, 16] as const),
  betaH: Object.freeze([16, 25] as const),
  gamma: Object.freeze([25, 45] as const),
}) satisfies Readonly<Record<CortexBandName, readonly [loHz: number, hiHz: number]>>;

/** The band names of `CORTEX_BANDS`, in the `pow` stream's order: `'theta' | 'alpha' | 'betaL' | 'betaH' | 'gamma'`. */
export type CortexBandName = 'theta' | 'alpha' | 'betaL' | 'betaH' | 'gamma';
