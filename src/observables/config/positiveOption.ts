/**
 * A numeric option, or its default: a positive finite number (or 0 too with `allowZero`), else a RangeError that
 * names the option and the value it got.
 *
 * ## Example
 * ```ts
 * positiveOption('requestTimeoutMs', undefined, 10_000); // 10000
 * positiveOption('requestTimeoutMs', -1, 10_000); // throws 'requestTimeoutMs must be a positive number, got -1'
 * ```
 * @internal
 */
export function positiveOption(name: string, value: number | undefined, fallback: number, allowZero = false): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new RangeError(`${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got ${value}`);
  }
  return v;
}
