import { assertOutLength } from './assertOutLength';

/**
 * How a segment is detrended before its FFT, as `scipy.signal.detrend`'s `type`:
 * `'constant'` removes the mean, `'linear'` removes the least-squares line, `'none'` leaves it as is.
 */
export type DetrendKind = 'constant' | 'linear' | 'none';

/**
 * Removes the mean (`'constant'`) or the least-squares straight line (`'linear'`) from `x`.
 *
 * Like `scipy.signal.detrend(x, type=kind)` on one segment. The line is fitted in closed form around the
 * centre sample `t̄ = (N − 1) / 2`, which is the same least-squares fit scipy's `lstsq` finds, and well
 * conditioned even on the 4200 µV EEG offset. `out` may be `x` itself (in-place detrending).
 *
 * NaN policy: propagates. A NaN in `x` makes the mean (and the slope) NaN, so every output sample is NaN
 * (with `'none'`, only the NaN samples themselves stay NaN).
 *
 * ## Example
 * ```ts
 * import { detrend } from 'cortex-rx/dsp';
 *
 * const x = Float64Array.of(4200, 4202, 4204, 4206);
 * detrend(x, 'linear'); // ≈ [0, 0, 0, 0]
 * detrend(x, 'constant', x); // in place: [-3, -1, 1, 3]
 * ```
 *
 * @param x input samples (any length ≥ 1).
 * @param kind `'constant'`, `'linear'` or `'none'`.
 * @param out optional destination of length `x.length`; may be `x`.
 * @returns `out`, or a new array.
 * @throws RangeError on an unknown kind or a wrong `out` length.
 */
export function detrend(x: Float64Array, kind: DetrendKind, out?: Float64Array): Float64Array {
  const n = x.length;
  if (out !== undefined) assertOutLength(out, n);
  const result = out ?? new Float64Array(n);
  switch (kind) {
    case 'none':
      if (result !== x) result.set(x);
      return result;
    case 'constant': {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[i];
      const mean = sum / n;
      for (let i = 0; i < n; i++) result[i] = x[i] - mean;
      return result;
    }
    case 'linear': {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += x[i];
      const mean = sum / n;
      const centre = (n - 1) / 2;
      // Σ (t − t̄)² for t = 0..n−1, exactly.
      const sumSquaresT = (n * (n * n - 1)) / 12;
      let sumProducts = 0;
      for (let i = 0; i < n; i++) sumProducts += (i - centre) * (x[i] - mean);
      const slope = sumSquaresT > 0 ? sumProducts / sumSquaresT : 0;
      for (let i = 0; i < n; i++) result[i] = x[i] - mean - slope * (i - centre);
      return result;
    }
    default:
      throw new RangeError(`detrend must be one of constant, linear, none, got ${String(kind)}`);
  }
}
