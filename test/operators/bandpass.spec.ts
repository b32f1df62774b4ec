import { designButterworth } from '../../src/dsp';
import { bandpass, type BandpassConfig } from '../../src/operators';
import { describeFilterOperator } from './filterOperatorCases';

describeFilterOperator(
  'bandpass',
  (copy) => bandpass({ lowHz: 1, highHz: 45, sampleRateHz: 256, copy }),
  designButterworth({ type: 'bandpass', passbandHz: [1, 45], order: 4, sampleRateHz: 256 }),
  256,
);

describeFilterOperator(
  'bandpass (order 2, alpha)',
  (copy) => bandpass({ lowHz: 8, highHz: 12, sampleRateHz: 128, order: 2, copy }),
  designButterworth({ type: 'bandpass', passbandHz: [8, 12], order: 2, sampleRateHz: 128 }),
  128,
);

describe('bandpass config', () => {
  it.each([
    [{ lowHz: 40, highHz: 8, sampleRateHz: 256 }, 'lowHz must be less than highHz, got lowHz 40, highHz 8'],
    [{ lowHz: 0, highHz: 8, sampleRateHz: 256 }, 'lowHz must be within (0, 128) Hz (Nyquist), got 0'],
    [{ lowHz: 1, highHz: 128, sampleRateHz: 256 }, 'highHz must be within (0, 128) Hz (Nyquist), got 128'],
    [{ lowHz: 1, highHz: 45, sampleRateHz: NaN }, 'sampleRateHz must be a positive finite number, got NaN'],
    [{ lowHz: 1, highHz: 45, sampleRateHz: 256, order: 17 }, 'order must be an integer in [1, 16], got 17'],
  ] as Array<[BandpassConfig, string]>)('throws synchronously on bad config %j', (config, message) => {
    expect(() => bandpass(config)).toThrow(new RangeError(message));
  });
});
