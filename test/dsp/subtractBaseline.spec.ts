import fc from 'fast-check';
import { subtractBaseline } from '../../src/dsp';

/** The reference: the mean of the finite baseline values by filter and reduce, subtracted from every sample. */
function reference(x: number[], from: number, to: number): number[] {
  const finite = x.slice(from, to).filter(Number.isFinite);
  if (finite.length === 0) return x.map(() => NaN);
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  return x.map((v) => v - mean);
}

describe('subtractBaseline', () => {
  it('removes the baseline mean from every sample', () => {
    expect(Array.from(subtractBaseline(Float64Array.of(1, 3, 10, 20), 0, 2))).toEqual([-1, 1, 8, 18]);
  });

  it('equals the reference on any signal with NaN gaps and any baseline range (property)', () => {
    const sample = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: -5000, max: 5000, noNaN: true }) },
      { weight: 1, arbitrary: fc.constant(NaN) },
    );
    fc.assert(
      fc.property(
        fc
          .array(sample, { minLength: 1, maxLength: 64 })
          .chain((x) =>
            fc
              .tuple(fc.constant(x), fc.nat(x.length - 1))
              .chain(([xs, from]) =>
                fc.tuple(fc.constant(xs), fc.constant(from), fc.integer({ min: from + 1, max: xs.length })),
              ),
          ),
        ([x, from, to]) => {
          expect(Array.from(subtractBaseline(Float64Array.from(x), from, to))).toEqual(reference(x, from, to));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ignores NaN and infinite baseline samples; an all-NaN baseline makes the whole output NaN', () => {
    expect(Array.from(subtractBaseline(Float64Array.of(NaN, 2, Infinity, 4, 5), 0, 4))).toEqual([
      NaN,
      -1,
      Infinity,
      1,
      2,
    ]);
    expect(Array.from(subtractBaseline(Float64Array.of(NaN, NaN, 3), 0, 2))).toEqual([NaN, NaN, NaN]);
  });

  it('writes into out, which may be x itself', () => {
    const x = Float64Array.of(2, 4, 6);
    const out = new Float64Array(3);
    expect(subtractBaseline(x, 0, 1, out)).toBe(out);
    expect(Array.from(out)).toEqual([0, 2, 4]);
    expect(Array.from(x)).toEqual([2, 4, 6]);
    expect(subtractBaseline(x, 2, 3, x)).toBe(x);
    expect(Array.from(x)).toEqual([-4, -2, 0]);
  });

  it.each([
    [0, 0, 'baseline must be integers with 0 <= fromIndex < toIndex <= 4, got [0, 0)'],
    [-1, 2, 'baseline must be integers with 0 <= fromIndex < toIndex <= 4, got [-1, 2)'],
    [2, 5, 'baseline must be integers with 0 <= fromIndex < toIndex <= 4, got [2, 5)'],
    [0.5, 2, 'baseline must be integers with 0 <= fromIndex < toIndex <= 4, got [0.5, 2)'],
  ])('rejects the baseline [%p, %p)', (from, to, message) => {
    expect(() => subtractBaseline(new Float64Array(4), from, to)).toThrow(new RangeError(message));
  });

  it('rejects an out of the wrong length', () => {
    expect(() => subtractBaseline(new Float64Array(4), 0, 1, new Float64Array(3))).toThrow(
      new RangeError('out must have length 4, got 3'),
    );
  });
});
