/**
 * Whether `value` is an integer power of two (1, 2, 4, 8, …) that is a safe integer.
 *
 * Like `(n & (n - 1)) === 0`, but exact beyond 32 bits and false for 0, negatives, fractions and NaN.
 *
 * ## Example
 * ```ts
 * import { isPowerOfTwo } from 'cortex-rx/dsp';
 *
 * isPowerOfTwo(256); // true
 * isPowerOfTwo(300); // false
 * ```
 *
 * @param value any number.
 * @returns `true` iff `value = 2^k` for some integer `k >= 0`.
 */
export function isPowerOfTwo(value: number): boolean {
  if (!Number.isSafeInteger(value) || value < 1) return false;
  let v = value;
  while (v % 2 === 0) v /= 2;
  return v === 1;
}
