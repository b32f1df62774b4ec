/**
 * Textbook O(n²) DFT, `X[k] = Σₙ x[n]·e^{-2πikn/N}`: an independent reference for `fft` in the tests.
 *
 * The twiddle angle is reduced with `(k·n) mod N` before the trigonometric call, so every twiddle is accurate
 * to the last bit instead of accumulating error the way a recursive FFT does.
 */
export function naiveDft(x: ArrayLike<number>): { real: Float64Array; imag: Float64Array } {
  const n = x.length;
  const real = new Float64Array(n);
  const imag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let re = 0;
    let im = 0;
    for (let t = 0; t < n; t++) {
      const angle = (-2 * Math.PI * ((k * t) % n)) / n;
      re += x[t] * Math.cos(angle);
      im += x[t] * Math.sin(angle);
    }
    real[k] = re;
    imag[k] = im;
  }
  return { real, imag };
}
