/**
 * Throws `RangeError('<name> must be a positive integer, got <value>')` unless `value` is a safe integer >= 1.
 *
 * @internal
 */
export function assertPositiveInteger(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  }
}
