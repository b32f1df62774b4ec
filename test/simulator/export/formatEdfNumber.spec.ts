import fc from 'fast-check';
import { formatEdfNumber } from '../../../src/simulator/export/formatEdfNumber';

describe('formatEdfNumber', () => {
  it('keeps as many decimals as fit, without trailing zeros', () => {
    expect(formatEdfNumber(32767)).toBe('32767');
    expect(formatEdfNumber(-8388608)).toBe('-8388608');
    expect(formatEdfNumber(1)).toBe('1');
    expect(formatEdfNumber(0.5)).toBe('0.5');
    expect(formatEdfNumber(4123.45678)).toBe('4123.457');
    expect(formatEdfNumber(-0.0000001)).toBe('0');
  });

  it('rounds in the direction asked, so a range rounded outward still covers the data', () => {
    expect(formatEdfNumber(4123.45678, 8, 'down')).toBe('4123.456');
    expect(formatEdfNumber(4123.45611, 8, 'up')).toBe('4123.457');
    expect(formatEdfNumber(-8400.123, 8, 'down')).toBe('-8400.13');
    expect(formatEdfNumber(99999999.5, 8, 'down')).toBe('99999999');
  });

  it('throws when even the integer part does not fit', () => {
    expect(() => formatEdfNumber(123456789)).toThrow('formatEdfNumber: 123456789 does not fit in 8 characters');
    expect(() => formatEdfNumber(-99999999.6, 8, 'down')).toThrow(RangeError);
    expect(() => formatEdfNumber(Infinity)).toThrow('formatEdfNumber: value must be finite, got Infinity');
  });

  it('always fits the field and bounds the value from the side asked', () => {
    fc.assert(
      fc.property(fc.double({ min: -9_999_999, max: 9_999_999, noNaN: true }), (v) => {
        const down = formatEdfNumber(v, 8, 'down');
        const up = formatEdfNumber(v, 8, 'up');
        const near = formatEdfNumber(v, 8);
        expect(down.length).toBeLessThanOrEqual(8);
        expect(up.length).toBeLessThanOrEqual(8);
        expect(down).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(down)).toBeLessThanOrEqual(v);
        expect(Number(up)).toBeGreaterThanOrEqual(v);
        expect(Math.abs(Number(near) - v)).toBeLessThanOrEqual(0.5);
      }),
    );
  });
});
