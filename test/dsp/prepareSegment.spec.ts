import { detrend, getWindow } from '../../src/dsp';
import { prepareSegment, segmentMean } from '../../src/dsp/prepareSegment';
import { expectClose } from '../support/expectClose';

/** The reference: slice the segment, `detrend` it, multiply by the window, element by element. */
function reference(x: Float64Array, start: number, n: number, kind: 'constant' | 'linear' | 'none'): number[] {
  const w = getWindow('hann', n);
  return Array.from(detrend(x.slice(start, start + n), kind)).map((v, i) => v * w[i]);
}

describe('prepareSegment', () => {
  const x = Float64Array.from({ length: 40 }, (_, i) => 4200 + 3 * i + 20 * Math.sin(i * 0.7));

  it.each(['constant', 'linear', 'none'] as const)(
    '%s: detrend then window, into any lane of a strided array',
    (kind) => {
      const n = 16;
      const scratch = new Float64Array(n);
      for (const [offset, stride] of [
        [0, 1],
        [0, 2],
        [1, 2],
      ]) {
        const dst = new Float64Array(2 * n).fill(-1);
        expect(prepareSegment(x, 8, n, kind, getWindow('hann', n), scratch, dst, offset, stride)).toBe(true);
        const lane = Array.from({ length: n }, (_, i) => dst[offset + i * stride]);
        expectClose(lane, reference(x, 8, n, kind), { rtol: 1e-12, atol: 1e-9 }, kind);
        // The other lane is untouched.
        if (stride === 2)
          expect(Array.from({ length: n }, (_, i) => dst[1 - offset + 2 * i])).toEqual(Array(n).fill(-1));
      }
    },
  );

  it('says false for a segment with a NaN or an infinity, true when they sit outside it', () => {
    const y = x.slice();
    y[3] = NaN;
    y[30] = Infinity;
    const dst = new Float64Array(8);
    for (const kind of ['constant', 'linear', 'none'] as const) {
      expect(prepareSegment(y, 0, 8, kind, getWindow('hann', 8), new Float64Array(8), dst, 0, 1)).toBe(false);
      expect(prepareSegment(y, 28, 8, kind, getWindow('hann', 8), new Float64Array(8), dst, 0, 1)).toBe(false);
      expect(prepareSegment(y, 10, 8, kind, getWindow('hann', 8), new Float64Array(8), dst, 0, 1)).toBe(true);
    }
  });

  it('segmentMean is the mean of the run, NaN with a NaN in it', () => {
    expect(segmentMean(Float64Array.of(9, 1, 2, 3, 9), 1, 3)).toBe(2);
    expect(segmentMean(Float64Array.of(1, NaN, 3), 0, 3)).toBeNaN();
  });
});
