import { from, lastValueFrom, toArray } from 'rxjs';
import { designIirNotch } from '../../src/dsp';
import { isGap, notch, type Float64Sample, type NotchConfig, type Sample } from '../../src/operators';
import { describeFilterOperator } from './filterOperatorCases';

describeFilterOperator(
  'notch',
  (copy) => notch({ notchHz: 50, sampleRateHz: 256, copy }),
  designIirNotch({ notchHz: 50, q: 30, sampleRateHz: 256 }),
  256,
);

describeFilterOperator(
  'notch (60 Hz, q 10)',
  (copy) => notch({ notchHz: 60, sampleRateHz: 250, q: 10, copy }),
  designIirNotch({ notchHz: 60, q: 10, sampleRateHz: 250 }),
  250,
);

describe('notch', () => {
  it('removes a 50 Hz hum and keeps a 10 Hz alpha wave', async () => {
    const sampleRateHz = 256;
    const samples: Sample[] = Array.from({ length: sampleRateHz * 10 }, (_, n) => {
      const t = n / sampleRateHz;
      const uv = 10 * Math.sin(2 * Math.PI * 10 * t) + 30 * Math.sin(2 * Math.PI * 50 * t);
      return { values: Float64Array.of(uv), timeS: t };
    });
    const out = (await lastValueFrom(from(samples).pipe(notch({ notchHz: 50, sampleRateHz }), toArray()))).filter(
      (s): s is Float64Sample => !isGap(s),
    );
    // After the transient: the residual against the pure 10 Hz wave is small (q = 30 barely touches 10 Hz).
    let worst = 0;
    for (let n = sampleRateHz * 5; n < out.length; n++) {
      const alpha = 10 * Math.sin(2 * Math.PI * 10 * (n / sampleRateHz));
      worst = Math.max(worst, Math.abs(out[n].values[0] - alpha));
    }
    expect(worst).toBeLessThan(1);
  });

  it.each([
    [{ notchHz: 100, sampleRateHz: 128 }, 'notchHz must be within (0, 64) Hz (Nyquist), got 100'],
    [{ notchHz: 50, sampleRateHz: 256, q: 0 }, 'q must be a positive finite number, got 0'],
    [{ notchHz: 50, sampleRateHz: -1 }, 'sampleRateHz must be a positive finite number, got -1'],
  ] as Array<[NotchConfig, string]>)('throws synchronously on bad config %j', (config, message) => {
    expect(() => notch(config)).toThrow(new RangeError(message));
  });
});
