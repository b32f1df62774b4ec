import FFT from 'fft.js';
import { assertPowerOfTwo } from './assertPowerOfTwo';
import { type FftBackend } from './FftBackend';
import { getFftPlan } from './getFftPlan';

/** Largest FFT size a plan is built for, as `getFftPlan`. */
const MAX_FFT_SIZE = 2 ** 24;

/** A cached transform of real input that yields the one-sided power `|X[k]|²`, `k = 0..fftSize/2`. */
export interface RealFftPlan {
  /** Transform size, a power of two. */
  readonly fftSize: number;
  /** The implementation behind `powerSpectrum`. */
  readonly backend: FftBackend;
  /**
   * Writes `|X[k]|²` (unscaled, not doubled) for `k = 0..fftSize/2` into `out[0..fftSize/2]`. `input` has
   * exactly `fftSize` samples and is not modified; `out` must hold at least `fftSize/2 + 1` values. Allocates
   * nothing. Not reentrant (the plan owns its scratch), which is fine for synchronous callers.
   */
  powerSpectrum(input: Float64Array, out: Float64Array): void;
  /**
   * The one-sided scaled power: `out[k] = |X[k]|² · scale`, times 2 for `0 < k < fftSize/2` (the negative
   * frequencies folded in; DC and Nyquist are unpaired), in that order of operations. Same contract as
   * `powerSpectrum` otherwise; fused into one pass because it is the inner loop of `createWelch`. With
   * `fromBin`/`toBin`, only bins `[fromBin, toBin)` are written (the rest of `out` is left as it was).
   */
  oneSidedPower(input: Float64Array, scale: number, out: Float64Array, fromBin?: number, toBin?: number): void;
  /**
   * `oneSidedPower` of two real signals at once, given interleaved in `pair` (`[a0, b0, a1, b1, …]`,
   * `2 · fftSize` values, not modified) into `outA` and `outB`. With `'fft.js'`, one complex transform of
   * `z = a + i·b` and the split `A[k] = (Z[k] + conj Z[N−k]) / 2`, `B[k] = (Z[k] − conj Z[N−k]) / 2i`: about
   * 15% less time than two real transforms, equal to them to rounding (≈1e-16 of the spectrum's peak). With
   * `'dsp.js'`, the two signals are transformed one after the other. Allocates nothing. `fromBin`/`toBin` as
   * for `oneSidedPower`: a caller that reads a band of the spectrum skips the split of the other bins.
   */
  oneSidedPowerPair(
    pair: Float64Array,
    scale: number,
    outA: Float64Array,
    outB: Float64Array,
    fromBin?: number,
    toBin?: number,
  ): void;
}

/** One plan per backend and size, built on first use and kept for the life of the process. */
const plans: Readonly<Record<FftBackend, Map<number, RealFftPlan>>> = {
  'fft.js': new Map(),
  'dsp.js': new Map(),
};

/**
 * The cached real-input power-spectrum plan for `fftSize` on `backend`, built on first use.
 *
 * With `'fft.js'`, `realTransform` fills only bins `0..N/2` of an interleaved `[re, im, …]` scratch (the other
 * half is the mirror image and is never needed for a one-sided spectrum), so no `completeSpectrum` pass runs.
 * With `'dsp.js'`, the complex plan of `getFftPlan` transforms the whole spectrum and bins `0..N/2` are read.
 *
 * @throws RangeError `fftSize must be a power of two, got 300`, or on an unknown backend.
 * @internal
 */
export function getRealFftPlan(fftSize: number, backend: FftBackend): RealFftPlan {
  const byBackend = Object.prototype.hasOwnProperty.call(plans, backend) ? plans[backend] : undefined;
  if (byBackend === undefined) {
    throw new RangeError(`fftBackend must be one of ${Object.keys(plans).join(', ')}, got ${String(backend)}`);
  }
  let plan = byBackend.get(fftSize);
  if (plan === undefined) {
    plan = backend === 'fft.js' ? fftJsPlan(fftSize) : dspJsPlan(fftSize);
    byBackend.set(fftSize, plan);
  }
  return plan;
}

function dspJsPlan(fftSize: number): RealFftPlan {
  const complex = getFftPlan(fftSize); // validates the size
  const nyquistBin = fftSize >> 1;
  const binCount = nyquistBin + 1;
  const lane = new Float64Array(fftSize);
  return {
    fftSize,
    backend: 'dsp.js',
    powerSpectrum(input, out) {
      complex.forward(input);
      const re = complex.real;
      const im = complex.imag;
      for (let k = 0; k < binCount; k++) out[k] = re[k] * re[k] + im[k] * im[k];
    },
    oneSidedPower(input, scale, out, fromBin = 0, toBin = binCount) {
      complex.forward(input);
      const re = complex.real;
      const im = complex.imag;
      for (let k = fromBin; k < toBin; k++) {
        const p = (re[k] * re[k] + im[k] * im[k]) * scale;
        out[k] = k > 0 && k < nyquistBin ? p * 2 : p;
      }
    },
    oneSidedPowerPair(pair, scale, outA, outB, fromBin = 0, toBin = binCount) {
      for (let n = 0; n < fftSize; n++) lane[n] = pair[2 * n];
      this.oneSidedPower(lane, scale, outA, fromBin, toBin);
      for (let n = 0; n < fftSize; n++) lane[n] = pair[2 * n + 1];
      this.oneSidedPower(lane, scale, outB, fromBin, toBin);
    },
  };
}

function fftJsPlan(fftSize: number): RealFftPlan {
  // Same size rules and messages as the dsp.js plans, checked before fft.js throws its own plain Error.
  assertPowerOfTwo('fftSize', fftSize);
  if (fftSize > MAX_FFT_SIZE) {
    throw new RangeError(`fftSize must be at most ${MAX_FFT_SIZE}, got ${fftSize}`);
  }
  if (fftSize === 1) {
    // fft.js needs at least 2 points; the 1-point DFT is the sample itself.
    return {
      fftSize,
      backend: 'fft.js',
      powerSpectrum(input, out) {
        out[0] = input[0] * input[0];
      },
      oneSidedPower(input, scale, out, fromBin = 0, toBin = 1) {
        if (fromBin < toBin) out[0] = input[0] * input[0] * scale;
      },
      oneSidedPowerPair(pair, scale, outA, outB, fromBin = 0, toBin = 1) {
        if (fromBin >= toBin) return;
        outA[0] = pair[0] * pair[0] * scale;
        outB[0] = pair[1] * pair[1] * scale;
      },
    };
  }
  const transform = new FFT(fftSize);
  // Interleaved [re0, im0, re1, im1, …]; a typed array is ~1.7x faster than fft.js's own Array at 256 points.
  const spectrum = new Float64Array(2 * fftSize);
  const nyquistBin = fftSize >> 1;
  const binCount = nyquistBin + 1;
  const mask = fftSize - 1;
  return {
    fftSize,
    backend: 'fft.js',
    powerSpectrum(input, out) {
      transform.realTransform(spectrum, input);
      for (let k = 0; k < binCount; k++) {
        const re = spectrum[2 * k];
        const im = spectrum[2 * k + 1];
        out[k] = re * re + im * im;
      }
    },
    oneSidedPower(input, scale, out, fromBin = 0, toBin = binCount) {
      transform.realTransform(spectrum, input);
      for (let k = fromBin; k < toBin; k++) {
        const re = spectrum[2 * k];
        const im = spectrum[2 * k + 1];
        const p = (re * re + im * im) * scale;
        out[k] = k > 0 && k < nyquistBin ? p * 2 : p;
      }
    },
    oneSidedPowerPair(pair, scale, outA, outB, fromBin = 0, toBin = binCount) {
      transform.transform(spectrum, pair);
      for (let k = fromBin; k < toBin; k++) {
        const j = (fftSize - k) & mask;
        const zr = spectrum[2 * k];
        const zi = spectrum[2 * k + 1];
        const cr = spectrum[2 * j]; // conj Z[N−k] = (cr, −ci)
        const ci = spectrum[2 * j + 1];
        // A = (Z[k] + conj Z[N−k]) / 2, B = (Z[k] − conj Z[N−k]) / 2i.
        const ar = (zr + cr) * 0.5;
        const ai = (zi - ci) * 0.5;
        const br = (zi + ci) * 0.5;
        const bi = (cr - zr) * 0.5;
        const paired = k > 0 && k < nyquistBin ? 2 : 1;
        outA[k] = (ar * ar + ai * ai) * scale * paired;
        outB[k] = (br * br + bi * bi) * scale * paired;
      }
    },
  };
}
