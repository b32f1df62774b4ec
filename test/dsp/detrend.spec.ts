import { detrend } from '../../src/dsp';
import { expectClose } from '../support/expectClose';
import { gaussianNoise } from './testSignal';

describe('detrend', () => {
  it("'constant' removes the mean", () => {
    expectClose(detrend(Float64Array.of(4200, 4202, 4204, 4206), 'constant'), [-3, -1, 1, 3], { atol: 1e-12 });
  });

  it("'linear' removes an offset + slope exactly and leaves the residual of a least-squares fit", () => {
    const n = 200;
    const noise = gaussianNoise(n, 3);
    const x = Float64Array.from(noise, (v, i) => 4200 + 0.75 * i + v);
    const residual = detrend(x, 'linear');
    // The least-squares residual is orthogonal to 1 and to t.
    let sum = 0;
    let sumT = 0;
    for (let i = 0; i < n; i++) {
      sum += residual[i];
      sumT += i * residual[i];
    }
    expect(Math.abs(sum)).toBeLessThan(1e-9);
    expect(Math.abs(sumT)).toBeLessThan(1e-7);
    // And equals the noise minus the noise's own fitted line.
    expectClose(residual, detrend(noise, 'linear'), { atol: 1e-9 });
    expectClose(
      detrend(
        Float64Array.from({ length: 9 }, (_, i) => 3 - 2 * i),
        'linear',
      ),
      new Float64Array(9),
      {
        atol: 1e-12,
      },
    );
  });

  it("'none' copies, and every kind works in place", () => {
    const x = Float64Array.of(1, 2, 4);
    const copy = detrend(x, 'none');
    expect(copy).not.toBe(x);
    expect(Array.from(copy)).toEqual([1, 2, 4]);
    expect(detrend(x, 'constant', x)).toBe(x);
    expectClose(x, [-4 / 3, -1 / 3, 5 / 3], { atol: 1e-15 });
  });

  it('handles a single sample (the line through one point is flat)', () => {
    expect(Array.from(detrend(Float64Array.of(7), 'linear'))).toEqual([0]);
  });

  it('propagates NaN to every sample (mean and slope become NaN)', () => {
    const x = Float64Array.of(1, NaN, 3, 4);
    expect(Array.from(detrend(x, 'constant')).every(Number.isNaN)).toBe(true);
    expect(Array.from(detrend(x, 'linear')).every(Number.isNaN)).toBe(true);
    expect(Array.from(detrend(x, 'none')).map(Number.isNaN)).toEqual([false, true, false, false]);
  });

  it('rejects an unknown kind and a wrong out length', () => {
    expect(() => detrend(new Float64Array(4), 'quadratic' as 'linear')).toThrow(
      'detrend must be one of constant, linear, none, got quadratic',
    );
    expect(() => detrend(new Float64Array(4), 'constant', new Float64Array(3))).toThrow(
      'out must have length 4, got 3',
    );
  });
});
