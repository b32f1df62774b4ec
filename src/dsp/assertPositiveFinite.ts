/**
 * Throws `RangeError('<name> must be a positive finite number, got <value>')` unless `0 < value < Infinity`.
 *
 * @internal
 */
export function assertPositiveFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive finite number, got ${String(value)}`);
  }
}
