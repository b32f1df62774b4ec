import { assertOutLength } from './assertOutLength';
import { getFftPlan } from './getFftPlan';

/** A complex spectrum as two parallel arrays, `X[k] = real[k] + i·imag[k]`. */
export interface ComplexSpectrum {
  /** Real parts, one per bin. */
  readonly real: Float64Array;
  /** Imaginary parts, one per bin. */
  readonly imag: Float64Array;
}

/**
 * Full complex DFT of a real signal, `X[k] = Σₙ x[n]·e^{-2πikn/N}` for `k = 0..N-1`, unscaled.
 *
 * Like numpy's `fft.fft`, but for real `Float64Array` input whose length is a power of two. The transform runs
 * on the cached dsp.js radix-2 plan for `N = input.length` (built once per size and reused), then the result is
 * copied into `out` (or into a new spectrum when `out` is omitted). `input` is not modified.
 *
 * NaN policy: propagates. A NaN (or ±Infinity) anywhere in `input` makes every bin NaN, because every output
 * bin is a sum over every input sample.
 *
 * ## Example
 * ```ts
 * import { fft } from 'cortex-rx/dsp';
 *
 * const x = new Float64Array(8).map((_, n) => Math.cos((2 * Math.PI * n) / 8));
 * const X = fft(x); // X.real ≈ [0, 4, 0, 0, 0, 0, 0, 4], X.imag ≈ 0
 * ```
 *
 * @param input real samples; `input.length` is the FFT size and must be a power of two.
 * @param out optional destination whose `real` and `imag` have length `input.length`; filled in place and
 *   returned, so steady-state use allocates nothing.
 * @returns `out`, or a newly allocated spectrum.
 * @throws RangeError `fftSize must be a power of two, got 300`, or when `out` has the wrong length.
 * @see powerSpectrum for the one-sided `|X[k]|²`.
 */
export function fft(input: Float64Array, out?: ComplexSpectrum): ComplexSpectrum {
  const n = input.length;
  const plan = getFftPlan(n);
  if (out !== undefined) {
    assertOutLength(out.real, n, 'out.real');
    assertOutLength(out.imag, n, 'out.imag');
  }
  const result = out ?? { real: new Float64Array(n), imag: new Float64Array(n) };
  plan.forward(input);
  result.real.set(plan.real);
  result.imag.set(plan.imag);
  return result;
}
