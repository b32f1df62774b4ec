import { isPowerOfTwo } from './isPowerOfTwo';

/**
 * Throws `RangeError('<name> must be a power of two, got <value>')` unless `value` is a power of two.
 *
 * @internal
 */
export function assertPowerOfTwo(name: string, value: number): void {
  if (!isPowerOfTwo(value)) {
    throw new RangeError(`${name} must be a power of two, got ${String(value)}`);
  }
}
