/**
 * Throws `RangeError('out must have length <expected>, got <actual>')` when a caller-supplied `out` buffer
 * has the wrong length. `name` defaults to `out`.
 *
 * @internal
 */
export function assertOutLength(out: { readonly length: number }, expected: number, name = 'out'): void {
  if (out.length !== expected) {
    throw new RangeError(`${name} must have length ${expected}, got ${out.length}`);
  }
}
