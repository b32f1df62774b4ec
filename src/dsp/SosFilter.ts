/**
 * A stateful IIR filter made of cascaded biquads (second-order sections), in transposed direct form II.
 *
 * Like `scipy.signal.sosfilt` with its state carried between calls (`zi` in, `zf` out), so the output does not
 * depend on how the input is chunked: one `process` call on 1000 samples equals calls on chunks of 1, 7, 300…
 * The arithmetic per sample and section is scipy's (`y = b0·x + z0; z0 = b1·x − a1·y + z1; z1 = b2·x − a2·y`),
 * so outputs match `sosfilt` to rounding. The state starts at zero (scipy's default), which produces a start-up
 * transient on a signal with an offset such as the 4200 µV Cortex EEG baseline.
 *
 * One instance filters one channel; create one per channel (the coefficients are copied, not shared).
 *
 * NaN policy: propagates into the state. A NaN (or ±Infinity) input makes that output NaN and poisons the
 * state, so every later output is NaN too, until `reset()` clears it. Remove or interpolate gaps before
 * filtering, or call `reset()` after a gap.
 *
 * ## Example
 * ```ts
 * import { SosFilter, designButterworth } from 'cortex-rx/dsp';
 *
 * const highpass = new SosFilter(designButterworth({ type: 'highpass', cutoffHz: 0.5, order: 2, sampleRateHz: 128 }));
 * const out = new Float64Array(chunkUv.length);
 * highpass.process(chunkUv, out); // state carries over to the next chunk
 * highpass.process(nextChunkUv, nextChunkUv); // in place
 * ```
 *
 * @see createIirFilter, designButterworth, designIirNotch
 */
export class SosFilter {
  /** Number of second-order sections. */
  readonly sectionCount: number;
  /** Normalised coefficients, `[b0, b1, b2, 1, a1, a2]` per section. */
  private readonly sos: Float64Array;
  /** Two delay registers per section. */
  private readonly state: Float64Array;

  /**
   * @param sos `[b0, b1, b2, a0, a1, a2]` per section, flattened (as from `designButterworth`, or
   *   `scipy.signal.butter(..., output='sos').ravel()`). Each section is divided by its `a0`.
   * @throws RangeError when the length is not a positive multiple of 6, a coefficient is not finite, or an
   *   `a0` is 0.
   */
  constructor(sos: ArrayLike<number>) {
    if (sos.length === 0 || sos.length % 6 !== 0) {
      throw new RangeError(`sos must have 6 coefficients per section, got ${sos.length}`);
    }
    this.sectionCount = sos.length / 6;
    this.sos = new Float64Array(sos.length);
    for (let s = 0; s < this.sectionCount; s++) {
      const a0 = sos[s * 6 + 3];
      if (a0 === 0) throw new RangeError(`sos section ${s} has a0 = 0`);
      for (let i = 0; i < 6; i++) {
        const value = sos[s * 6 + i];
        if (!Number.isFinite(value)) {
          throw new RangeError(`sos coefficients must be finite, got ${value} at index ${s * 6 + i}`);
        }
        this.sos[s * 6 + i] = i === 3 ? 1 : a0 === 1 ? value : value / a0;
      }
    }
    this.state = new Float64Array(this.sectionCount * 2);
  }

  /**
   * Filters `input` into `out` (which may be `input` itself), continuing from the current state.
   *
   * @param input samples, in any unit (the filter is linear).
   * @param out optional destination of length `input.length`; a new array otherwise.
   * @returns `out`, or a new array.
   * @throws RangeError when `out` has the wrong length.
   */
  process(input: Float64Array, out?: Float64Array): Float64Array {
    if (out !== undefined && out.length !== input.length) {
      throw new RangeError(`out must have length ${input.length}, got ${out.length}`);
    }
    const result = out ?? new Float64Array(input.length);
    for (let n = 0; n < input.length; n++) result[n] = this.processSample(input[n]);
    return result;
  }

  /** Filters one sample, continuing from the current state, and returns the output sample. */
  processSample(x: number): number {
    const sos = this.sos;
    const state = this.state;
    let value = x;
    for (let s = 0; s < this.sectionCount; s++) {
      const c = s * 6;
      const z = s * 2;
      const y = sos[c] * value + state[z];
      state[z] = sos[c + 1] * value - sos[c + 4] * y + state[z + 1];
      state[z + 1] = sos[c + 2] * value - sos[c + 5] * y;
      value = y;
    }
    return value;
  }

  /** Clears the state to zero (scipy's default initial conditions), e.g. after a NaN or a gap. */
  reset(): void {
    this.state.fill(0);
  }
}
