import fc from 'fast-check';
import { medianInPlace } from '../../src/dsp/medianInPlace';

/** numpy.median by sorting a copy. */
function sortedMedian(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

describe('medianInPlace (Welch median averaging)', () => {
  it('equals the median of a sorted copy, for odd and even counts, with ties (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -5, max: 5 }).map((v) => v / 2),
          { minLength: 1, maxLength: 60 },
        ),
        (values) => {
          return medianInPlace(Float64Array.from(values), values.length) === sortedMedian(values);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        (values) => {
          return medianInPlace(Float64Array.from(values), values.length) === sortedMedian(values);
        },
      ),
    );
  });

  it('handles sorted and reverse-sorted columns and only reads the first `length` values', () => {
    const ascending = Float64Array.from({ length: 101 }, (_, i) => i);
    expect(medianInPlace(ascending, 101)).toBe(50);
    const descending = Float64Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(medianInPlace(descending, 100)).toBe(50.5);
    expect(medianInPlace(Float64Array.of(3, 1, 2, 1000, 1000), 3)).toBe(2);
  });

  it('returns NaN when any value is NaN, as numpy.median does', () => {
    expect(medianInPlace(Float64Array.of(1, NaN, 3), 3)).toBeNaN();
  });
});
