import { assertOutLength } from './assertOutLength';
import { bandBinRanges } from './bandBinRanges';
import type { FrequencyBands } from './FrequencyBands';

/** Power per band, from `bandPowers`. Mutable so that it can be passed back as `out` and refilled. */
export interface BandPowers<K extends string = string> {
  /** Absolute band power in µV² (for a PSD in µV²/Hz): `Σ psd[k] · Δf` over the band's bins. */
  absoluteUv2: Record<K, number>;
  /** Band power divided by `totalUv2`, a fraction in [0, 1]; NaN when `totalUv2` is 0. */
  relative: Record<K, number>;
  /** Power in µV² over every bin from the lowest band edge (inclusive) to the highest (exclusive). */
  totalUv2: number;
}

/**
 * Absolute (µV²) and relative power of each band of a one-sided PSD, by the rectangle rule.
 *
 * Like eeg-pipes' `bandpower`, but with half-open bands and a stated integration rule.
 *
 * **Bin membership** (`bandBinRanges`): a bin at frequency `f` belongs to band `[loHz, hiHz)` iff
 * `loHz <= f < hiHz`, so with contiguous bands (`CORTEX_BANDS`, `CLASSIC_BANDS`) a bin sitting exactly on a shared
 * edge (8 Hz at 128 Hz / 256 points) is counted once, in the upper band. Bins are added in ascending order.
 *
 * **Integration rule**: rectangle rule on the bins, `absoluteUv2 = Δf · Σ_{f_k in band} psd[k]`, with
 * `Δf = frequenciesHz[1] − frequenciesHz[0]` (each bin stands for a `Δf`-wide strip; no interpolation at the
 * edges, no trapezoid halving).
 *
 * **Relative power**: band power / `totalUv2`, where `totalUv2` is the rectangle-rule power of every bin in
 * `[min loHz, max hiHz)` over all bands, each bin counted once. For contiguous bands the relative powers sum
 * to 1; a gap between bands counts in the total (so they sum to less than 1); DC, mains and anything outside
 * the band table never do. Overlapping bands are allowed and each counts its own bins.
 *
 * NaN policy: propagates. A NaN bin makes the absolute power of every band containing it NaN, and, if it is
 * inside `[min loHz, max hiHz)`, the total and every relative power NaN. A band that contains no bin has
 * power 0.
 *
 * ## Example
 * ```ts
 * import { welchPsd, bandPowers, CORTEX_BANDS } from 'cortex-rx/dsp';
 *
 * const { frequenciesHz, psd } = welchPsd(o1Uv, { sampleRateHz: 128, segmentLength: 256 });
 * const powers = bandPowers(psd, frequenciesHz, CORTEX_BANDS);
 * powers.absoluteUv2.alpha; // µV² in [8, 12) Hz
 * bandPowers(psd, frequenciesHz, CORTEX_BANDS, powers); // refill `powers` in place (its records are reused)
 * ```
 *
 * @param psd one-sided density per bin (µV²/Hz), as from `welchPsd`.
 * @param frequenciesHz bin frequencies in Hz, uniformly spaced and ascending, same length as `psd` (≥ 2).
 * @param bands name → `[loHz, hiHz)`, at least one band, each with `0 <= loHz < hiHz`, finite.
 * @param out optional result of an earlier call with the same bands, overwritten and returned.
 * @returns `out`, or a new `BandPowers` with one entry per band, in the bands' key order.
 * @throws RangeError on mismatched lengths, fewer than 2 bins, or an invalid or empty band table (the messages of
 *   `bandBinRanges`).
 * @see bandBinRanges, CORTEX_BANDS, CLASSIC_BANDS, welchPsd
 */
export function bandPowers<K extends string>(
  psd: Float64Array,
  frequenciesHz: Float64Array,
  bands: FrequencyBands<K>,
  out?: BandPowers<K>,
): BandPowers<K> {
  assertOutLength(frequenciesHz, psd.length, 'frequenciesHz');
  if (psd.length < 2) {
    throw new RangeError(`psd must have at least 2 bins, got ${psd.length}`);
  }
  const { bandNames, loBins, hiBins, totalLoBin, totalHiBin, binWidthHz } = bandBinRanges(bands, frequenciesHz);
  const result: BandPowers<K> = out ?? {
    absoluteUv2: {} as Record<K, number>,
    relative: {} as Record<K, number>,
    totalUv2: 0,
  };

  let total = 0;
  for (let k = totalLoBin; k < totalHiBin; k++) total += psd[k];
  const totalUv2 = total * binWidthHz;
  result.totalUv2 = totalUv2;

  bandNames.forEach((name, b) => {
    let sum = 0;
    for (let k = loBins[b]; k < hiBins[b]; k++) sum += psd[k];
    const absolute = sum * binWidthHz;
    result.absoluteUv2[name] = absolute;
    result.relative[name] = totalUv2 === 0 ? NaN : absolute / totalUv2;
  });
  return result;
}
