import { frameDecoder } from '../../../src/observables/ingest/frameDecoder';

/** The eeg columns of a two-sensor headset, as a subscribe result announces them. */
const EEG_COLUMNS = ['COUNTER', 'INTERPOLATED', 'AF3', 'T7', 'RAW_CQ', 'MARKER_HARDWARE', 'MARKERS'];

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

describe('frameDecoder decodes each stream', () => {
  it('decodes eeg by column name: sensors as Float64Array, null as NaN, markers', () => {
    const decode = frameDecoder('eeg', EEG_COLUMNS);
    const f = decode([5, 1, 4201.5, null, 0, 0, [{ label: 'stim', value: 1 }]], 10.25);
    if (typeof f === 'string') throw new Error(f);
    expect(f._tag).toBe('eeg');
    expect(f.counter).toBe(5);
    expect(f.interpolated).toBe(true);
    expect(f.channels).toEqual(['AF3', 'T7']);
    expect(Array.from(f.values)).toEqual([4201.5, NaN]);
    expect(f.markers).toEqual([{ label: 'stim', value: 1 }]);
    expect(decode([1, 0, 1], 0)).toBe('eeg frame has 3 values for 7 columns');
  });

  it('gives every sample its own values across the shared blocks, and one shared empty markers array', () => {
    const decode = frameDecoder('eeg', EEG_COLUMNS);
    const frames = Array.from({ length: 600 }, (_, k) => {
      const f = decode([k % 256, 0, k, -k, 0, 0, []], k / 256);
      if (typeof f === 'string') throw new Error(f);
      return f;
    });
    // Written after all 600 were decoded (past two block boundaries): no sample overwrote another.
    frames.forEach((f, k) => expect(Array.from(f.values)).toEqual([k, -k]));
    frames[300].values[0] = 99;
    expect([frames[299].values[0], frames[301].values[0]]).toEqual([299, 301]);
    expect(frames[0].markers).toBe(frames[599].markers);
    expect(Object.isFrozen(frames[0].markers)).toBe(true);
  });

  it('decodes dev with its nested contact-quality array and met by name', () => {
    const dev = frameDecoder('dev', ['Battery', 'Signal', ['AF3', 'T7', 'OVERALL'], 'BatteryPercent'])(
      [4, 1, [4, 2, 75], 88],
      1,
    );
    expect(dev).toEqual({
      _tag: 'dev',
      timeS: 1,
      batteryLevel: 4,
      signal: 1,
      contactQuality: { AF3: 4, T7: 2 },
      overall: 75,
      batteryPercent: 88,
    });
    const met = frameDecoder('met', ['eng.isActive', 'eng', 'lex'])([true, 0.5, null], 2);
    expect(met).toEqual({ _tag: 'met', timeS: 2, metrics: { 'eng.isActive': true, eng: 0.5, lex: null } });
  });
});
