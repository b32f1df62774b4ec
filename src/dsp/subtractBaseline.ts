import { assertOutLength } from './assertOutLength';

/**
 * Baseline correction: subtracts from every sample of `x` the mean of its finite samples in `[fromIndex, toIndex)`.
 *
 * Like `x − mean(x[fromIndex:toIndex])` in numpy, or the baseline step of an ERP toolbox (MNE's
 * `baseline=(tmin, 0)` with mode `'mean'`), on one channel. `out` may be `x` itself (in-place correction).
 *
 * NaN policy: the baseline mean ignores non-finite samples (NaN gaps, ±Infinity); NaN samples elsewhere stay
 * NaN. When no sample of the baseline is finite, the mean is unknown and every output sample is NaN.
 *
 * ## Example
 * ```ts
 * import { subtractBaseline } from 'cortex-rx/dsp';
 *
 * // 0.1 s of baseline before a marker at index 26 (256 Hz): the channel relative to its pre-stimulus mean
 * const corrected = subtractBaseline(o1Uv, 0, 26);
 * subtractBaseline(o1Uv, 0, 26, o1Uv); // in place
 * ```
 *
 * @param x the samples of one channel.
 * @param fromIndex first baseline sample, an integer in `[0, toIndex)`.
 * @param toIndex one past the last baseline sample, an integer in `(fromIndex, x.length]`.
 * @param out optional destination of length `x.length`; may be `x`.
 * @returns `out`, or a new array.
 * @throws RangeError on a baseline range outside `x` or empty, or a wrong `out` length.
 */
export function subtractBaseline(
  x: Float64Array,
  fromIndex: number,
  toIndex: number,
  out?: Float64Array,
): Float64Array {
  if (
    !(
      Number.isInteger(fromIndex) &&
      Number.isInteger(toIndex) &&
      0 <= fromIndex &&
      fromIndex < toIndex &&
      toIndex <= x.length
    )
  ) {
    throw new RangeError(
      `baseline must be integers with 0 <= fromIndex < toIndex <= ${x.length}, got [${fromIndex}, ${toIndex})`,
    );
  }
  if (out !== undefined) assertOutLength(out, x.length);
  const result = out ?? new Float64Array(x.length);
  let sum = 0;
  let n = 0;
  for (let i = fromIndex; i < toIndex; i++) {
    const v = x[i];
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  if (n === 0) return result.fill(NaN);
  const mean = sum / n;
  for (let i = 0; i < x.length; i++) result[i] = x[i] - mean;
  return result;
}
