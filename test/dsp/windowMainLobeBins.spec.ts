import { getWindow, type WindowKind } from '../../src/dsp';
import { windowMainLobeBins } from '../../src/dsp/windowMainLobeBins';
import { naiveDft } from '../support/naiveDft';

/** The reference: the largest bin k in 0..N/2 where the window's naive DFT is not zero (to rounding). */
function lastNonZeroBin(kind: WindowKind, n: number): number {
  const { real, imag } = naiveDft(getWindow(kind, n));
  const magnitude = (k: number) => Math.hypot(real[k], imag[k]);
  let last = 0;
  for (let k = 0; k <= n / 2; k++) if (magnitude(k) > 1e-9 * magnitude(0)) last = k;
  return last;
}

describe('windowMainLobeBins', () => {
  it.each(['rectangular', 'hann', 'hamming', 'blackman'] as const)('%s: the last non-zero bin of its DFT', (kind) => {
    for (const n of [16, 64, 256]) expect(windowMainLobeBins(kind)).toBe(lastNonZeroBin(kind, n));
  });

  it('is 0, 1, 1, 2', () => {
    expect((['rectangular', 'hann', 'hamming', 'blackman'] as const).map(windowMainLobeBins)).toEqual([0, 1, 1, 2]);
  });

  it('rejects an unknown window', () => {
    expect(() => windowMainLobeBins('kaiser' as WindowKind)).toThrow(
      new RangeError('window must be one of hann, hamming, blackman, rectangular, got kaiser'),
    );
  });
});
