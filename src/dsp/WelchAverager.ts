import { medianInPlace } from './medianInPlace';

/**
 * One output's accumulator of a Welch estimate: folds the per-segment powers of bins `[fromBin, toBin)` into a
 * mean, or keeps them all for a median (divided by scipy's median bias). Everything preallocated; allocation-free
 * after construction.
 *
 * Per segment `s`: `oneSidedPower` writes into `target(s, psd)`, then `accumulate(s, psd)`; after the last segment,
 * `finish(psd)`.
 *
 * @internal
 */
export class WelchAverager {
  /** Scratch power of one segment (a mean's first segment goes straight into `psd` instead). */
  private readonly power: Float64Array;
  /** Median: one column of `segmentCount` values per bin. */
  private readonly perSegment: Float64Array | null;
  /** Median: one bin's column, reordered by `medianInPlace`. */
  private readonly column: Float64Array | null;
  private readonly medianBias: number;

  constructor(
    binCount: number,
    private readonly segmentCount: number,
    private readonly fromBin: number,
    private readonly toBin: number,
    average: 'mean' | 'median',
  ) {
    const useMedian = average === 'median';
    this.power = new Float64Array(binCount);
    this.perSegment = useMedian ? new Float64Array(binCount * segmentCount) : null;
    this.column = useMedian ? new Float64Array(segmentCount) : null;
    this.medianBias = useMedian ? scipyMedianBias(segmentCount) : 1;
  }

  /** Where segment `s`'s power is written: `psd` itself for the first segment of a mean (no clearing pass). */
  target(s: number, psd: Float64Array): Float64Array {
    return this.perSegment === null && s === 0 ? psd : this.power;
  }

  /** Folds segment `s`'s power (in `target(s, psd)`) into the estimate. */
  accumulate(s: number, psd: Float64Array): void {
    const { power, perSegment, fromBin, toBin, segmentCount } = this;
    if (perSegment !== null) {
      for (let k = fromBin; k < toBin; k++) perSegment[k * segmentCount + s] = power[k];
    } else if (s > 0) {
      // The first segment went straight into `psd` (the same value as `0 + p`, so no clearing pass is needed).
      for (let k = fromBin; k < toBin; k++) psd[k] += power[k];
    }
  }

  /** Turns the folded segments into the estimate in `psd[fromBin..toBin)`. */
  finish(psd: Float64Array): void {
    const { perSegment, column, fromBin, toBin, segmentCount } = this;
    if (perSegment === null || column === null) {
      // Dividing by 1 changes nothing, so a single segment skips the pass.
      if (segmentCount > 1) for (let k = fromBin; k < toBin; k++) psd[k] /= segmentCount;
    } else {
      for (let k = fromBin; k < toBin; k++) {
        const offset = k * segmentCount;
        for (let s = 0; s < segmentCount; s++) column[s] = perSegment[offset + s];
        psd[k] = medianInPlace(column, segmentCount) / this.medianBias;
      }
    }
  }
}

/**
 * scipy.signal._spectral_py._median_bias: the ratio median/mean of a χ²₂ periodogram over n segments,
 * `1 + Σ_{i=1}^{(n−1)/2} (1/(2i+1) − 1/(2i))`.
 */
function scipyMedianBias(n: number): number {
  let sum = 0;
  const last = Math.floor((n - 1) / 2);
  for (let i = 1; i <= last; i++) sum += 1 / (2 * i + 1) - 1 / (2 * i);
  return 1 + sum;
}
