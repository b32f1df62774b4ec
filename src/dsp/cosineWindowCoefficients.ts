import type { WindowKind } from './getWindow';

/**
 * Generalised-cosine coefficients of each window, `w = Σ a_k cos(k·φ)`, `φ ∈ [-π, π)`, as scipy's
 * `general_cosine` uses them: the one table behind
 * `getWindow` and `windowMainLobeBins` (keyed by the members of `WindowKind`).
 *
 * @internal
 */
export const COSINE_WINDOW_COEFFICIENTS: Readonly<Record<WindowKind, readonly number[]>> = {
  // scipy: general_hamming(M, 0.5) → [alpha, 1 - alpha]
  hann: [0.5, 1 - 0.5],
  // scipy: general_hamming(M, 0.54); `1 - 0.54` is 0.45999999999999996, kept bit-identical on purpose.
  hamming: [0.54, 1 - 0.54],
  blackman: [0.42, 0.5, 0.08],
  rectangular: [1],
};
