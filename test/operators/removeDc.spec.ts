import { from, lastValueFrom, toArray } from 'rxjs';
import { designButterworth } from '../../src/dsp';
import { isGap, removeDc, type Float64Sample, type RemoveDcConfig } from '../../src/operators';
import { describeFilterOperator } from './filterOperatorCases';
import { syntheticSamples } from './operatorTestSupport';

describeFilterOperator(
  'removeDc',
  (copy) => removeDc({ sampleRateHz: 256, copy }),
  designButterworth({ type: 'highpass', cutoffHz: 0.5, order: 2, sampleRateHz: 256 }),
  256,
);

describeFilterOperator(
  'removeDc (cutoffHz 1, order 3)',
  (copy) => removeDc({ sampleRateHz: 128, cutoffHz: 1, order: 3, copy }),
  designButterworth({ type: 'highpass', cutoffHz: 1, order: 3, sampleRateHz: 128 }),
  128,
);

describe('removeDc', () => {
  it('removes the 4200 µV offset once the start-up transient has decayed', async () => {
    const out = (
      await lastValueFrom(from(syntheticSamples(256 * 20, 2, 256, 4)).pipe(removeDc({ sampleRateHz: 256 }), toArray()))
    ).filter((s): s is Float64Sample => !isGap(s));
    const tail = out.slice(-256 * 4);
    for (let c = 0; c < 2; c++) {
      const mean = tail.reduce((sum, s) => sum + s.values[c], 0) / tail.length;
      expect(Math.abs(mean)).toBeLessThan(0.5);
    }
  });

  it.each([
    [{ sampleRateHz: 256, cutoffHz: 200 }, 'cutoffHz must be within (0, 128) Hz (Nyquist), got 200'],
    [{ sampleRateHz: 256, cutoffHz: 0 }, 'cutoffHz must be within (0, 128) Hz (Nyquist), got 0'],
    [{ sampleRateHz: 0 }, 'sampleRateHz must be a positive finite number, got 0'],
    [{ sampleRateHz: 256, order: 0 }, 'order must be an integer in [1, 16], got 0'],
    [{ sampleRateHz: 256, copy: 'no' }, 'copy must be a boolean, got no'],
  ] as unknown as Array<[RemoveDcConfig, string]>)('throws synchronously on bad config %j', (config, message) => {
    expect(() => removeDc(config)).toThrow(new RangeError(message));
  });
});
