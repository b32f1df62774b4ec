/**
 * A sample value as a number: anything but a finite number is NaN (an invalid sample), booleans included (`true` in
 * a µV column is not 1 µV), and so are null, strings and non-finite numbers (an overflowing literal).
 * @internal
 */
export const sampleNumber = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

/**
 * A sample value as text (a detection's action or event name).
 * @internal
 */
export const sampleText = (v: unknown): string => (typeof v === 'string' ? v : String(v));
