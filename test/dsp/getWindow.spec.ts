import { getWindow, windowPower, type WindowKind } from '../../src/dsp';
import { expectClose } from '../support/expectClose';
import { loadFixture } from './loadFixture';

interface WindowCase {
  readonly kind: WindowKind;
  readonly length: number;
  readonly values: number[];
  readonly sumSquares: number;
  readonly coherentGain: number;
}
const { cases } = loadFixture<{ cases: WindowCase[] }>('windows.json');

describe('getWindow', () => {
  it('has scipy fixtures for every kind', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(['hann', 'hamming', 'blackman', 'rectangular']));
  });

  it.each(cases.map((c) => [`${c.kind}(${c.length})`, c] as const))(
    '%s matches scipy.signal.get_window (periodic)',
    (_, c) => {
      expectClose(getWindow(c.kind, c.length), c.values, { atol: 1e-15 });
    },
  );

  it('is periodic (DFT-even), not symmetric: hann(4) = [0, 0.5, 1, 0.5]', () => {
    expectClose(getWindow('hann', 4), [0, 0.5, 1, 0.5], { atol: 1e-16 });
  });

  it('caches one table per (kind, length) and copies into out', () => {
    const a = getWindow('hamming', 128);
    expect(getWindow('hamming', 128)).toBe(a);
    expect(getWindow('hann', 128)).not.toBe(a);
    expect(getWindow('hamming', 64)).not.toBe(a);
    const out = new Float64Array(128);
    expect(getWindow('hamming', 128, out)).toBe(out);
    expect(Array.from(out)).toEqual(Array.from(a));
    out[0] = 42; // a private copy: the cached table is untouched
    expect(getWindow('hamming', 128)[0]).toBeCloseTo(0.08, 15);
  });

  it('rejects unknown kinds, bad lengths and a wrong out length', () => {
    expect(() => getWindow('kaiser' as WindowKind, 8)).toThrow(
      'window must be one of hann, hamming, blackman, rectangular, got kaiser',
    );
    expect(() => getWindow('hann', 0)).toThrow('lengthSamples must be an integer in [1, 16777216], got 0');
    expect(() => getWindow('hann', 2.5)).toThrow(/lengthSamples/);
    expect(() => getWindow('hann', 8, new Float64Array(4))).toThrow('out must have length 8, got 4');
  });
});

describe('windowPower', () => {
  it.each(cases.map((c) => [`${c.kind}(${c.length})`, c] as const))('%s matches numpy sums', (_, c) => {
    const power = windowPower(c.kind, c.length);
    expect(power.lengthSamples).toBe(c.length);
    expectClose([power.sumSquares, power.coherentGain], [c.sumSquares, c.coherentGain], { rtol: 1e-14 });
  });

  it('has the textbook constants for Hann: coherent gain 1/2, Σw² = 3N/8, ENBW 1.5 bins', () => {
    const power = windowPower('hann', 256);
    expect(power.coherentGain).toBeCloseTo(0.5, 14);
    expect(power.sumSquares).toBeCloseTo(96, 12);
    expect(power.enbwBins).toBeCloseTo(1.5, 12);
    const rect = windowPower('rectangular', 256);
    expect([rect.sum, rect.sumSquares, rect.coherentGain, rect.enbwBins]).toEqual([256, 256, 1, 1]);
  });

  it('is cached and frozen', () => {
    const power = windowPower('blackman', 64);
    expect(windowPower('blackman', 64)).toBe(power);
    expect(Object.isFrozen(power)).toBe(true);
  });
});
