import fc from 'fast-check';
import { DIAGNOSTIC_FRAME_CHARS } from '../../../src';
import { classifyFrame } from '../../../src/observables/ingest/classifyFrame';
import { frameDecoder } from '../../../src/observables/ingest/frameDecoder';
import type { InboundMessage } from '../../../src/observables/ingest/inboundMessage';
import { STREAM_NAMES, streamColumns } from '../../../src/protocol';
import { EPOC_SENSORS } from '../../../src/simulator';
import {
  DEEP_LEVELS,
  deepArrayText,
  deepObjectText,
  jsonValueText,
  mutatedText,
  objectText,
  scalarText,
} from '../../support/fuzzJson';
import { classifyWithCodecs } from '../../../src/observables/ingest/classifyWithCodecs';

/** Seeded, so a failure replays; `CORTEX_RX_LONG=1` runs 20 times as many cases. */
const RUNS = process.env.CORTEX_RX_LONG === '1' ? 20_000 : 1000;
const SEED = 20251123;

const FRAME_KEYS = [
  'id',
  'jsonrpc',
  'result',
  'error',
  'warning',
  'code',
  'message',
  'data',
  'sid',
  'time',
  'eeg',
  'dev',
  'com',
  'met',
];

/** Every invariant classifyFrame promises, for any input. */
function expectWellFormed(out: InboundMessage[]): void {
  expect(Array.isArray(out)).toBe(true);
  expect(out.length).toBeGreaterThan(0);
  for (const m of out) {
    switch (m._tag) {
      case 'data':
        expect(typeof m.sid).toBe('string');
        expect(Number.isFinite(m.timeS)).toBe(true);
        expect(Array.isArray(m.values)).toBe(true);
        break;
      case 'result':
      case 'error':
      case 'warning':
        break;
      case 'diagnostic':
        expect(m.diagnostic.frame.length).toBeLessThanOrEqual(DIAGNOSTIC_FRAME_CHARS);
        expect(typeof m.diagnostic.message).toBe('string');
        break;
      default:
        throw new Error(`unknown tag ${(m as { _tag: string })._tag}`);
    }
  }
}

const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort();

describe('classifyFrame under fuzzing (fast-check)', () => {
  const protoBefore = prototypeNames();
  afterAll(() => {
    expect(prototypeNames()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws on any string, and non-JSON is exactly one INVALID_JSON diagnostic', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.fullUnicodeString(), mutatedText(jsonValueText(FRAME_KEYS))), (text) => {
        const out = classifyFrame(text);
        expectWellFormed(out);
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        if (!parses) expect(out.map((m) => m._tag === 'diagnostic' && m.diagnostic.kind)).toEqual(['INVALID_JSON']);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('never throws on JSON objects built from frame keys, hostile keys and overflowing literals', () => {
    fc.assert(
      fc.property(jsonValueText(FRAME_KEYS, fc.constantFrom('"s"', '1', '"2.0"', '[]', '{}'), 5), (text) => {
        expectWellFormed(classifyFrame(text));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('never throws on frames that are almost right: every member of each kind replaced by anything', () => {
    const anything = jsonValueText(FRAME_KEYS, scalarText, 3);
    // Each member is right half the time, so that the codecs see frames wrong in one place only.
    const member = (...right: string[]) => fc.oneof(fc.constantFrom(...right), anything);
    const frames = fc.oneof(
      fc.tuple(member('1', '"a"'), member('"2.0"'), anything).map(([id, v, result]) =>
        objectText([
          ['id', id],
          ['jsonrpc', v],
          ['result', result],
        ]),
      ),
      fc.tuple(member('1', 'null'), member('"2.0"'), member('-32007'), member('"gone"')).map(([id, v, code, message]) =>
        objectText([
          ['id', id],
          ['jsonrpc', v],
          [
            'error',
            objectText([
              ['code', code],
              ['message', message],
            ]),
          ],
        ]),
      ),
      fc.tuple(member('"2.0"'), member('104', '0'), member('"x"', '{"sessionId":"s"}')).map(([v, code, message]) =>
        objectText([
          ['jsonrpc', v],
          [
            'warning',
            objectText([
              ['code', code],
              ['message', message],
            ]),
          ],
        ]),
      ),
      fc
        .tuple(member('"s"'), member('1.5', '1e400', '-1e400'), fc.array(member('1', '1e400', '[]'), { maxLength: 20 }))
        .map(([sid, time, values]) =>
          objectText([
            ['eeg', `[${values.join(',')}]`],
            ['sid', sid],
            ['time', time],
          ]),
        ),
    );
    fc.assert(
      fc.property(frames, (text) => {
        expectWellFormed(classifyFrame(text));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('the hand-checked data path gives exactly what the io-ts path gives, for any frame', () => {
    const anything = jsonValueText(FRAME_KEYS, scalarText, 3);
    const member = (...right: string[]) => fc.oneof(fc.constantFrom(...right), anything);
    const marker = fc.constantFrom(
      '{"label":"go","value":1}',
      '{"a":[1e400]}',
      '{"a":{"b":[-1e400]}}',
      '[]',
      '{}',
      deepArrayText(80),
    );
    const value = fc.oneof(member('1', '1e400', '-0', 'null', '"x"', '[]'), marker);
    // Data frames right or wrong in any member: extra streams, stream members that are not arrays, hostile keys.
    const dataFrames = fc
      .tuple(
        member('"s"', '"5c1d"'),
        member('1.5', '1e400', '-1e400', '"1"'),
        fc.array(
          fc.tuple(
            fc.constantFrom('eeg', 'mot', 'dev', '__proto__', 'constructor'),
            fc.oneof(
              fc.array(value, { maxLength: 12 }).map((v) => `[${v.join(',')}]`),
              anything,
            ),
          ),
          { maxLength: 3 },
        ),
        fc.boolean(),
      )
      .map(([sid, time, streams, sidFirst]) => {
        const head: Array<[string, string]> = [
          ['sid', sid],
          ['time', time],
        ];
        return objectText(sidFirst ? [...head, ...streams] : [...streams, ...head]);
      });
    fc.assert(
      fc.property(
        fc.oneof(dataFrames, jsonValueText(FRAME_KEYS, fc.constantFrom('"s"', '1', '[]', '{}'), 4), fc.string()),
        (text) => {
          expect(classifyFrame(text)).toEqual(classifyWithCodecs(text));
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    // A few frames of each kind, so that the property above is known to see both paths.
    expect(classifyFrame('{"eeg":[1,2,[]],"sid":"s","time":1.5}')).toEqual([
      { _tag: 'data', sid: 's', timeS: 1.5, stream: 'eeg', values: [1, 2, []] },
    ]);
    expect(classifyFrame('{"eeg":[1,[{"a":[1e400]}]],"sid":"s","time":1.5}')[0]._tag).toBe('diagnostic');
  });

  it('turns each hazard into a diagnostic: deep nesting anywhere, non-finite numbers, binary and oversized frames', () => {
    const deep = deepArrayText();
    const cases: Array<[unknown, string, RegExp]> = [
      [`{"id":1,"jsonrpc":"2.0","result":${deep}}`, 'INVALID_FRAME', /nested deeper than 64 levels at "result/],
      [`{"id":1,"jsonrpc":"2.0","error":${deep}}`, 'INVALID_FRAME', /nested deeper/],
      [`{"jsonrpc":"2.0","warning":{"code":1,"message":${deepObjectText()}}}`, 'INVALID_FRAME', /nested deeper/],
      [`{"eeg":${deep},"sid":"s","time":1}`, 'INVALID_FRAME', /nested deeper than 64 levels at "eeg/],
      [
        `{"eeg":[1,2,[{"label":${deep}}]],"sid":"s","time":1}`,
        'INVALID_FRAME',
        /nested deeper than 64 levels at "eeg\.2/,
      ],
      [`{"sid":${deep},"time":1,"eeg":[]}`, 'INVALID_FRAME', /nested deeper/],
      [deep, 'INVALID_FRAME', /a frame must be a JSON object/],
      [`{"eeg":[1,2],"sid":"s","time":1e400}`, 'INVALID_FRAME', /"time" must be a finite number/],
      [
        `{"id":1,"jsonrpc":"2.0","result":{"version":-1e400}}`,
        'INVALID_FRAME',
        /non-finite number at "result\.version"/,
      ],
      [
        `{"jsonrpc":"2.0","warning":{"code":1e400,"message":"x"}}`,
        'INVALID_FRAME',
        /non-finite number at "warning\.code"/,
      ],
      [`{"id":1e400,"jsonrpc":"2.0","result":{}}`, 'INVALID_FRAME', /non-finite number at "id"/],
      [Buffer.from([0xde, 0xad, 0xbe, 0xef]), 'INVALID_JSON', /binary frame/],
      [new Uint8Array(10 * 1024 * 1024), 'INVALID_JSON', /binary frame/],
      [new ArrayBuffer(16), 'INVALID_JSON', /binary frame/],
      [`{"foo":"${'x'.repeat(4 * 1024 * 1024)}"}`, 'INVALID_FRAME', /not a response/],
      ['x'.repeat(4 * 1024 * 1024), 'INVALID_JSON', /./],
    ];
    for (const [frame, kind, message] of cases) {
      const out = classifyFrame(frame);
      expectWellFormed(out);
      expect(out).toHaveLength(1);
      const m = out[0];
      if (m._tag !== 'diagnostic')
        throw new Error(`expected a diagnostic for ${String(frame).slice(0, 60)}, got ${m._tag}`);
      expect({ kind: m.diagnostic.kind, message: m.diagnostic.message }).toEqual({
        kind,
        message: expect.stringMatching(message),
      });
    }
    expect(DEEP_LEVELS).toBe(100_000);
  });

  it('keeps a data frame whose values overflow: the frame decoder makes them NaN, never Infinity', () => {
    const out = classifyFrame('{"eeg":[7,0,1e400,-1e400,4200.5,0,0,[]],"sid":"s","time":1700000000.5}');
    expect(out).toHaveLength(1);
    const m = out[0];
    if (m._tag !== 'data') throw new Error(m._tag);
    const decode = frameDecoder('eeg', [
      'COUNTER',
      'INTERPOLATED',
      'AF3',
      'T7',
      'O1',
      'RAW_CQ',
      'MARKER_HARDWARE',
      'MARKERS',
    ]);
    const f = decode(m.values, m.timeS);
    if (typeof f === 'string') throw new Error(f);
    expect(f.counter).toBe(7);
    expect(Array.from(f.values)).toEqual([NaN, NaN, 4200.5]);
  });

  it('names the id of an unusable answer, so that its request fails at once', () => {
    const out = classifyFrame(`{"id":"r-7","jsonrpc":"2.0","result":${deepArrayText(100)}}`);
    expect(out).toEqual([expect.objectContaining({ _tag: 'diagnostic', id: 'r-7' })]);
    const bad = classifyFrame('{"id":3,"jsonrpc":"2.0","error":{"code":"x","message":1}}');
    expect(bad).toEqual([expect.objectContaining({ _tag: 'diagnostic', id: 3 })]);
  });

  it('reads __proto__ and constructor keys as plain data: nothing reaches Object.prototype', () => {
    const frames = [
      '{"__proto__":{"polluted":true},"id":1,"jsonrpc":"2.0","result":{"__proto__":{"polluted":true}}}',
      '{"jsonrpc":"2.0","warning":{"code":104,"message":{"__proto__":{"polluted":true},"headsetId":"H"}}}',
      '{"constructor":{"prototype":{"polluted":true}},"eeg":[1,0,[{"__proto__":{"polluted":true}}]],"sid":"s","time":1}',
    ];
    for (const f of frames) expectWellFormed(classifyFrame(f));
    const warning = classifyFrame(frames[1])[0];
    if (warning._tag !== 'warning' || typeof warning.message !== 'object') throw new Error('expected a warning');
    expect(Object.getPrototypeOf(warning.message)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('frameDecoder under fuzzing (fast-check)', () => {
  const colsOf = (stream: (typeof STREAM_NAMES)[number]) =>
    streamColumns(stream, EPOC_SENSORS, ['Q0', 'Q1', 'Q2', 'Q3', 'ACCX', 'ACCY', 'ACCZ', 'MAGX', 'MAGY', 'MAGZ']);

  it('returns a frame or an error message for any values, never throws, never emits Infinity', () => {
    const value = fc.oneof(
      fc.double(),
      fc.constantFrom(Infinity, -Infinity, NaN, null, true, false, '', 'x', '__proto__'),
      fc.array(fc.oneof(fc.double(), fc.string()), { maxLength: 16 }),
      fc.dictionary(fc.constantFrom('__proto__', 'label', 'value', 'constructor'), fc.jsonValue()),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...STREAM_NAMES),
        fc.array(value, { maxLength: 40 }),
        fc.double(),
        (stream, values, timeS) => {
          const cols = colsOf(stream);
          // Half the cases have the right length, so that the decoders run past their length check.
          const row =
            values.length % 2 === 0
              ? Array.from({ length: cols.length }, (_, i) => values[i % Math.max(1, values.length)])
              : values;
          const f = frameDecoder(stream, cols)(row, timeS);
          if (typeof f === 'string') return;
          expect(f._tag).toBe(stream);
          if ('values' in f && f.values instanceof Float64Array) {
            for (const v of f.values) expect(v === Infinity || v === -Infinity).toBe(false);
          }
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
