import { classifyFrame } from '../../src/observables/ingest/classifyFrame';
import { frameDecoder } from '../../src/observables/ingest/frameDecoder';

describe('classifyFrame', () => {
  it('classifies in the order sid → result → error → warning', () => {
    expect(classifyFrame('{"id":1,"jsonrpc":"2.0","result":{"a":1}}')).toEqual([
      { _tag: 'result', id: 1, result: { a: 1 } },
    ]);
    expect(classifyFrame('{"id":"x","jsonrpc":"2.0","error":{"code":-32007,"message":"gone"}}')).toEqual([
      { _tag: 'error', id: 'x', error: { code: -32007, message: 'gone' } },
    ]);
    expect(classifyFrame('{"jsonrpc":"2.0","warning":{"code":104,"message":{"headsetId":"H"}}}')).toEqual([
      { _tag: 'warning', code: 104, message: { headsetId: 'H' } },
    ]);
    expect(classifyFrame('{"com":["push",0.4],"sid":"s","time":1.5}')).toEqual([
      { _tag: 'data', sid: 's', timeS: 1.5, stream: 'com', values: ['push', 0.4] },
    ]);
    // several stream keys in one frame (Unity's parser tolerates it): one message each
    expect(classifyFrame('{"com":[1],"fac":[2],"sid":"s","time":1}').map((m) => m._tag === 'data' && m.stream)).toEqual(
      ['com', 'fac'],
    );
  });

  it('turns every bad frame into a diagnostic, never a throw', () => {
    const kinds = [
      '',
      '{',
      'null',
      '[1]',
      '{"foo":1}',
      '{"sid":"s","time":"t","eeg":[]}',
      '{"sid":"s","time":1}',
      '{"sid":"s","time":1,"eeg":5}',
      Buffer.from('x'),
    ].map((f) => classifyFrame(f)[0]);
    for (const k of kinds) expect(k._tag).toBe('diagnostic');
    expect(kinds.map((k) => k._tag === 'diagnostic' && k.diagnostic.kind)).toEqual([
      'INVALID_JSON',
      'INVALID_JSON',
      'INVALID_FRAME',
      'INVALID_FRAME',
      'INVALID_FRAME',
      'INVALID_FRAME',
      'INVALID_FRAME',
      'INVALID_FRAME',
      'INVALID_JSON',
    ]);
  });
});

describe('frameDecoder', () => {
  it('decodes eeg by column name: sensors as Float64Array, null as NaN, markers', () => {
    const decode = frameDecoder('eeg', [
      'COUNTER',
      'INTERPOLATED',
      'AF3',
      'T7',
      'RAW_CQ',
      'MARKER_HARDWARE',
      'MARKERS',
    ]);
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
    const decode = frameDecoder('eeg', [
      'COUNTER',
      'INTERPOLATED',
      'AF3',
      'T7',
      'RAW_CQ',
      'MARKER_HARDWARE',
      'MARKERS',
    ]);
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
