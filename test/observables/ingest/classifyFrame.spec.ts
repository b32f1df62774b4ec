import { classifyFrame } from '../../../src/observables/ingest/classifyFrame';

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
