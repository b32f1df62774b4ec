import { detrend, type DetrendKind } from './detrend';

/**
 * Writes `segmentLength` samples of `x` from `start`, detrended and windowed, to `dst[offset + n · stride]`:
 * `(x − mean) · w` for `'constant'` (`segmentMean`: the arithmetic of `detrend` then `*= window`), `x · w` for
 * `'none'`, and
 * `detrend(…, 'linear')` in `scratch` then `· w` for `'linear'`. Copy, detrend and window in as few passes as
 * possible: this is the hot path of a streaming band-power chain. `stride` 2 with `offset` 0 or 1 fills one lane of
 * an interleaved pair (`createWelchEstimator`'s pair path).
 *
 * NaN policy: propagates (a NaN sample makes the mean, so every output sample, NaN). Returns false when the
 * segment holds a NaN or an infinity (the sum over it is not finite; a finite sum that overflows also says false,
 * which only costs the pair path its shortcut).
 *
 * @param scratch `segmentLength` values of scratch, used by `'linear'` only; may be `dst` when `offset` is 0 and
 *   `stride` 1 (each value is read before it is overwritten).
 * @internal
 */
export function prepareSegment(
  x: Float64Array,
  start: number,
  segmentLength: number,
  detrendKind: DetrendKind,
  window: Float64Array,
  scratch: Float64Array,
  dst: Float64Array,
  offset: number,
  stride: number,
): boolean {
  let sum = 0;
  if (detrendKind === 'constant') {
    const mean = segmentMean(x, start, segmentLength);
    for (let n = 0; n < segmentLength; n++) dst[offset + n * stride] = (x[start + n] - mean) * window[n];
    return Number.isFinite(mean);
  } else if (detrendKind === 'none') {
    for (let n = 0; n < segmentLength; n++) {
      const v = x[start + n];
      sum += v;
      dst[offset + n * stride] = v * window[n];
    }
  } else {
    for (let n = 0; n < segmentLength; n++) {
      scratch[n] = x[start + n];
      sum += scratch[n];
    }
    detrend(scratch, detrendKind, scratch);
    for (let n = 0; n < segmentLength; n++) dst[offset + n * stride] = scratch[n] * window[n];
  }
  return Number.isFinite(sum);
}

/**
 * The constant detrend's mean of `x[start .. start + segmentLength)`: the sum in index order, divided by the length
 * (the arithmetic of `detrend(…, 'constant')`). Not finite when a sample is NaN or infinite (or the sum overflows).
 *
 * @internal
 */
export function segmentMean(x: Float64Array, start: number, segmentLength: number): number {
  let sum = 0;
  for (let n = 0; n < segmentLength; n++) sum += x[start + n];
  return sum / segmentLength;
}
