import {
  bandPowers,
  binFrequencyHz,
  CORTEX_BANDS,
  createWelch,
  frequencyBin,
  periodogram,
  welchPsd,
  type DetrendKind,
  type WindowKind,
} from '../../src/dsp';
import { expectClose } from '../support/expectClose';
import { loadFixture, loadSignal, type WelchCase } from './loadFixture';
import { gaussianNoise, sine, testSignal } from './testSignal';

interface PeriodogramCase {
  readonly name: string;
  readonly inputLength: number;
  readonly params: { readonly sampleRateHz: number; readonly window: WindowKind; readonly detrend: DetrendKind };
  readonly frequenciesHz: number[];
  readonly psd: number[];
}
const fixture = loadFixture<{ cases: WelchCase[]; periodogramCases: PeriodogramCase[] }>('welch.json');

/** The precision the issue asks for: every bin within 1e-9 relative of scipy. */
const RTOL = 1e-9;

describe('welchPsd against scipy.signal.welch', () => {
  it('covers the parameter sets the issue lists', () => {
    const { cases } = fixture;
    expect(cases.some((c) => c.params.average === 'median')).toBe(true);
    expect(cases.some((c) => c.params.detrend === 'linear')).toBe(true);
    expect(cases.some((c) => c.params.detrend === 'none')).toBe(true);
    expect(new Set(cases.map((c) => c.params.window))).toEqual(new Set(['hann', 'hamming', 'blackman', 'rectangular']));
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: every bin within 1e-9 relative', (_, c) => {
    const x = loadSignal(c.inputLength);
    const { frequenciesHz, psd } = welchPsd(x, c.params);
    expect(psd.length).toBe(c.params.segmentLength / 2 + 1);
    expectClose(frequenciesHz, c.frequenciesHz, { rtol: 1e-15 }, `${c.name} frequenciesHz`);
    expectClose(psd, c.psd, { rtol: RTOL }, `${c.name} psd`);
  });
  it.each(fixture.cases.map((c) => [c.name, c] as const))(
    '%s: createWelch.pair gives what two single calls give',
    (_, c) => {
      const welch = createWelch({ ...c.params, inputLength: c.inputLength });
      const a = loadSignal(c.inputLength);
      const b = a.map((v, i) => 3 * v - 0.5 * a[(i * 7) % a.length] + 4200);
      const singles = [welch(a), welch(b)];
      const outA = new Float64Array(welch.binCount).fill(-1);
      const outB = new Float64Array(welch.binCount).fill(-1);
      welch.pair(a, b, outA, outB);
      welch.pair(a, b, outA, outB); // twice: nothing carries over between calls
      const peak = (x: Float64Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expectClose(outA, singles[0], { atol: 1e-12 * peak(singles[0]) });
      expectClose(outB, singles[1], { atol: 1e-12 * peak(singles[1]) });
    },
  );

  it('createWelch with computeBins estimates only those bins, for single signals and pairs, every average', () => {
    for (const average of ['mean', 'median'] as const) {
      const config = { sampleRateHz: 128, segmentLength: 64, inputLength: 256, average };
      const full = createWelch(config);
      const part = createWelch({ ...config, computeBins: [5, 12] });
      const a = testSignal(256, 21);
      const b = testSignal(256, 22);
      const outA = new Float64Array(part.binCount).fill(-1);
      const outB = new Float64Array(part.binCount).fill(-1);
      part(a, outA);
      const wantA = full(a);
      expectClose(outA.subarray(5, 12), wantA.subarray(5, 12), { rtol: 1e-14 });
      expect([...outA.subarray(0, 5), ...outA.subarray(12)].every((v) => v === -1)).toBe(true);
      outA.fill(-1);
      part.pair(a, b, outA, outB);
      expectClose(outB.subarray(5, 12), full(b).subarray(5, 12), { rtol: 1e-12 });
      expect(
        [...outA.subarray(0, 5), ...outA.subarray(12), ...outB.subarray(0, 5), ...outB.subarray(12)].every(
          (v) => v === -1,
        ),
      ).toBe(true);
    }
    const config = { sampleRateHz: 128, segmentLength: 64, inputLength: 256 };
    expect(() => createWelch({ ...config, computeBins: [3, 34] })).toThrow(
      new RangeError('computeBins must be integers with 0 <= fromBin <= toBin <= 33, got [3, 34]'),
    );
    expect(() => createWelch({ ...config, computeBins: [4, 2] })).toThrow(/computeBins must be integers/);
    expect(() => createWelch({ ...config, computeBins: [0.5, 2] })).toThrow(/computeBins must be integers/);
  });

  it('createWelch.pair keeps a NaN or an infinity in its own signal', () => {
    for (const average of ['mean', 'median'] as const) {
      for (const detrend of ['constant', 'none', 'linear'] as const) {
        const welch = createWelch({ sampleRateHz: 128, segmentLength: 64, inputLength: 256, average, detrend });
        const a = testSignal(256, 11);
        const b = testSignal(256, 12);
        b[100] = NaN;
        a[3] = Infinity;
        const outA = new Float64Array(welch.binCount);
        const outB = new Float64Array(welch.binCount);
        // The clean signal's estimate is untouched; the other's is what a single call gives (NaN where it is).
        const sameAsSingle = (out: Float64Array, x: Float64Array) => {
          const single = welch(x);
          expect(Array.from(out, Number.isFinite)).toEqual(Array.from(single, Number.isFinite));
          expectClose(
            out.map((v) => (Number.isFinite(v) ? v : 0)),
            single.map((v) => (Number.isFinite(v) ? v : 0)),
            { rtol: 1e-12 },
          );
        };
        welch.pair(testSignal(256, 11), b, outA, outB);
        expectClose(outA, welch(testSignal(256, 11)), { rtol: 1e-12 });
        expect(outB.some(Number.isNaN)).toBe(true);
        sameAsSingle(outB, b);
        welch.pair(a, testSignal(256, 12), outA, outB);
        expectClose(outB, welch(testSignal(256, 12)), { rtol: 1e-12 });
        sameAsSingle(outA, a);
      }
    }
    const welch = createWelch({ sampleRateHz: 128, segmentLength: 64, inputLength: 256 });
    expect(() =>
      welch.pair(new Float64Array(255), new Float64Array(256), new Float64Array(33), new Float64Array(33)),
    ).toThrow(new RangeError('a must have inputLength (256) samples, got 255'));
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: createWelch gives the same, reusing out', (_, c) => {
    const x = loadSignal(c.inputLength);
    const welch = createWelch({ ...c.params, inputLength: c.inputLength });
    const out = new Float64Array(welch.binCount).fill(123); // stale contents must not leak in
    expect(welch(x, out)).toBe(out);
    expectClose(out, c.psd, { rtol: RTOL }, c.name);
    expect(Array.from(welch(x, out))).toEqual(Array.from(welch(x))); // stateless across calls
  });

  it('uses scipy defaults: hann, 50 % overlap, constant detrend, mean', () => {
    const defaults = fixture.cases.find((c) => c.name === 'defaults-256')!;
    const x = loadSignal();
    expectClose(welchPsd(x, { sampleRateHz: 128, segmentLength: 256 }).psd, defaults.psd, { rtol: RTOL });
  });

  it('counts segments as scipy does and ignores the tail', () => {
    expect(createWelch({ sampleRateHz: 128, segmentLength: 256, inputLength: 1000 }).segmentCount).toBe(6);
    expect(
      createWelch({ sampleRateHz: 128, segmentLength: 256, overlapLength: 192, inputLength: 1024 }).segmentCount,
    ).toBe(13);
    expect(
      createWelch({ sampleRateHz: 128, segmentLength: 128, overlapLength: 0, inputLength: 1024 }).segmentCount,
    ).toBe(8);
    const x = loadSignal(1000);
    const before = welchPsd(x, { sampleRateHz: 128, segmentLength: 256 }).psd;
    x[999] = NaN; // sample 999 is after the last segment (which ends at 896)
    expect(Array.from(welchPsd(x, { sampleRateHz: 128, segmentLength: 256 }).psd)).toEqual(Array.from(before));
  });
});

describe('periodogram against scipy.signal.periodogram', () => {
  it.each(fixture.periodogramCases.map((c) => [c.name, c] as const))('%s: every bin within 1e-9 relative', (_, c) => {
    const { frequenciesHz, psd } = periodogram(loadSignal(c.inputLength), c.params);
    expectClose(frequenciesHz, c.frequenciesHz, { rtol: 1e-15 });
    expectClose(psd, c.psd, { rtol: RTOL });
  });

  it('rejects a non power-of-two length', () => {
    expect(() => periodogram(new Float64Array(1000), { sampleRateHz: 128 })).toThrow(
      'x.length (the FFT size) must be a power of two, got 1000',
    );
  });
});

describe('welchPsd properties', () => {
  const sampleRateHz = 128;

  it.each([6, 10, 10.25, 20, 33.5])('puts a %p Hz sine at frequencyBin(f) and in the band containing f', (hz) => {
    const x = sine(2048, hz, sampleRateHz, 10, 0.4);
    const { frequenciesHz, psd } = welchPsd(x, { sampleRateHz, segmentLength: 256 });
    let peak = 0;
    for (let k = 1; k < psd.length; k++) if (psd[k] > psd[peak]) peak = k;
    expect(peak).toBe(frequencyBin(hz, sampleRateHz, 256));
    expect(frequenciesHz[peak]).toBe(binFrequencyHz(peak, sampleRateHz, 256));
    const { absoluteUv2 } = bandPowers(psd, frequenciesHz, CORTEX_BANDS);
    const [strongest] = Object.entries(absoluteUv2).sort((a, b) => b[1] - a[1]);
    const containing = Object.entries(CORTEX_BANDS).find(([, [lo, hi]]) => hz >= lo && hz < hi)![0];
    expect(strongest[0]).toBe(containing);
    // A sine of amplitude A has power A²/2 = 50 µV²; a band well inside catches nearly all of it
    // (Hann leakage spreads it over ±2 bins, so allow for the edge bands losing a little).
    expect(strongest[1]).toBeGreaterThan(0.9 * 50);
    expect(strongest[1]).toBeLessThan(50 * 1.0001);
  });

  it('estimates white noise at its theoretical level 2σ²/fs and its variance as Σ psd·Δf', () => {
    const sigma = 3;
    const x = gaussianNoise(128 * 600, 99, sigma);
    const { frequenciesHz, psd } = welchPsd(x, { sampleRateHz, segmentLength: 256 });
    const level = (2 * sigma * sigma) / sampleRateHz;
    let mean = 0;
    for (let k = 1; k < psd.length - 1; k++) mean += psd[k];
    mean /= psd.length - 2;
    expect(Math.abs(mean / level - 1)).toBeLessThan(0.02);
    let power = 0;
    for (const p of psd) power += p * (frequenciesHz[1] - frequenciesHz[0]);
    expect(Math.abs(power / (sigma * sigma) - 1)).toBeLessThan(0.02);
  });

  it('median averaging is robust to a burst that a mean is not', () => {
    const x = gaussianNoise(128 * 60, 5, 2);
    for (let i = 3000; i < 3100; i++) x[i] += 500 * Math.sin(i); // a short artefact
    const config = { sampleRateHz, segmentLength: 256 } as const;
    const clean = welchPsd(gaussianNoise(128 * 60, 5, 2), config).psd;
    const mean = welchPsd(x, config).psd;
    const median = welchPsd(x, { ...config, average: 'median' }).psd;
    const bin = frequencyBin(sampleRateHz / (2 * Math.PI), sampleRateHz, 256); // where sin(i) lands (20.4 Hz)
    expect(mean[bin] / clean[bin]).toBeGreaterThan(10);
    expect(median[bin] / clean[bin]).toBeLessThan(3);
  });

  it('propagates NaN: one NaN inside a segment makes every bin NaN (mean and median)', () => {
    const x = loadSignal();
    x[300] = NaN;
    expect(Array.from(welchPsd(x, { sampleRateHz, segmentLength: 256 }).psd).every(Number.isNaN)).toBe(true);
    expect(
      Array.from(welchPsd(x, { sampleRateHz, segmentLength: 256, average: 'median' }).psd).every(Number.isNaN),
    ).toBe(true);
  });

  it('accepts a custom window table equal to the named one', () => {
    const x = loadSignal();
    const named = welchPsd(x, { sampleRateHz, segmentLength: 128, window: 'blackman' }).psd;
    const table = Float64Array.from(
      { length: 128 },
      (_, n) => 0.42 - 0.5 * Math.cos((2 * Math.PI * n) / 128) + 0.08 * Math.cos((4 * Math.PI * n) / 128),
    );
    expectClose(welchPsd(x, { sampleRateHz, segmentLength: 128, window: table }).psd, named, { rtol: 1e-12 });
  });
});

describe('welchPsd / createWelch validation', () => {
  const x = new Float64Array(1024);
  it.each([
    [{ segmentLength: 300 }, 'segmentLength must be a power of two, got 300'],
    [{ segmentLength: 0 }, 'segmentLength must be a power of two, got 0'],
    [{ sampleRateHz: 0 }, 'sampleRateHz must be a positive finite number, got 0'],
    [{ sampleRateHz: NaN }, 'sampleRateHz must be a positive finite number, got NaN'],
    [{ overlapLength: 256 }, 'overlapLength must be an integer in [0, 255], got 256'],
    [{ overlapLength: -1 }, 'overlapLength must be an integer in [0, 255], got -1'],
    [{ overlapLength: 1.5 }, 'overlapLength must be an integer in [0, 255], got 1.5'],
    [{ window: 'kaiser' }, 'window must be one of hann, hamming, blackman, rectangular, got kaiser'],
    [{ window: new Float64Array(100) }, 'window must have segmentLength (256) points, got 100'],
    [{ detrend: 'quadratic' }, 'detrend must be one of constant, linear, none, false, got quadratic'],
    [{ average: 'mode' }, 'average must be one of mean, median, got mode'],
  ])('rejects %p', (override, message) => {
    expect(() => welchPsd(x, { sampleRateHz: 128, segmentLength: 256, ...(override as object) })).toThrow(message);
  });

  it('rejects inputs shorter than a segment, and wrong lengths per call', () => {
    expect(() => welchPsd(new Float64Array(100), { sampleRateHz: 128, segmentLength: 256 })).toThrow(
      'x must have at least segmentLength (256) samples, got 100',
    );
    expect(() => createWelch({ sampleRateHz: 128, segmentLength: 256, inputLength: 100 })).toThrow(
      'inputLength must be an integer >= segmentLength (256), got 100',
    );
    const welch = createWelch({ sampleRateHz: 128, segmentLength: 256, inputLength: 512 });
    expect(() => welch(new Float64Array(511))).toThrow('x must have inputLength (512) samples, got 511');
    expect(() => welch(new Float64Array(512), new Float64Array(128))).toThrow('out must have length 129, got 128');
  });

  it('accepts detrend: false as none', () => {
    const signal = loadSignal();
    expect(Array.from(welchPsd(signal, { sampleRateHz: 128, segmentLength: 256, detrend: false }).psd)).toEqual(
      Array.from(welchPsd(signal, { sampleRateHz: 128, segmentLength: 256, detrend: 'none' }).psd),
    );
  });
});
