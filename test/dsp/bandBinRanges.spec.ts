import fc from 'fast-check';
import { bandBinRanges, binFrequencyHz, CLASSIC_BANDS, CORTEX_BANDS, type FrequencyBands } from '../../src/dsp';

/** Bin axis of a `fftSize`-point one-sided spectrum at `sampleRateHz`, as createWelch builds it. */
const axis = (sampleRateHz: number, fftSize: number): Float64Array =>
  Float64Array.from({ length: fftSize / 2 + 1 }, (_, k) => binFrequencyHz(k, sampleRateHz, fftSize));

/** The reference: every bin k with loHz <= f[k] < hiHz, by testing each bin (no search, no ranges). */
const binsIn = (f: Float64Array, loHz: number, hiHz: number): number[] =>
  Array.from(f.keys()).filter((k) => loHz <= f[k] && f[k] < hiHz);

/** The bins a `[lo, hi)` index range holds. */
const rangeBins = (lo: number, hi: number): number[] => Array.from({ length: Math.max(0, hi - lo) }, (_, i) => lo + i);

describe('bandBinRanges', () => {
  it('gives the Cortex bands at 256 Hz / 256 points as the bins of [loHz, hiHz) at 1 Hz per bin', () => {
    const r = bandBinRanges(CORTEX_BANDS, axis(256, 256));
    expect(r.bandNames).toEqual(['theta', 'alpha', 'betaL', 'betaH', 'gamma']);
    expect(Array.from(r.loBins)).toEqual([4, 8, 12, 16, 25]);
    expect(Array.from(r.hiBins)).toEqual([8, 12, 16, 25, 45]);
    expect([r.totalLoBin, r.totalHiBin]).toEqual([4, 45]);
    expect(r.binWidthHz).toBe(1);
    expect(Object.isFrozen(r.bandNames)).toBe(true);
  });

  it('puts a bin exactly on a shared edge in the upper band (8 Hz at 128 Hz / 256 points)', () => {
    const f = axis(128, 256);
    const r = bandBinRanges(CLASSIC_BANDS, f);
    const theta = r.bandNames.indexOf('theta');
    const alpha = r.bandNames.indexOf('alpha');
    expect(f[16]).toBe(8);
    expect(r.hiBins[theta]).toBe(16); // theta stops before 8 Hz
    expect(r.loBins[alpha]).toBe(16); // alpha starts at 8 Hz
  });

  it('holds exactly the bins of a bin-by-bin test, for any bands and axis (property)', () => {
    const band = fc
      .tuple(fc.double({ min: 0, max: 200, noNaN: true }), fc.double({ min: 0, max: 200, noNaN: true }))
      .filter(([a, b]) => a !== b)
      .map(([a, b]): [number, number] => (a < b ? [a, b] : [b, a]));
    fc.assert(
      fc.property(
        fc.constantFrom(64, 128, 200, 256, 500.5),
        fc.constantFrom(2, 8, 64, 256, 1024),
        fc.array(band, { minLength: 1, maxLength: 6 }),
        (sampleRateHz, fftSize, edges) => {
          const f = axis(sampleRateHz, fftSize);
          const bands: FrequencyBands = Object.fromEntries(edges.map((e, i) => [`b${i}`, e]));
          const r = bandBinRanges(bands, f);
          edges.forEach(([lo, hi], b) => expect(rangeBins(r.loBins[b], r.hiBins[b])).toEqual(binsIn(f, lo, hi)));
          const minLo = Math.min(...edges.map((e) => e[0]));
          const maxHi = Math.max(...edges.map((e) => e[1]));
          expect(rangeBins(r.totalLoBin, r.totalHiBin)).toEqual(binsIn(f, minLo, maxHi));
          expect(r.binWidthHz).toBe(f[1] - f[0]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives an empty range to a band between two bins', () => {
    const r = bandBinRanges({ narrow: [10.1, 10.2] }, axis(256, 256));
    expect([r.loBins[0], r.hiBins[0]]).toEqual([11, 11]);
  });

  it.each([
    [{ alpha: [12, 8] }, 'band alpha must satisfy 0 <= loHz < hiHz (finite), got [12, 8)'],
    [{ neg: [-1, 4] }, 'band neg must satisfy 0 <= loHz < hiHz (finite), got [-1, 4)'],
    [{ inf: [1, Infinity] }, 'band inf must satisfy 0 <= loHz < hiHz (finite), got [1, Infinity)'],
    [{ nan: [NaN, 4] }, 'band nan must satisfy 0 <= loHz < hiHz (finite), got [NaN, 4)'],
    [{}, 'bands must name at least one band, got none'],
    [null, 'bands must be a table of name → [loHz, hiHz), got null'],
  ])('rejects %p', (bands, message) => {
    expect(() => bandBinRanges(bands as unknown as FrequencyBands, axis(256, 256))).toThrow(new RangeError(message));
  });
});
