import fc from 'fast-check';
import { METHODS } from '../../src/protocol';
import { startHarness, openSession, type Harness } from '../support/simulatorHarness';
import { RawClient, sleep, type RawFrame } from '../support/rawClient';
import { CounterContinuity } from '../support/counterContinuity';
import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';
import { deepArrayText, deepObjectText, jsonValueText, notJsonText, objectText, scalarText } from '../support/fuzzJson';

const SEED = 7_2025;
const LONG = process.env.CORTEX_RX_LONG === '1';
/** Fuzz frames sent to the simulator, one at a time, each waiting for its answer. */
const FUZZ_FRAMES = LONG ? 20_000 : 1500;
/** The simulator's default frame limit: the 100k-deep frames (200 KB) are parsed, not refused for their size. */
const MAX_FRAME_BYTES = 256 * 1024;

const METHOD_NAMES = Object.keys(METHODS);
const PARAM_KEYS = [
  'cortexToken',
  'clientId',
  'clientSecret',
  'license',
  'debit',
  'session',
  'headset',
  'headsetId',
  'status',
  'streams',
  'title',
  'description',
  'tags',
  'experimentId',
  'subjectName',
  'record',
  'records',
  'recordIds',
  'markerId',
  'time',
  'value',
  'label',
  'port',
  'extras',
  'query',
  'orderBy',
  'limit',
  'offset',
  'includeMarkers',
  'command',
  'folder',
  'format',
  'streamTypes',
  'version',
  'profile',
  'newProfileName',
  'detection',
  'action',
  'setting',
  'mode',
  'eegRate',
  'memsRate',
  'monotonicTime',
  'systemTime',
  'customName',
  'headbandPosition',
  'subjects',
  'id',
];

/** Placeholders swapped for live values when a frame is sent (the token and session change as the fuzz goes). */
const TOKEN = '"$TOKEN"';
const SESSION = '"$SESSION"';

interface FuzzCase {
  /** The frame, or a binary one. */
  readonly frame: string;
  readonly binary: boolean;
  /** The id the answer must carry: a string we chose, or null when the frame has no usable id. */
  readonly id: string | null;
  /** The error code the answer must have, or undefined when any answer but -32603 will do. */
  readonly code: number | undefined;
}

function fuzzCases(ctx: { headsetId: string; folder: string }): fc.Arbitrary<FuzzCase> {
  const values = fc.constantFrom(
    TOKEN,
    SESSION,
    JSON.stringify(ctx.headsetId),
    JSON.stringify(ctx.folder),
    '"fuzzer"',
    '"secret"',
    '"eeg"',
    '["eeg","pow","met"]',
    '"active"',
    '"open"',
    '"close"',
    '"start"',
    '"EDF"',
    '"CSV"',
    '"EDFPLUS"',
    '["EEG"]',
    '"mentalCommand"',
    '"push"',
    '"load"',
    '"create"',
    '"p1"',
    '[{"title":"ASC"}]',
    '{}',
    '[]',
    String(Date.now()),
    '1e400',
    '-1e400',
    '0',
    '-1',
    '1.5',
  );
  const params = jsonValueText(PARAM_KEYS, values, 3);
  const method = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...METHOD_NAMES) },
    { weight: 1, arbitrary: fc.constantFrom('toString', '__proto__', 'constructor', 'hasOwnProperty', '') },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  let n = 0;
  const nextId = () => `f${++n}`;
  const envelope = fc
    .tuple(method, fc.oneof({ weight: 6, arbitrary: params }, { weight: 1, arbitrary: scalarText }))
    .map(([m, p]): FuzzCase => {
      const id = nextId();
      const known = Object.prototype.hasOwnProperty.call(METHODS, m);
      const paramsIsObject = p.startsWith('{');
      return {
        frame: objectText([
          ['jsonrpc', '"2.0"'],
          ['id', JSON.stringify(id)],
          ['method', JSON.stringify(m)],
          ['params', p],
        ]),
        binary: false,
        id,
        code: !known ? -32601 : !paramsIsObject ? -32602 : undefined,
      };
    });
  const garbage = notJsonText(jsonValueText(['jsonrpc', 'id', 'method', 'params']));
  return fc.oneof(
    { weight: 12, arbitrary: envelope },
    { weight: 2, arbitrary: garbage.map((frame): FuzzCase => ({ frame, binary: false, id: null, code: -32700 })) },
    // JSON, but not a request object: scalars and batches
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          scalarText,
          fc.array(params, { maxLength: 3 }).map((xs) => `[${xs.join(',')}]`),
        )
        .map((frame): FuzzCase => ({ frame, binary: false, id: null, code: -32600 })),
    },
    // an envelope broken in one member
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom('jsonrpc', 'id', 'method'),
          fc.constantFrom('null', '[]', '{}', '1e400', 'true', '1', '"1.0"'),
        )
        // (a number or a string is a valid id, and a string method is only unknown: -32601)
        .filter(
          ([broken, bad]) =>
            !(broken === 'id' && (bad === '1' || bad === '"1.0"')) && !(broken === 'method' && bad === '"1.0"'),
        )
        .map(([broken, bad]): FuzzCase => {
          const id = nextId();
          const members: Array<[string, string]> = [
            ['jsonrpc', '"2.0"'],
            ['id', JSON.stringify(id)],
            ['method', '"getCortexInfo"'],
          ];
          const i = members.findIndex(([k]) => k === broken);
          members[i] = [broken, bad];
          // a broken id cannot be echoed: the answer carries null (JSON-RPC 2.0 §5)
          const idOk = broken !== 'id';
          return { frame: objectText(members), binary: false, id: idOk ? id : null, code: -32600 };
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 32 })
        .map((b): FuzzCase => ({ frame: Buffer.from(b).toString('latin1'), binary: true, id: null, code: -32600 })),
    },
  );
}

/** Hand-written hazards: deep nesting in each place, overflowing numbers, oversized and binary frames. */
function hazardCases(): FuzzCase[] {
  const deep = deepArrayText();
  const req = (id: string, params: string) =>
    `{"jsonrpc":"2.0","id":"${id}","method":"injectMarker","params":${params}}`;
  return [
    { frame: deep, binary: false, id: null, code: -32600 },
    { frame: deepObjectText(40_000), binary: false, id: null, code: -32600 },
    {
      frame: req(
        'h1',
        `{"cortexToken":${TOKEN},"session":${SESSION},"label":"x","value":1,"time":${Date.now()},"extras":${deep}}`,
      ),
      binary: false,
      id: 'h1',
      code: -32600,
    },
    {
      frame: req(
        'h2',
        `{"cortexToken":${TOKEN},"session":${SESSION},"label":"x","value":1,"time":${Date.now()},"extras":{"a":${deepArrayText(70)}}}`,
      ),
      binary: false,
      id: 'h2',
      code: -32600,
    },
    { frame: `{"jsonrpc":"2.0","id":${deep},"method":"getCortexInfo"}`, binary: false, id: null, code: -32600 },
    {
      frame: req('h3', `{"cortexToken":${TOKEN},"session":${SESSION},"label":"x","value":1,"time":1e400}`),
      binary: false,
      id: 'h3',
      code: -32602,
    },
    {
      frame: `{"jsonrpc":"2.0","id":"h4","method":"authorize","params":{"clientId":"a","clientSecret":"b","debit":1e400}}`,
      binary: false,
      id: 'h4',
      code: -32602,
    },
    {
      frame: `{"jsonrpc":"2.0","id":"h5","method":"syncWithHeadsetClock","params":{"headset":"x","monotonicTime":-1e400,"systemTime":1}}`,
      binary: false,
      id: 'h5',
      code: -32602,
    },
    { frame: `{"jsonrpc":"2.0","id":1e400,"method":"getCortexInfo"}`, binary: false, id: null, code: -32600 },
    {
      frame: `{"jsonrpc":"2.0","id":"h6","method":"getCortexInfo","pad":"${'x'.repeat(MAX_FRAME_BYTES)}"}`,
      binary: false,
      id: null,
      code: -32600,
    },
    {
      frame: `{"jsonrpc":"2.0","id":"h7","method":"queryRecords","params":{"cortexToken":${TOKEN},"query":{"__proto__":{"polluted":true}},"orderBy":[{"__proto__":"ASC"}]}}`,
      binary: false,
      id: 'h7',
      code: -32602,
    },
    {
      frame: `{"jsonrpc":"2.0","id":"h8","method":"createSubject","params":{"cortexToken":${TOKEN},"subjectName":"__proto__","attributes":[{"name":"constructor","value":"x"}]}}`,
      binary: false,
      id: 'h8',
      code: undefined,
    },
  ];
}

describe('the simulator under fuzzed requests on a real socket (fast-check)', () => {
  let baseline: HandleCounts;
  let h: Harness;
  const logs: string[] = [];
  beforeAll(async () => {
    baseline = openHandles();
    h = await startHarness({
      headsets: 'EPOCX@256,INSIGHT',
      maxFrameBytes: MAX_FRAME_BYTES,
      log: (line) => logs.push(line),
    });
  });
  afterAll(async () => {
    await h.close();
    await expectNoOpenHandles(baseline);
  });

  it(`answers each of ${FUZZ_FRAMES} fuzzed frames with the right JSON-RPC error, never -32603, while another app's eeg keeps its COUNTER continuity`, async () => {
    // the bystander: an eeg stream on the EPOC X, another app, another socket
    const watcher = await h.client();
    const w = await openSession(watcher, h.sim, { clientId: 'watcher', headset: h.sim.headsetIds[0] });
    const continuity = new CounterContinuity(256);
    watcher.ws.on('message', (data) => {
      const f = JSON.parse(data.toString()) as { eeg?: number[]; time?: number };
      if (f.eeg) continuity.push(f.eeg[0], f.time as number);
    });
    await watcher.result('subscribe', { cortexToken: w.token, session: w.sessionId, streams: ['eeg'] });
    await sleep(200);

    // the fuzzer: its own app, with a session on the Insight so that its requests reach deep into the handlers
    const fuzzer = await h.client();
    let live = await openSession(fuzzer, h.sim, { clientId: 'fuzzer', headset: h.sim.headsetIds[1] });
    // recording, so that markers (with their free-form extras) go all the way into the record store
    await fuzzer.result('createRecord', { cortexToken: live.token, session: live.sessionId, title: 'fuzzed' });
    const refresh = async () => {
      const token = await fuzzer.authorize('fuzzer', 'secret');
      const mine = (await fuzzer.result('querySessions', { cortexToken: token })) as Array<{ id: string }>;
      if (mine.length > 0) return { ...live, token, sessionId: mine[0].id };
      return openSession(fuzzer, h.sim, { clientId: 'fuzzer', headset: h.sim.headsetIds[1] }).catch(() => ({
        ...live,
        token,
      }));
    };

    const cases = [
      ...hazardCases(),
      ...fc.sample(fuzzCases({ headsetId: h.sim.headsetIds[1], folder: h.dataDir }), {
        numRuns: FUZZ_FRAMES,
        seed: SEED,
      }),
    ];
    const framesBefore = continuity.frames;
    const t0 = Date.now();
    const mismatches: string[] = [];
    for (let i = 0; i < cases.length; i++) {
      if (i % 100 === 99) live = await refresh();
      const c = cases[i];
      const text = c.frame
        .replaceAll(TOKEN, JSON.stringify(live.token))
        .replaceAll(SESSION, JSON.stringify(live.sessionId));
      const from = fuzzer.frames.length;
      const answered = fuzzer.waitFor((f: RawFrame) => ('result' in f || 'error' in f) && f.id === c.id, 5000, from);
      if (c.binary) fuzzer.sendRaw(Buffer.from(text, 'latin1'), true);
      else fuzzer.sendRaw(text);
      const answer = (await answered.catch(() => {
        throw new Error(`no answer to case ${i}: ${text.slice(0, 200)}`);
      })) as { id: unknown; result?: unknown; error?: { code: number; message: string } };
      const code = answer.error?.code;
      if (code === -32603 || (c.code !== undefined && code !== c.code)) {
        mismatches.push(
          `${text.slice(0, 160)} → ${JSON.stringify(answer.error ?? 'result')} (wanted ${c.code ?? 'no -32603'})`,
        );
      }
    }
    const seconds = (Date.now() - t0) / 1000;
    await sleep(100);

    expect(mismatches).toEqual([]);
    expect(logs.filter((l) => l.includes('internal error'))).toEqual([]);
    // no answer beyond one per frame, and nothing left pending
    expect(fuzzer.frames.filter((f) => 'result' in f || 'error' in f).length).toBeGreaterThanOrEqual(cases.length);
    expect(continuity.breaks).toEqual([]);
    expect(continuity.frames - framesBefore).toBeGreaterThan(256 * seconds * 0.8);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
    // the service still serves a fresh client
    const fresh = await RawClient.connect(h.sim.url);
    expect((await fresh.result('getCortexInfo')).version).toBeDefined();
    await fresh.close();
  });
});
