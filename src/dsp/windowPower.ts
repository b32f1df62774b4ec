import { getWindow, type WindowKind } from './getWindow';

/** Normalisation constants of one window table (see `windowPower`). */
export interface WindowPower {
  /** Number of points `N`. */
  readonly lengthSamples: number;
  /** `Σ w[n]`, the DC gain. */
  readonly sum: number;
  /** `Σ w[n]²`, the noise (power) gain; a PSD is divided by `sampleRateHz · sumSquares`. */
  readonly sumSquares: number;
  /** `Σ w[n] / N`: the amplitude of a bin-centred sinusoid is scaled by this (1 for rectangular, 0.5 for Hann). */
  readonly coherentGain: number;
  /** Equivalent noise bandwidth in bins, `N · Σ w² / (Σ w)²` (1 for rectangular, 1.5 for Hann). */
  readonly enbwBins: number;
}

const cache = new Map<WindowKind, Map<number, WindowPower>>();

/**
 * Power normalisation of the periodic window `getWindow(kind, lengthSamples)`, cached per `(kind, length)`.
 *
 * Like `normalizeFFT` in @thi.ng/dsp: the scaling a spectral estimate must undo. A power spectral density
 * divides `|X[k]|²` by `sampleRateHz · sumSquares` (what `welchPsd` does); an amplitude spectrum of a
 * sinusoid divides `|X[k]|` by `N · coherentGain`.
 *
 * NaN policy: not applicable (no signal input).
 *
 * ## Example
 * ```ts
 * import { windowPower } from 'cortex-rx/dsp';
 *
 * const { sumSquares, coherentGain } = windowPower('hann', 256); // 96, 0.5
 * ```
 *
 * @param kind the window function.
 * @param lengthSamples number of points, a positive integer.
 * @returns the cached, frozen constants.
 * @throws RangeError as `getWindow` does.
 * @see getWindow
 */
export function windowPower(kind: WindowKind, lengthSamples: number): WindowPower {
  let byLength = cache.get(kind);
  let power = byLength?.get(lengthSamples);
  if (power === undefined) {
    const w = getWindow(kind, lengthSamples);
    let sum = 0;
    let sumSquares = 0;
    for (let n = 0; n < w.length; n++) {
      sum += w[n];
      sumSquares += w[n] * w[n];
    }
    power = Object.freeze({
      lengthSamples,
      sum,
      sumSquares,
      coherentGain: sum / lengthSamples,
      enbwBins: (lengthSamples * sumSquares) / (sum * sum),
    });
    if (byLength === undefined) {
      byLength = new Map();
      cache.set(kind, byLength);
    }
    byLength.set(lengthSamples, power);
  }
  return power;
}
