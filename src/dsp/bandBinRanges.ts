import type { FrequencyBands } from './FrequencyBands';

/** Each band of a table as a half-open range of bin indices on one frequency axis, from `bandBinRanges`. */
export interface BandBinRanges<K extends string = string> {
  /** Band names, in the key order of the table. Frozen. */
  readonly bandNames: readonly K[];
  /** Per band (in `bandNames` order), the first bin of the band. */
  readonly loBins: Int32Array;
  /** Per band, one past the last bin of the band: the band is bins `[loBins[b], hiBins[b])` (empty when equal). */
  readonly hiBins: Int32Array;
  /** First bin of the union `[min loHz, max hiHz)` of all bands. */
  readonly totalLoBin: number;
  /** One past the last bin of that union. */
  readonly totalHiBin: number;
  /** Bin spacing `Δf = frequenciesHz[1] − frequenciesHz[0]`, in Hz (NaN for a one-bin axis). */
  readonly binWidthHz: number;
}

/**
 * Validates a band table and turns each half-open `[loHz, hiHz)` band into the range of bins it holds on an
 * ascending frequency axis, so that a band sum is a loop over contiguous indices.
 *
 * Like the `f >= loHz && f < hiHz` test of eeg-pipes' `powerByBand`, but half-open and computed once: the rule
 * for bins is that bin `k` (at `frequenciesHz[k]`) belongs to `[loHz, hiHz)` iff `loHz <= frequenciesHz[k] < hiHz`,
 * so the band is `[first bin with f >= loHz, first bin with f >= hiHz)`. On a uniform axis `f_k = k · Δf` that is
 * `[ceil(loHz / Δf), ceil(hiHz / Δf))` (computed by comparing with the axis itself, so a bin sitting exactly on
 * an edge, such as 8 Hz at 128 Hz / 256 points, goes to the upper band and is never counted twice). `bandPowers`
 * and the `bandPower` operator both sum over these ranges.
 *
 * NaN policy: not applicable to signals; a band edge that is NaN or infinite is invalid and throws.
 *
 * ## Example
 * ```ts
 * import { bandBinRanges, createWelch, CORTEX_BANDS } from 'cortex-rx/dsp';
 *
 * const probe = createWelch({ sampleRateHz: 256, segmentLength: 256, inputLength: 256 });
 * const ranges = bandBinRanges(CORTEX_BANDS, probe.frequenciesHz);
 * // alpha, [8, 12) Hz at 1 Hz per bin: bins 8 … 11
 * const alpha = ranges.bandNames.indexOf('alpha');
 * [ranges.loBins[alpha], ranges.hiBins[alpha]]; // [8, 12]
 * // estimate only the bins the bands read
 * const welch = createWelch({
 *   sampleRateHz: 256, segmentLength: 256, inputLength: 512,
 *   computeBins: [ranges.totalLoBin, ranges.totalHiBin],
 * });
 * ```
 *
 * @param bands name → `[loHz, hiHz)`, at least one band, each with `0 <= loHz < hiHz`, finite.
 * @param frequenciesHz bin frequencies in Hz, ascending (as `createWelch`'s `frequenciesHz`).
 * @returns the bin ranges, in the table's key order; new arrays on every call.
 * @throws RangeError when `bands` is not an object, names no band, or has a band that breaks `0 <= loHz < hiHz`:
 *   `band alpha must satisfy 0 <= loHz < hiHz (finite), got [12, 8)`.
 * @see bandPowers, CORTEX_BANDS, createWelch
 */
export function bandBinRanges<K extends string>(
  bands: FrequencyBands<K>,
  frequenciesHz: Float64Array,
): BandBinRanges<K> {
  if (typeof bands !== 'object' || bands === null) {
    throw new RangeError(`bands must be a table of name → [loHz, hiHz), got ${String(bands)}`);
  }
  const bandNames = Object.freeze(Object.keys(bands) as K[]);
  if (bandNames.length === 0) throw new RangeError('bands must name at least one band, got none');
  // First bin with f >= hz: on an ascending axis, bins [firstAtOrAbove(lo), firstAtOrAbove(hi)) are lo <= f < hi.
  const firstAtOrAbove = (hz: number): number => {
    let k = 0;
    while (k < frequenciesHz.length && !(frequenciesHz[k] >= hz)) k++;
    return k;
  };
  const loBins = new Int32Array(bandNames.length);
  const hiBins = new Int32Array(bandNames.length);
  let minLoHz = Infinity;
  let maxHiHz = -Infinity;
  bandNames.forEach((name, b) => {
    const band = bands[name];
    const loHz = band?.[0];
    const hiHz = band?.[1];
    if (!(Number.isFinite(loHz) && Number.isFinite(hiHz) && loHz >= 0 && loHz < hiHz)) {
      throw new RangeError(`band ${name} must satisfy 0 <= loHz < hiHz (finite), got [${loHz}, ${hiHz})`);
    }
    loBins[b] = firstAtOrAbove(loHz);
    hiBins[b] = firstAtOrAbove(hiHz);
    minLoHz = Math.min(minLoHz, loHz);
    maxHiHz = Math.max(maxHiHz, hiHz);
  });
  return {
    bandNames,
    loBins,
    hiBins,
    totalLoBin: firstAtOrAbove(minLoHz),
    totalHiBin: firstAtOrAbove(maxHiHz),
    binWidthHz: frequenciesHz[1] - frequenciesHz[0],
  };
}
