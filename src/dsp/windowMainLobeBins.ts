import { COSINE_WINDOW_COEFFICIENTS } from './cosineWindowCoefficients';
import type { WindowKind } from './getWindow';

/**
 * The bins on each side of DC where a constant times the periodic window `kind` has spectral content: the largest
 * `k` with `W[k] ≠ 0` in the window's DFT. A generalised-cosine window `Σ a_j cos(j·φ)` with `J` coefficients is a
 * sum of `J` complex exponentials per side, so its DFT is non-zero on bins `|k| < J` only, at every length:
 * rectangular 0, Hann and Hamming 1, Blackman 2. (This is the main lobe as the DFT samples it: Hann's first zero is
 * at bin 2.)
 *
 * Why it matters: removing a segment's mean subtracts `mean · w`, which changes bins `0..windowMainLobeBins(kind)`
 * only, so a band that starts above them does not depend on a constant detrend (`bandPower` skips it then).
 *
 * NaN policy: not applicable (no signal input).
 *
 * @param kind a `WindowKind`.
 * @returns the number of bins above DC inside the main lobe.
 * @throws RangeError on an unknown kind.
 * @internal
 */
export function windowMainLobeBins(kind: WindowKind): number {
  if (!Object.prototype.hasOwnProperty.call(COSINE_WINDOW_COEFFICIENTS, kind)) {
    throw new RangeError(
      `window must be one of ${Object.keys(COSINE_WINDOW_COEFFICIENTS).join(', ')}, got ${String(kind)}`,
    );
  }
  return COSINE_WINDOW_COEFFICIENTS[kind].length - 1;
}
