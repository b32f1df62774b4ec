import { frameDecoder } from '../../../src/observables/ingest/frameDecoder';

/** The decoders find column positions by name when built, so any announced order decodes the same frame. */
describe('frameDecoder follows the announced column order', () => {
  it('com and fac, in a shuffled order', () => {
    expect(frameDecoder('com', ['pow', 'act'])([0.4, 'push'], 1)).toEqual({
      _tag: 'com',
      timeS: 1,
      action: 'push',
      power: 0.4,
    });
    expect(
      frameDecoder('fac', ['lPow', 'uAct', 'eyeAct', 'lAct', 'uPow'])([0.2, 'frown', 'blink', 'smile', 0.7], 2),
    ).toEqual({
      _tag: 'fac',
      timeS: 2,
      eyeAction: 'blink',
      upperAction: 'frown',
      upperPower: 0.7,
      lowerAction: 'smile',
      lowerPower: 0.2,
    });
  });

  it('dev and eq, in a shuffled order; a column Cortex did not announce reads NaN', () => {
    expect(frameDecoder('dev', ['BatteryPercent', ['OVERALL', 'AF3'], 'Signal'])([88, [75, 4], 1], 3)).toEqual({
      _tag: 'dev',
      timeS: 3,
      batteryLevel: NaN,
      signal: 1,
      contactQuality: { AF3: 4 },
      overall: 75,
      batteryPercent: 88,
    });
    const eq = frameDecoder('eq', ['AF3', 'sampleRateQuality', 'T7', 'overall', 'batteryPercent'])(
      [4, 1, 3, 90, 55],
      4,
    );
    expect(eq).toEqual({
      _tag: 'eq',
      timeS: 4,
      batteryPercent: 55,
      overall: 90,
      sampleRateQuality: 1,
      quality: { AF3: 4, T7: 3 },
    });
  });

  it('rejects a frame whose length does not match the columns, and keeps decoding the next one', () => {
    const decode = frameDecoder('com', ['act', 'pow']);
    expect(decode(['push'], 1)).toBe('com frame has 1 values for 2 columns');
    expect(decode(['pull', 0.1], 2)).toEqual({ _tag: 'com', timeS: 2, action: 'pull', power: 0.1 });
  });
});
