import { closeMismatch, dspScheduler } from './operatorTestSupport';

describe('closeMismatch (the tolerance-aware matcher of the operator marble tests)', () => {
  it('accepts values within the tolerance, NaN against NaN, and undefined fields as missing', () => {
    const tol = { rtol: 1e-9, atol: 0 };
    const actual = { a: Float64Array.of(1, NaN), b: undefined };
    expect(closeMismatch(actual, { a: Float64Array.of(1 + 1e-12, NaN) }, tol)).toBe(undefined);
  });

  it('reports the path of the first value outside the tolerance', () => {
    expect(closeMismatch({ a: Float64Array.of(1, 2) }, { a: Float64Array.of(1, 2.001) }, { rtol: 1e-9 })).toBe(
      '$.a[1]: 2 vs 2.001',
    );
    expect(closeMismatch([1, NaN], [1, 2], {})).toBe('$[1]: NaN vs 2');
  });

  it('tells apart array types, lengths, keys and error messages', () => {
    expect(closeMismatch(Float64Array.of(1), [1], {})).toMatch(/Float64Array\(1\) vs Array\(1\)/);
    expect(closeMismatch([1], [1, 2], {})).toBe('$: length 1 vs 2');
    expect(closeMismatch({ a: 1 }, { b: 1 }, {})).toBe('$: keys [a] vs [b]');
    expect(closeMismatch(new RangeError('x'), new RangeError('y'), {})).toMatch(/RangeError: x vs RangeError: y/);
    expect(closeMismatch(new Error('x'), new RangeError('x'), {})).toBeDefined();
  });

  it('makes a marble assertion fail on a value outside the tolerance', () => {
    expect(() =>
      dspScheduler().run(({ cold, expectObservable }) => {
        expectObservable(cold('a|', { a: Float64Array.of(1) })).toBe('a|', { a: Float64Array.of(1.1) });
      }),
    ).toThrow();
  });
});
