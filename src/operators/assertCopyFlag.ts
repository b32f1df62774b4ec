/**
 * Throws `RangeError('copy must be a boolean, got <value>')` unless `value` is `undefined`, `true` or `false`.
 *
 * @internal
 */
export function assertCopyFlag(value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new RangeError(`copy must be a boolean, got ${String(value)}`);
  }
}
