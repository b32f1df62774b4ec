import fc from 'fast-check';
import { binFrequencyHz, frequencyBin } from '../../src/dsp';

describe('binFrequencyHz / frequencyBin', () => {
  it('gives known values: 0.5 Hz bins at 128 Hz / 256 points', () => {
    expect(binFrequencyHz(0, 128, 256)).toBe(0);
    expect(binFrequencyHz(1, 128, 256)).toBe(0.5);
    expect(binFrequencyHz(16, 128, 256)).toBe(8);
    expect(binFrequencyHz(128, 128, 256)).toBe(64);
    expect(frequencyBin(10, 128, 256)).toBe(20);
    expect(frequencyBin(10.2, 128, 256)).toBe(20);
    expect(frequencyBin(10.25, 128, 256)).toBe(21); // halfway rounds up
    expect(frequencyBin(64, 128, 256)).toBe(128);
    expect(binFrequencyHz(3, 250, 512)).toBe(1.46484375);
  });

  it('frequencyBin inverts binFrequencyHz on every bin (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 14 }),
        fc.double({ min: 1, max: 100_000, noNaN: true }),
        fc.nat(),
        (log2Size, sampleRateHz, binSeed) => {
          const fftSize = 2 ** log2Size;
          const bin = binSeed % ((fftSize >> 1) + 1);
          return frequencyBin(binFrequencyHz(bin, sampleRateHz, fftSize), sampleRateHz, fftSize) === bin;
        },
      ),
    );
  });

  it('maps any frequency to a bin centre at most half a bin away (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }),
        fc.double({ min: 1, max: 10_000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (log2Size, sampleRateHz, fraction) => {
          const fftSize = 2 ** log2Size;
          const hz = (fraction * sampleRateHz) / 2;
          const centre = binFrequencyHz(frequencyBin(hz, sampleRateHz, fftSize), sampleRateHz, fftSize);
          return Math.abs(centre - hz) <= (sampleRateHz / fftSize / 2) * (1 + 1e-12);
        },
      ),
    );
  });

  it('validates eagerly with precise messages', () => {
    expect(() => binFrequencyHz(1, 128, 300)).toThrow('fftSize must be a power of two, got 300');
    expect(() => frequencyBin(1, 128, 1.5)).toThrow('fftSize must be a power of two, got 1.5');
    expect(() => binFrequencyHz(129, 128, 256)).toThrow('bin must be an integer in [0, 128], got 129');
    expect(() => binFrequencyHz(0.5, 128, 256)).toThrow(/bin must be an integer/);
    expect(() => frequencyBin(70, 128, 256)).toThrow('hz must be within [0, 64] (Nyquist), got 70');
    expect(() => frequencyBin(NaN, 128, 256)).toThrow(/hz must be within/);
    expect(() => frequencyBin(-1, 128, 256)).toThrow(/hz must be within/);
    expect(() => binFrequencyHz(1, 0, 256)).toThrow('sampleRateHz must be a positive finite number, got 0');
  });
});
