import { fft, powerSpectrum, isPowerOfTwo } from '../../src/dsp';
import { naiveDft } from '../support/naiveDft';
import { expectClose } from '../support/expectClose';
import { testSignal } from './testSignal';

describe('isPowerOfTwo', () => {
  it('accepts exactly the powers of two, including 1 and 2^52', () => {
    expect([1, 2, 4, 256, 2 ** 30, 2 ** 40, 2 ** 52].map(isPowerOfTwo)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([0, -2, 3, 6, 300, 1.5, 2 ** 30 + 2, NaN, Infinity, 2 ** 53 * 2].map(isPowerOfTwo)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('fft', () => {
  it.each([1, 2, 4, 8, 16, 64, 256, 1024])('matches a naive O(n²) DFT for n = %i', (n) => {
    const x = testSignal(n, n);
    const reference = naiveDft(x);
    const actual = fft(x);
    // The reference is accurate to ~n·eps of the largest term; scale the tolerance to the spectrum's size.
    let peak = 0;
    for (let k = 0; k < n; k++) peak = Math.max(peak, Math.hypot(reference.real[k], reference.imag[k]));
    expectClose(actual.real, reference.real, { atol: 1e-12 * peak }, 'real');
    expectClose(actual.imag, reference.imag, { atol: 1e-12 * peak }, 'imag');
  });

  it('computes a known transform: a cosine at bin 1 of 8 points', () => {
    const x = Float64Array.from({ length: 8 }, (_, n) => Math.cos((2 * Math.PI * n) / 8));
    const { real, imag } = fft(x);
    expectClose(real, [0, 4, 0, 0, 0, 0, 0, 4], { atol: 1e-14 });
    expectClose(imag, new Float64Array(8), { atol: 1e-14 });
  });

  it('satisfies Parseval: Σ|x|² = Σ|X|² / N', () => {
    const n = 512;
    const x = testSignal(n, 7);
    const { real, imag } = fft(x);
    let timeEnergy = 0;
    let frequencyEnergy = 0;
    for (let i = 0; i < n; i++) {
      timeEnergy += x[i] * x[i];
      frequencyEnergy += real[i] * real[i] + imag[i] * imag[i];
    }
    expect(Math.abs(frequencyEnergy / n - timeEnergy) / timeEnergy).toBeLessThan(1e-12);
  });

  it('fills the out spectrum in place and returns it, leaving the input untouched', () => {
    const x = testSignal(64, 3);
    const copy = x.slice();
    const out = { real: new Float64Array(64), imag: new Float64Array(64) };
    expect(fft(x, out)).toBe(out);
    expect(x).toEqual(copy);
    expect(Array.from(out.real)).toEqual(Array.from(fft(x).real));
    // A second size in between must not disturb results of the first (plans are per size).
    fft(testSignal(128, 4));
    expect(Array.from(fft(x).imag)).toEqual(Array.from(out.imag));
  });

  it.each([300, 0, 3, 6, 1000])('rejects an input of %i samples with a power-of-two error', (n) => {
    expect(() => fft(new Float64Array(n))).toThrow(new RangeError(`fftSize must be a power of two, got ${n}`));
    expect(() => fft(new Float64Array(n))).toThrow(/power of two/);
  });

  it('rejects a wrongly sized out', () => {
    expect(() => fft(new Float64Array(8), { real: new Float64Array(8), imag: new Float64Array(4) })).toThrow(
      'out.imag must have length 8, got 4',
    );
  });

  it('propagates NaN to every bin', () => {
    const x = testSignal(16, 1);
    x[5] = NaN;
    const { real, imag } = fft(x);
    expect(Array.from(real).every(Number.isNaN)).toBe(true);
    expect(Array.from(imag).every(Number.isNaN)).toBe(true);
  });
});

describe('powerSpectrum', () => {
  it('returns |X[k]|² for k = 0..n/2, Nyquist included: n/2 + 1 bins', () => {
    const n = 256;
    const x = testSignal(n, 11);
    const reference = naiveDft(x);
    const out = new Float64Array(129);
    expect(powerSpectrum(x, out)).toBe(out);
    const expected = Array.from({ length: 129 }, (_, k) => reference.real[k] ** 2 + reference.imag[k] ** 2);
    expectClose(out, expected, { rtol: 1e-9, atol: 1e-12 * Math.max(...expected) });
  });

  it('puts an alternating ±1 signal entirely in the Nyquist bin', () => {
    const x = Float64Array.from({ length: 8 }, (_, n) => (n % 2 === 0 ? 1 : -1));
    const p = powerSpectrum(x);
    expect(p.length).toBe(5);
    expectClose(p, [0, 0, 0, 0, 64], { atol: 1e-12 });
  });

  it('one-sided energy (doubling 0 < k < n/2) equals n · Σx² (Parseval)', () => {
    const n = 1024;
    const x = testSignal(n, 5);
    const p = powerSpectrum(x);
    let oneSided = p[0] + p[n / 2];
    for (let k = 1; k < n / 2; k++) oneSided += 2 * p[k];
    let energy = 0;
    for (const v of x) energy += v * v;
    expect(Math.abs(oneSided / n - energy) / energy).toBeLessThan(1e-12);
  });

  it('validates the size and the out length', () => {
    expect(() => powerSpectrum(new Float64Array(300))).toThrow('fftSize must be a power of two, got 300');
    expect(() => powerSpectrum(new Float64Array(256), new Float64Array(128))).toThrow(
      'out must have length 129, got 128',
    );
  });
});
