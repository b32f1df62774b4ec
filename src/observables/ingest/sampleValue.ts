/**
 * A sample value as a number: booleans as 1/0; null, strings and non-finite numbers (an overflowing literal) as NaN.
 * @internal
 */
export const sampleNumber = (v: unknown): number =>
  typeof v === 'number' ? (Number.isFinite(v) ? v : NaN) : v === true ? 1 : v === false ? 0 : NaN;

/**
 * A sample value as text (a detection's action or event name).
 * @internal
 */
export const sampleText = (v: unknown): string => (typeof v === 'string' ? v : String(v));
