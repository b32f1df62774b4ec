import fc from 'fast-check';
import { Subject } from 'rxjs';
import type { Diagnostic } from '../../../src';
import { CortexConnection } from '../../../src/observables/connection/cortexConnection';
import { dispatchFrame } from '../../../src/observables/ingest/dispatchFrame';
import { frameDecoder } from '../../../src/observables/ingest/frameDecoder';
import { FrameRoutes } from '../../../src/observables/ingest/frameRoutes';
import { scanDataFrame } from '../../../src/observables/ingest/scanDataFrame';
import { ScannedFrame } from '../../../src/observables/ingest/scannedFrame';
import { READY_STATE, type WebSocketLike } from '../../../src/observables/webSocketLike';
import { streamColumns, type StreamName } from '../../../src/protocol';
import { EPOC_SENSORS } from '../../../src/simulator';
import { NUMBER_LITERALS, mutatedText } from '../../support/fuzzJson';

/** Seeded, so a failure replays; `CORTEX_RX_LONG=1` runs 20 times as many cases. */
const RUNS = process.env.CORTEX_RX_LONG === '1' ? 20_000 : 1000;
const SEED = 20261202;

const SID = 'a1b2c3d4-0000-4000-8000-0123456789ab';
const OTHER_SID = 'a1b2c3d4-0000-4000-8000-0123456789ac';
const MOTION = ['Q0', 'Q1', 'Q2', 'Q3', 'ACCX', 'ACCY', 'ACCZ', 'MAGX', 'MAGY', 'MAGZ'];
/** Routes of SID: the scanned streams, and met (no scan form: its decoder gets the values as JSON.parse gives them). */
const ROUTED: readonly StreamName[] = ['eeg', 'mot', 'pow', 'met'];
const COLS = Object.fromEntries(ROUTED.map((s) => [s, streamColumns(s, EPOC_SENSORS, MOTION)]));

/** Valid JSON numbers, built digit by digit: long mantissas, leading and trailing zeros, exponents up to ±400. */
const numberText: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.constant('0'), fc.stringMatching(/^[1-9][0-9]{0,24}$/)),
    fc.option(fc.stringMatching(/^[0-9]{1,30}$/), { nil: undefined }),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), fc.integer({ min: 0, max: 400 })), {
      nil: undefined,
    }),
  )
  .map(
    ([neg, int, frac, exp]) =>
      `${neg ? '-' : ''}${int}${frac !== undefined ? `.${frac}` : ''}${exp !== undefined ? `${exp[0]}${exp[1]}${exp[2]}` : ''}`,
  );

/** Numbers as the simulator and Cortex write them, doubles as JS prints them, and awkward literals. */
const sampleText: fc.Arbitrary<string> = fc.oneof(
  { weight: 40, arbitrary: numberText },
  { weight: 30, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
  { weight: 20, arbitrary: fc.double({ min: 3000, max: 5000, noNaN: true }).map((d) => d.toFixed(9)) },
  {
    weight: 20,
    arbitrary: fc.constantFrom(
      ...NUMBER_LITERALS,
      '-0.0',
      '0e0',
      '-0e-5',
      '1e22',
      '1e23',
      '123456789012345e-22',
      '9007199254740992',
      '900719925474099.3',
      '2.2250738585072011e-308',
      '4.9406564584124654e-324',
      '0.000000000000000000000000001',
    ),
  },
  { weight: 10, arbitrary: fc.constantFrom('null', 'true', 'false', '[]', '[ ]', '1', '0') },
  // Not numbers, or not values the scanner reads (rarer: a frame of 19 values has one in 1 case of 7)
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '01',
      '1.',
      '.5',
      '+1',
      '-',
      '1e',
      '1e+',
      'NaN',
      '"4201.5"',
      '{}',
      '[1]',
      '[{"label":"m"}]',
      'nul',
      'truex',
    ),
  },
);

/** JSON whitespace, mostly none. */
const ws = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.stringMatching(/^[ \t\n\r]{1,3}$/) },
);

/** A stream's values: mostly one per column of that stream, sometimes one more or one fewer. */
function valuesText(stream: string): fc.Arbitrary<string> {
  const cols = COLS[stream]?.length ?? 4;
  return fc
    .tuple(
      fc.array(fc.tuple(ws, sampleText, ws), { minLength: cols, maxLength: cols }),
      fc.integer({ min: -1, max: 1 }),
      ws,
    )
    .map(([xs, delta, w]) => {
      const items = delta < 0 ? xs.slice(1) : delta > 0 ? [...xs, xs[0]] : xs;
      return `[${items.map(([a, v, b]) => `${a}${v}${b}`).join(',')}${w}]`;
    });
}

/** A data frame as text: members in any order, sometimes a key twice, a second stream, another sid, bad time. */
const frameText: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('eeg', 'eeg', 'mot', 'pow', 'met', 'dev', 'xyz', '__proto__'),
    fc.constantFrom(SID, SID, SID, OTHER_SID, 'a\\u0031', 'é'),
    fc.oneof({ weight: 5, arbitrary: numberText }, { weight: 1, arbitrary: fc.constantFrom('1e400', '"1"', 'null') }),
    fc.array(fc.constantFrom('dupSid', 'dupTime', 'secondStream', 'noSid', 'noTime', 'sidNumber'), { maxLength: 1 }),
    fc.nat(5),
    fc.array(ws, { minLength: 8, maxLength: 8 }),
  )
  .chain(([stream, sid, time, extras, order, w]) =>
    fc.tuple(valuesText(stream), valuesText('pow')).map(([values, values2]) => {
      const members: Array<[string, string]> = [
        [stream, values],
        ['sid', extras.includes('sidNumber') ? '5' : `"${sid}"`],
        ['time', time],
      ];
      if (extras.includes('dupSid')) members.push(['sid', `"${OTHER_SID}"`]);
      if (extras.includes('dupTime')) members.push(['time', '1']);
      if (extras.includes('secondStream')) members.push(['pow', values2]);
      if (extras.includes('noSid')) members.splice(1, 1);
      if (extras.includes('noTime')) members.splice(members.length - 1, 1);
      const rotated = [...members.slice(order % members.length), ...members.slice(0, order % members.length)];
      return `${w[0]}{${w[1]}${rotated.map(([k, v], i) => `"${k}"${w[2 + (i % 3)]}:${w[5]}${v}`).join(`${w[6]},${w[7]}`)}}${w[0]}`;
    }),
  );

/** What a path made of the frames: each delivered frame (values as plain arrays: Object.is on every element) or error. */
type Outcome = { frames: unknown[]; diagnostics: Array<[string, string, string]> };

function plain(frame: unknown): unknown {
  if (typeof frame !== 'object' || frame === null) return frame;
  return Object.fromEntries(Object.entries(frame).map(([k, v]) => [k, v instanceof Float64Array ? Array.from(v) : v]));
}

function harness(): {
  outcome: Outcome;
  routes: (diagnostics: Subject<Diagnostic>, routes: FrameRoutes) => void;
  diagnostics: Subject<Diagnostic>;
} {
  const outcome: Outcome = { frames: [], diagnostics: [] };
  const diagnostics = new Subject<Diagnostic>();
  diagnostics.subscribe((d) => outcome.diagnostics.push([d.kind, d.message, d.frame]));
  return {
    outcome,
    diagnostics,
    routes: (_d, routes) => {
      for (const stream of ROUTED)
        routes.frames(SID, stream, frameDecoder(stream, COLS[stream])).subscribe((f) => outcome.frames.push(plain(f)));
    },
  };
}

const fakeSocket: WebSocketLike = {
  readyState: READY_STATE.OPEN,
  send: () => undefined,
  close: () => undefined,
  onopen: null,
  onmessage: null,
  onclose: null,
  onerror: null,
};

/** A connection whose frames (bytes or text) go through the scanner where it reads them. */
function scanningConnection(): { connection: CortexConnection; outcome: Outcome } {
  const h = harness();
  const connection = new CortexConnection(fakeSocket, {
    clientId: 'fuzz',
    clientSecret: 'fuzz',
    license: undefined,
    debit: undefined,
    maxFrameBytes: 1 << 20,
    requestTimeoutMs: 10_000,
    maxPendingRequests: 16,
    diagnostics: h.diagnostics,
  });
  h.routes(h.diagnostics, connection.routes);
  return { connection, outcome: h.outcome };
}

/** The reference: JSON.parse and the codec path (`dispatchFrame`), the path every frame took before the scanner. */
function referencePath(): { feed: (text: string) => void; outcome: Outcome } {
  const h = harness();
  const routes = new FrameRoutes(h.diagnostics);
  h.routes(h.diagnostics, routes);
  return {
    outcome: h.outcome,
    feed: (text) =>
      dispatchFrame(text, {
        data: routes.deliver,
        control: (msg) => {
          if (msg._tag === 'diagnostic') h.diagnostics.next(msg.diagnostic);
        },
      }),
  };
}

describe('scanDataFrame: the scanned path gives exactly what JSON.parse and the codecs give', () => {
  it('for every generated frame, valid or not, as bytes (ws) and as text (browsers)', () => {
    let scanned = 0;
    const scan = new ScannedFrame();
    fc.assert(
      fc.property(
        fc.oneof({ weight: 4, arbitrary: frameText }, { weight: 1, arbitrary: mutatedText(frameText) }),
        (text) => {
          const reference = referencePath();
          const bytes = scanningConnection();
          const textual = scanningConnection();
          reference.feed(text);
          bytes.connection.receiveText(Buffer.from(text, 'utf8'));
          textual.connection.receive(text);
          expect(bytes.outcome).toEqual(reference.outcome);
          expect(textual.outcome).toEqual(reference.outcome);
          const b = Buffer.from(text, 'utf8');
          if (scanDataFrame(b, b.length, scan)) scanned++;
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    // The generator must reach the scanner, not only its fallbacks.
    expect(scanned).toBeGreaterThan(RUNS / 10);
  });

  it('reads every number of a frame as JSON.parse does, bit for bit', () => {
    const scan = new ScannedFrame();
    fc.assert(
      fc.property(
        fc.array(fc.oneof(numberText, fc.double().filter(Number.isFinite).map(String)), {
          minLength: 1,
          maxLength: 20,
        }),
        (numbers) => {
          const text = `{"pow":[${numbers.join(',')}],"sid":"s","time":1}`;
          const b = Buffer.from(text);
          expect(scanDataFrame(b, b.length, scan)).toBe(true);
          const parsed = (JSON.parse(text) as { pow: number[] }).pow;
          expect(Array.from(scan.values.subarray(0, scan.count))).toEqual(parsed); // Object.is: -0 and NaN kept apart
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('leaves every frame it cannot read exactly to the general path', () => {
    const scan = new ScannedFrame();
    for (const text of [
      '{"eeg":[1,2],"sid":"s","time":1,"pow":[1]}', // two streams
      '{"eeg":[1,"x"],"sid":"s","time":1}', // a string value
      '{"eeg":[1,[{"label":"m"}]],"sid":"s","time":1}', // a marker
      '{"eeg":[1],"sid":"s","sid":"t","time":1}', // a key twice
      '{"eeg":[1],"sid":"s\\u0031","time":1}', // an escape
      '{"eeg":[1],"sid":"s","time":1e400}', // time not finite
      '{"eeg":[01],"sid":"s","time":1}', // not JSON
      '{"eeg":[1],"sid":"s","time":1}x',
      '{"id":1,"jsonrpc":"2.0","result":{}}',
    ]) {
      const b = Buffer.from(text);
      expect([text, scanDataFrame(b, b.length, scan)]).toEqual([text, false]);
    }
  });
});
