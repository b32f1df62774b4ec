import { assertOutLength } from './assertOutLength';
import { COSINE_WINDOW_COEFFICIENTS as COSINE_COEFFICIENTS } from './cosineWindowCoefficients';

/** The window functions this module knows, named as in `scipy.signal.get_window` (`rectangular` is `boxcar`). */
export type WindowKind = 'hann' | 'hamming' | 'blackman' | 'rectangular';

/** One table per (kind, length), built on first use. Nested maps so a lookup allocates no key string. */
const cache = new Map<WindowKind, Map<number, Float64Array>>();

/** Largest window a table is built for. */
const MAX_WINDOW_LENGTH = 2 ** 24;

/**
 * The periodic ("DFT-even") window of `lengthSamples` points, as `scipy.signal.get_window(kind, lengthSamples)`
 * returns it (`fftbins=True`, i.e. `sym=False`, which is what `scipy.signal.welch` uses).
 *
 * Like scipy's `get_window`, but cached: one table per `(kind, lengthSamples)` is computed on first use and the
 * same `Float64Array` is returned afterwards. **Do not mutate the returned table**; pass `out` for a private
 * copy. Periodic windows are the first `N` points of the symmetric window of `N + 1` points, computed the same
 * way scipy does (`φ = linspace(-π, π, N + 1)`, `w = Σ a_k cos(k·φ)`), so values agree with scipy to the last
 * bit or so:
 *
 * - `hann`: `0.5 − 0.5·cos(2πn/N)`
 * - `hamming`: `0.54 − 0.46·cos(2πn/N)`
 * - `blackman`: `0.42 − 0.5·cos(2πn/N) + 0.08·cos(4πn/N)`
 * - `rectangular`: all ones (scipy's `boxcar`)
 *
 * A window of length 1 is `[1]` for every kind, as in scipy.
 *
 * NaN policy: not applicable (no signal input).
 *
 * ## Example
 * ```ts
 * import { getWindow } from 'cortex-rx/dsp';
 *
 * const hann = getWindow('hann', 256); // shared, cached table: read it, don't write it
 * const mine = getWindow('hann', 256, new Float64Array(256)); // a private copy
 * ```
 *
 * @param kind the window function.
 * @param lengthSamples number of points, a positive integer (any integer, not only powers of two).
 * @param out optional destination of length `lengthSamples`; the table is copied into it.
 * @returns the cached table, or `out` when given.
 * @throws RangeError on an unknown kind, a non-positive or non-integer length, or a wrong `out` length.
 * @see windowPower for the table's sum of squares and coherent gain.
 */
export function getWindow(kind: WindowKind, lengthSamples: number, out?: Float64Array): Float64Array {
  let byLength = cache.get(kind);
  let table = byLength?.get(lengthSamples);
  if (table === undefined) {
    if (!Object.prototype.hasOwnProperty.call(COSINE_COEFFICIENTS, kind)) {
      throw new RangeError(`window must be one of ${Object.keys(COSINE_COEFFICIENTS).join(', ')}, got ${String(kind)}`);
    }
    if (!Number.isSafeInteger(lengthSamples) || lengthSamples < 1 || lengthSamples > MAX_WINDOW_LENGTH) {
      throw new RangeError(`lengthSamples must be an integer in [1, ${MAX_WINDOW_LENGTH}], got ${lengthSamples}`);
    }
    table = computeWindow(COSINE_COEFFICIENTS[kind], lengthSamples);
    if (byLength === undefined) {
      byLength = new Map();
      cache.set(kind, byLength);
    }
    byLength.set(lengthSamples, table);
  }
  if (out === undefined) return table;
  assertOutLength(out, lengthSamples);
  out.set(table);
  return out;
}

function computeWindow(coefficients: readonly number[], length: number): Float64Array {
  const w = new Float64Array(length);
  if (length === 1) {
    w[0] = 1;
    return w;
  }
  // Same arithmetic as numpy.linspace(-pi, pi, length + 1): step = (pi - (-pi)) / length; phi = n * step + (-pi).
  const step = (Math.PI - -Math.PI) / length;
  for (let n = 0; n < length; n++) {
    const phi = n * step + -Math.PI;
    let sum = 0;
    for (let k = 0; k < coefficients.length; k++) {
      sum += coefficients[k] * Math.cos(k * phi);
    }
    w[n] = sum;
  }
  return w;
}
