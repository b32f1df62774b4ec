import { bandPowers, CLASSIC_BANDS, CORTEX_BANDS, welchPsd, type FrequencyBands } from '../../src/dsp';
import { expectClose } from '../support/expectClose';
import { loadFixture, loadSignal, type WelchCase } from './loadFixture';

interface BandCase {
  readonly name: string;
  readonly bands: Record<string, [number, number]>;
  readonly binCounts: Record<string, number>;
  readonly absoluteUv2: Record<string, number>;
  readonly relative: Record<string, number>;
  readonly totalUv2: number;
}
const bandFixture = loadFixture<{ psdCase: string; cases: BandCase[] }>('bandPowers.json');
const welchFixture = loadFixture<{ cases: WelchCase[] }>('welch.json');
const base = welchFixture.cases.find((c) => c.name === bandFixture.psdCase)!;
// The scipy PSD itself, so this tests the integration alone, on exactly the bins numpy integrated.
const psd = Float64Array.from(base.psd);
const frequenciesHz = Float64Array.from(base.frequenciesHz);

describe('CORTEX_BANDS and CLASSIC_BANDS', () => {
  it('are the Cortex pow bands, in the pow stream order', () => {
    expect(Object.entries(CORTEX_BANDS)).toEqual([
      ['theta', [4, 8]],
      ['alpha', [8, 12]],
      ['betaL', [12, 16]],
      ['betaH', [16, 25]],
      ['gamma', [25, 45]],
    ]);
  });

  it('are the classic bands', () => {
    expect(Object.entries(CLASSIC_BANDS)).toEqual([
      ['delta', [1, 4]],
      ['theta', [4, 8]],
      ['alpha', [8, 13]],
      ['beta', [13, 30]],
      ['gamma', [30, 45]],
    ]);
  });

  it('are frozen, tables included', () => {
    expect(Object.isFrozen(CORTEX_BANDS)).toBe(true);
    expect(Object.isFrozen(CORTEX_BANDS.alpha)).toBe(true);
    expect(Object.isFrozen(CLASSIC_BANDS.beta)).toBe(true);
  });
});

describe('bandPowers against numpy on scipy welch bins', () => {
  it.each(bandFixture.cases.map((c) => [c.name, c] as const))('%s bands', (_, c) => {
    const result = bandPowers(psd, frequenciesHz, c.bands);
    const names = Object.keys(c.bands);
    expect(Object.keys(result.absoluteUv2)).toEqual(names);
    expectClose(
      names.map((n) => result.absoluteUv2[n]),
      names.map((n) => c.absoluteUv2[n]),
      { rtol: 1e-12 },
      'abs',
    );
    expectClose(
      names.map((n) => result.relative[n]),
      names.map((n) => c.relative[n]),
      { rtol: 1e-12 },
      'rel',
    );
    expectClose([result.totalUv2], [c.totalUv2], { rtol: 1e-12 }, 'total');
  });

  it('counts the bins numpy counts (half-open edges at exact bin frequencies)', () => {
    const cortex = bandFixture.cases.find((c) => c.name === 'cortex')!;
    // 0.5 Hz bins: [4, 8) holds 4.0 … 7.5 → 8 bins; [25, 45) → 40 bins.
    expect(cortex.binCounts).toEqual({ theta: 8, alpha: 8, betaL: 8, betaH: 18, gamma: 40 });
    // Rectangle rule: a flat PSD of 1 µV²/Hz gives exactly bins × Δf.
    const flat = bandPowers(new Float64Array(psd.length).fill(1), frequenciesHz, CORTEX_BANDS);
    expect(flat.absoluteUv2).toEqual({ theta: 4, alpha: 4, betaL: 4, betaH: 9, gamma: 20 });
    expect(flat.totalUv2).toBe(41);
  });
});

describe('bandPowers', () => {
  it('puts a bin exactly on a shared edge in the upper band only', () => {
    const f = Float64Array.from({ length: 33 }, (_, k) => k * 0.5); // 0 … 16 Hz
    const p = new Float64Array(33);
    p[16] = 10; // exactly 8 Hz: theta's upper edge, alpha's lower edge
    const { absoluteUv2 } = bandPowers(p, f, CORTEX_BANDS);
    expect(absoluteUv2.theta).toBe(0);
    expect(absoluteUv2.alpha).toBe(5);
  });

  it('relative powers of contiguous bands sum to 1; a gap counts in the total', () => {
    const x = loadSignal();
    const { frequenciesHz: f, psd: p } = welchPsd(x, { sampleRateHz: 128, segmentLength: 256 });
    for (const bands of [CORTEX_BANDS, CLASSIC_BANDS] as FrequencyBands[]) {
      const sum = Object.values(bandPowers(p, f, bands).relative).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - 1)).toBeLessThan(1e-12);
    }
    const gapped = bandPowers(p, f, { low: [4, 8], high: [12, 16] });
    const between = bandPowers(p, f, { gap: [8, 12] });
    expect(gapped.totalUv2).toBeCloseTo(gapped.absoluteUv2.low + gapped.absoluteUv2.high + between.absoluteUv2.gap, 9);
    expect(gapped.relative.low + gapped.relative.high).toBeLessThan(0.5); // the 10 Hz alpha sits in the gap
  });

  it('refills an out result in place', () => {
    const first = bandPowers(psd, frequenciesHz, CORTEX_BANDS);
    const absolute = first.absoluteUv2;
    const doubled = psd.map((v) => 2 * v);
    expect(bandPowers(doubled, frequenciesHz, CORTEX_BANDS, first)).toBe(first);
    expect(first.absoluteUv2).toBe(absolute);
    const again = bandPowers(psd, frequenciesHz, CORTEX_BANDS);
    expect(first.absoluteUv2.alpha).toBeCloseTo(2 * again.absoluteUv2.alpha, 9);
    expect(first.relative.alpha).toBeCloseTo(again.relative.alpha, 12);
  });

  it('propagates NaN: the band containing it, the total and every relative power', () => {
    const p = psd.slice();
    p[20] = NaN; // 10 Hz
    const result = bandPowers(p, frequenciesHz, CORTEX_BANDS);
    expect(result.absoluteUv2.alpha).toBeNaN();
    expect(result.absoluteUv2.theta).not.toBeNaN();
    expect(result.totalUv2).toBeNaN();
    expect(Object.values(result.relative).every(Number.isNaN)).toBe(true);
    // NaN outside every band (50 Hz) changes nothing.
    const q = psd.slice();
    q[100] = NaN;
    expect(bandPowers(q, frequenciesHz, CORTEX_BANDS)).toEqual(bandPowers(psd, frequenciesHz, CORTEX_BANDS));
  });

  it('gives NaN relative powers when there is no power at all, and 0 for a band with no bins', () => {
    const zero = bandPowers(new Float64Array(psd.length), frequenciesHz, CORTEX_BANDS);
    expect(zero.totalUv2).toBe(0);
    expect(Object.values(zero.relative).every(Number.isNaN)).toBe(true);
    expect(bandPowers(psd, frequenciesHz, { narrow: [10.1, 10.2] }).absoluteUv2.narrow).toBe(0);
  });

  it('validates its inputs', () => {
    expect(() => bandPowers(psd, frequenciesHz.subarray(1), CORTEX_BANDS)).toThrow(
      'frequenciesHz must have length 129, got 128',
    );
    expect(() => bandPowers(psd.subarray(0, 1), frequenciesHz.subarray(0, 1), CORTEX_BANDS)).toThrow(
      'psd must have at least 2 bins, got 1',
    );
    expect(() => bandPowers(psd, frequenciesHz, { bad: [8, 4] })).toThrow(
      'band bad must satisfy 0 <= loHz < hiHz (finite), got [8, 4)',
    );
    expect(() => bandPowers(psd, frequenciesHz, { bad: [-1, 4] })).toThrow(/band bad/);
  });

  it('validates the band table as bandBinRanges and the bandPower operator do', () => {
    expect(() => bandPowers(psd, frequenciesHz, {})).toThrow(
      new RangeError('bands must name at least one band, got none'),
    );
    expect(() => bandPowers(psd, frequenciesHz, null as unknown as FrequencyBands)).toThrow(
      new RangeError('bands must be a table of name → [loHz, hiHz), got null'),
    );
  });
});
