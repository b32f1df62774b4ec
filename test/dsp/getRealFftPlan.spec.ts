import { createWelch, welchPsd } from '../../src/dsp';
import { createWelchEstimator } from '../../src/dsp/createWelchEstimator';
import type { FftBackend } from '../../src/dsp/FftBackend';
import { getRealFftPlan } from '../../src/dsp/getRealFftPlan';
import { expectClose } from '../support/expectClose';
import { naiveDft } from '../support/naiveDft';
import { loadFixture, loadSignal, type WelchCase } from './loadFixture';
import { testSignal } from './testSignal';

const { cases } = loadFixture<{ cases: WelchCase[] }>('welch.json');
const BACKENDS: readonly FftBackend[] = ['fft.js', 'dsp.js'];

describe('getRealFftPlan', () => {
  it.each(BACKENDS.flatMap((b) => [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024].map((n) => [b, n] as const)))(
    '%s, n = %i: |X[k]|² for k = 0..n/2 matches a naive O(n²) DFT',
    (backend, n) => {
      const x = testSignal(n, 7 * n);
      const reference = naiveDft(x);
      const expected = new Float64Array((n >> 1) + 1);
      let peak = 0;
      for (let k = 0; k < expected.length; k++) {
        expected[k] = reference.real[k] ** 2 + reference.imag[k] ** 2;
        peak = Math.max(peak, expected[k]);
      }
      const out = new Float64Array(expected.length + 3).fill(-1); // longer `out` is allowed; the tail is untouched
      const before = Float64Array.from(x);
      const plan = getRealFftPlan(n, backend);
      plan.powerSpectrum(x, out);
      expectClose(out.subarray(0, expected.length), expected, { atol: 1e-12 * peak });
      expect(Array.from(out.subarray(expected.length))).toEqual([-1, -1, -1]);
      expect(Array.from(x)).toEqual(Array.from(before));
      expect(plan.backend).toBe(backend);
      expect(plan.fftSize).toBe(n);
    },
  );

  it.each(BACKENDS.flatMap((b) => [1, 2, 4, 8, 64, 256, 1024].map((n) => [b, n] as const)))(
    '%s, n = %i: oneSidedPowerPair of two interleaved signals matches a naive DFT of each',
    (backend, n) => {
      const a = testSignal(n, 3 * n + 1);
      const b = testSignal(n, 5 * n + 2).map((v, i) => v * 40 + 4200 + (i % 3)); // a large offset, as raw EEG
      const scale = 0.37;
      const expected = [a, b].map((x) => {
        const ref = naiveDft(x);
        return Float64Array.from({ length: (n >> 1) + 1 }, (_, k) => {
          const paired = k > 0 && k < n / 2 ? 2 : 1;
          return (ref.real[k] ** 2 + ref.imag[k] ** 2) * scale * paired;
        });
      });
      const pair = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) {
        pair[2 * i] = a[i];
        pair[2 * i + 1] = b[i];
      }
      const before = Float64Array.from(pair);
      const outA = new Float64Array((n >> 1) + 1);
      const outB = new Float64Array((n >> 1) + 1);
      getRealFftPlan(n, backend).oneSidedPowerPair(pair, scale, outA, outB);
      const peak = (x: Float64Array) => x.reduce((m, v) => Math.max(m, v), 0);
      expectClose(outA, expected[0], { atol: 1e-12 * peak(expected[0]) + 1e-9 });
      expectClose(outB, expected[1], { atol: 1e-12 * peak(expected[1]) });
      // b's huge DC does not leak into a's small spectrum beyond rounding.
      expect(Array.from(pair)).toEqual(Array.from(before));
    },
  );

  it('caches one plan per backend and size', () => {
    expect(getRealFftPlan(256, 'fft.js')).toBe(getRealFftPlan(256, 'fft.js'));
    expect(getRealFftPlan(256, 'fft.js')).not.toBe(getRealFftPlan(256, 'dsp.js'));
  });

  it('rejects bad sizes and unknown backends with the dsp messages', () => {
    expect(() => getRealFftPlan(300, 'fft.js')).toThrow(new RangeError('fftSize must be a power of two, got 300'));
    expect(() => getRealFftPlan(300, 'dsp.js')).toThrow(new RangeError('fftSize must be a power of two, got 300'));
    expect(() => getRealFftPlan(256, 'kiss' as FftBackend)).toThrow(
      new RangeError('fftBackend must be one of fft.js, dsp.js, got kiss'),
    );
  });
});

// The FFT backend left the public options (createWelch and welchPsd always run on fft.js); the backend choice now
// lives in the internal createWelchEstimator, so its tests moved there.
describe('createWelchEstimator fftBackend (internal route; createWelch is fft.js)', () => {
  it('createWelch and welchPsd are createWelchEstimator on fft.js', () => {
    const c = cases[0];
    const x = loadSignal(c.inputLength);
    const viaFftJs = createWelchEstimator({ ...c.params, inputLength: c.inputLength }, 'fft.js')(x);
    expect(Array.from(createWelch({ ...c.params, inputLength: c.inputLength })(x))).toEqual(Array.from(viaFftJs));
    expect(Array.from(welchPsd(x, c.params).psd)).toEqual(Array.from(viaFftJs));
  });

  it.each(BACKENDS.flatMap((b) => cases.map((c) => [b, c.name, c] as const)))(
    '%s, %s: every bin within 1e-9 relative of scipy',
    (fftBackend, _, c) => {
      const welch = createWelchEstimator({ ...c.params, inputLength: c.inputLength }, fftBackend);
      expectClose(welch(loadSignal(c.inputLength)), c.psd, { rtol: 1e-9 }, c.name);
    },
  );

  it.each(cases.map((c) => [c.name, c] as const))('%s: the two backends agree to 1e-12 relative', (_, c) => {
    const x = loadSignal(c.inputLength);
    const a = createWelchEstimator({ ...c.params, inputLength: c.inputLength }, 'fft.js')(x);
    const b = createWelchEstimator({ ...c.params, inputLength: c.inputLength }, 'dsp.js')(x);
    expectClose(a, b, { rtol: 1e-12 }, c.name);
  });

  it('rejects an unknown backend eagerly', () => {
    expect(() =>
      createWelchEstimator({ sampleRateHz: 128, segmentLength: 256, inputLength: 256 }, 'kiss' as FftBackend),
    ).toThrow(new RangeError('fftBackend must be one of fft.js, dsp.js, got kiss'));
  });
});
