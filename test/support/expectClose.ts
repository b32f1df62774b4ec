/** Tolerances of `expectClose`: `|actual − expected| <= atol + rtol · |expected|` element-wise. */
export interface Tolerance {
  readonly rtol?: number;
  readonly atol?: number;
}

/**
 * Asserts two numeric arrays have the same length and agree element-wise within the tolerance; on failure the
 * message names the worst element and its error, so a DSP mismatch is readable.
 */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  { rtol = 0, atol = 0 }: Tolerance,
  label = 'values',
): void {
  if (actual.length !== expected.length) {
    throw new Error(`${label}: length ${actual.length} !== expected length ${expected.length}`);
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const allowed = atol + rtol * Math.abs(e);
    const error = Math.abs(a - e);
    if (!(error <= allowed) && !(Number.isNaN(a) && Number.isNaN(e))) {
      const excess = Number.isNaN(error) ? Infinity : error / (allowed || Number.MIN_VALUE);
      if (worst < 0 || excess > worstExcess) {
        worst = i;
        worstExcess = excess;
      }
    }
  }
  if (worst >= 0) {
    const a = actual[worst];
    const e = expected[worst];
    throw new Error(
      `${label}[${worst}]: ${a} vs expected ${e} (abs error ${Math.abs(a - e)}, rel error ${Math.abs(a - e) / Math.abs(e)}; rtol ${rtol}, atol ${atol})`,
    );
  }
}
