/**
 * Minimal ambient typing for the parts of `dsp.js@1.0.1` that cortex-rx uses.
 *
 * Only the complex radix-2 `FFT` class is declared. `RFFT` is deliberately left out: it reports wrong
 * magnitudes and must not be used.
 */
declare module 'dsp.js' {
  /**
   * Radix-2 complex FFT of a real input (the imaginary input is taken as zero).
   * `forward` fills `real` and `imag` (length `bufferSize`) with `X[k] = Σ x[n] e^{-2πikn/N}` (no scaling).
   */
  export class FFT {
    /**
     * @param bufferSize transform size; must be a power of two.
     * @param sampleRate only used by dsp.js's own band helpers, never by `forward`.
     */
    constructor(bufferSize: number, sampleRate: number);
    readonly bufferSize: number;
    /** Real parts of the last forward transform, length `bufferSize`. */
    readonly real: Float64Array;
    /** Imaginary parts of the last forward transform, length `bufferSize`. */
    readonly imag: Float64Array;
    /** Transforms `buffer` (length must equal `bufferSize`) into `real` / `imag`. Allocates nothing. */
    forward(buffer: ArrayLike<number>): void;
  }
}
