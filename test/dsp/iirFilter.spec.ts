import {
  createIirFilter,
  designButterworth,
  designIirNotch,
  SosFilter,
  welchPsd,
  frequencyBin,
  type IirFilterConfig,
} from '../../src/dsp';
import { expectClose } from '../support/expectClose';
import { loadFixture, loadSignal } from './loadFixture';
import { gaussianNoise, sine } from './testSignal';

interface IirCase {
  readonly name: string;
  readonly config: IirFilterConfig;
  readonly sos: number[][];
  readonly output: number[];
}
const fixture = loadFixture<{ inputLength: number; cases: IirCase[] }>('iir.json');
const input = loadSignal(fixture.inputLength);

function design(config: IirFilterConfig): Float64Array {
  return config.type === 'notch' ? designIirNotch(config) : designButterworth(config);
}

describe('IIR designs against scipy', () => {
  it('cover notch, highpass, lowpass (odd and even order) and bandpass (odd and even order)', () => {
    const kinds = fixture.cases.map((c) => `${c.config.type}${'order' in c.config ? c.config.order : ''}`);
    expect(kinds).toEqual([
      'notch',
      'notch',
      'highpass1',
      'highpass4',
      'lowpass4',
      'lowpass5',
      'bandpass2',
      'bandpass3',
    ]);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: same sections as scipy', (_, c) => {
    const sos = design(c.config);
    // Same sections in the same order, gain in the first: coefficients agree to rounding.
    expectClose(sos, c.sos.flat(), { rtol: 1e-12, atol: 1e-15 }, c.name);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s: same output as sosfilt', (_, c) => {
    const output = createIirFilter(c.config).process(input);
    const scale = Math.max(...c.output.map(Math.abs));
    expectClose(output, c.output, { rtol: 1e-9, atol: 1e-11 * scale }, c.name);
  });
});

describe('SosFilter', () => {
  const config: IirFilterConfig = { type: 'bandpass', passbandHz: [1, 45], order: 4, sampleRateHz: 128 };
  const x = Float64Array.from(gaussianNoise(1000, 8, 5), (v, i) => v + 4200 + 10 * Math.sin(i / 5));

  it('gives the same output whatever the chunking (1 × 1000 == chunks of 1, 7, 300, …)', () => {
    const whole = createIirFilter(config).process(x);
    for (const chunkSizes of [[1], [7], [300], [1, 7, 300, 2, 690]]) {
      const filter = createIirFilter(config);
      const pieces = new Float64Array(x.length);
      let offset = 0;
      let i = 0;
      while (offset < x.length) {
        const size = Math.min(chunkSizes[i++ % chunkSizes.length], x.length - offset);
        filter.process(x.subarray(offset, offset + size), pieces.subarray(offset, offset + size));
        offset += size;
      }
      expect(Array.from(pieces)).toEqual(Array.from(whole));
    }
    const sampleBySample = createIirFilter(config);
    expect(Array.from(x, (v) => sampleBySample.processSample(v))).toEqual(Array.from(whole));
  });

  it('filters in place and into out', () => {
    const expected = createIirFilter(config).process(x);
    const inPlace = x.slice();
    const filter = createIirFilter(config);
    expect(filter.process(inPlace, inPlace)).toBe(inPlace);
    expect(Array.from(inPlace)).toEqual(Array.from(expected));
    expect(() => filter.process(x, new Float64Array(3))).toThrow('out must have length 1000, got 3');
  });

  it('propagates NaN into its state until reset()', () => {
    const filter = createIirFilter({ type: 'highpass', cutoffHz: 0.5, order: 2, sampleRateHz: 128 });
    filter.process(x.subarray(0, 100));
    expect(filter.processSample(NaN)).toBeNaN();
    expect(Array.from(filter.process(x.subarray(0, 50))).every(Number.isNaN)).toBe(true);
    filter.reset();
    const fresh = createIirFilter({ type: 'highpass', cutoffHz: 0.5, order: 2, sampleRateHz: 128 });
    expect(Array.from(filter.process(x))).toEqual(Array.from(fresh.process(x)));
  });

  it('normalises sections by a0 and validates coefficients', () => {
    const sos = designIirNotch({ notchHz: 50, sampleRateHz: 256 });
    const scaled = sos.map((v) => v * 4);
    const a = new SosFilter(sos).process(x);
    expectClose(new SosFilter(scaled).process(x), a, { rtol: 1e-14, atol: 1e-12 });
    expect(
      new SosFilter(designButterworth({ type: 'lowpass', cutoffHz: 30, order: 5, sampleRateHz: 128 })).sectionCount,
    ).toBe(3);
    expect(() => new SosFilter([1, 2, 3])).toThrow('sos must have 6 coefficients per section, got 3');
    expect(() => new SosFilter([1, 0, 0, 0, 0, 0])).toThrow('sos section 0 has a0 = 0');
    expect(() => new SosFilter([1, NaN, 0, 1, 0, 0])).toThrow('sos coefficients must be finite, got NaN at index 1');
  });
});

describe('filter behaviour', () => {
  const sampleRateHz = 128;

  it('the 50 Hz notch removes mains and keeps alpha', () => {
    const x = Float64Array.from(
      sine(4096, 50, sampleRateHz, 20),
      (v, i) => v + 10 * Math.sin((2 * Math.PI * 10 * i) / sampleRateHz),
    );
    const y = createIirFilter({ type: 'notch', notchHz: 50, q: 30, sampleRateHz }).process(x).subarray(1024);
    const { psd } = welchPsd(y, { sampleRateHz, segmentLength: 256 });
    const before = welchPsd(x.subarray(1024), { sampleRateHz, segmentLength: 256 }).psd;
    const mains = frequencyBin(50, sampleRateHz, 256);
    const alpha = frequencyBin(10, sampleRateHz, 256);
    expect(psd[mains] / before[mains]).toBeLessThan(1e-4);
    expect(Math.abs(psd[alpha] / before[alpha] - 1)).toBeLessThan(0.01);
  });

  it('the DC-removal highpass takes the 4200 µV offset to zero', () => {
    const x = new Float64Array(128 * 30).fill(4200);
    const y = createIirFilter({ type: 'highpass', cutoffHz: 0.5, order: 2, sampleRateHz }).process(x);
    expect(Math.abs(y[y.length - 1])).toBeLessThan(1e-6);
  });

  it('validates designs eagerly', () => {
    expect(() => designIirNotch({ notchHz: 70, sampleRateHz })).toThrow(
      'notchHz must be within (0, 64) Hz (Nyquist), got 70',
    );
    expect(() => designIirNotch({ notchHz: 50, q: 0, sampleRateHz })).toThrow(
      'q must be a positive finite number, got 0',
    );
    expect(() => designButterworth({ type: 'lowpass', cutoffHz: 64, sampleRateHz })).toThrow(
      'cutoffHz must be within (0, 64) Hz (Nyquist), got 64',
    );
    expect(() => designButterworth({ type: 'highpass', cutoffHz: 1, order: 0, sampleRateHz })).toThrow(
      'order must be an integer in [1, 16], got 0',
    );
    expect(() => designButterworth({ type: 'bandpass', passbandHz: [13, 8], sampleRateHz })).toThrow(
      'passbandHz must satisfy loHz < hiHz, got [13, 8]',
    );
    expect(() =>
      designButterworth({ type: 'bandstop', cutoffHz: 1, sampleRateHz } as unknown as IirFilterConfig & {
        type: 'lowpass';
      }),
    ).toThrow('type must be one of lowpass, highpass, bandpass, got bandstop');
  });
});
