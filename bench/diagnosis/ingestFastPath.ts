// Diagnosis experiment (not run by `npm run bench`): `node --expose-gc --import tsx bench/diagnosis/ingestFastPath.ts`.
//
// Why the client ingests eeg frames at ~30% of bare JSON.parse, and what would bring it to 60%: the client's
// receive → route → decode path today, then a prototype with, cumulatively,
//   (a) a hand-written check of data frames (`sid` string, `time` number) instead of io-ts's `DataFrame.decode`
//       on every frame (io-ts only when the check fails, to build the PathReporter message),
//   (b) routes in a nested Map<sid, Map<stream, Subject>> (no `${sid}\0${stream}` key string per frame) and data
//       frames routed straight from the parsed JSON (no InboundMessage objects or array per frame),
//   (c) eeg values in Float64Array views of a slab shared by 256 frames (a Float64Array(14) is 112 B, over V8's
//       64 B on-heap limit, so each one mallocs its own backing store) and one frozen empty MARKERS array,
//   (d) the session layer's map(decode) + filter + followLive's tap fused into one operator,
// with the session layer of sessionController/followLive (switchMap to the live frames, share) on top as in the client.
import { BehaviorSubject, Observable, Subject, filter, map, share, switchMap, tap } from 'rxjs';
import { classifyFrame } from '../../src/observables/ingest/classifyFrame';
import { CortexConnection } from '../../src/observables/connection/cortexConnection';
import type { EegFrame } from '../../src/observables/ingest/streamFrames';
import { frameDecoder } from '../../src/observables/ingest/frameDecoder';
import { READY_STATE, type WebSocketLike } from '../../src/observables/webSocketLike';
import { DataFrame } from '../../src/protocol/jsonRpc';
import { streamColumns } from '../../src/protocol/streams';
import { EPOC_SENSORS } from '../../src/simulator/headsetModels';
import { createSyntheticEeg } from '../../src/simulator/signals/createSyntheticEeg';

// 2048 frames of 4 sessions, formatted as src/simulator/virtualHeadset.ts produceEeg formats them.
const SIDS = [1, 2, 3, 4].map((i) => `5c1d2a4e-0000-4000-8000-00000000000${i}`);
const eeg = createSyntheticEeg({ channels: EPOC_SENSORS, sampleRateHz: 256, seed: 1, blinks: true });
const row = new Float64Array(EPOC_SENSORS.length);
const frames: string[] = [];
for (let k = 0; k < 2048; k++) {
  eeg.next(row);
  let body = `${k % 256},0`;
  for (let c = 0; c < row.length; c++) body += `,${row[c].toFixed(3)}`;
  body += ',0,0,[]';
  frames.push(`{"eeg":[${body}],"sid":"${SIDS[k % 4]}","time":${(451_555_840_000 + k) / 256}}`);
}

const cols = streamColumns('eeg', EPOC_SENSORS, []);
const decode = frameDecoder('eeg', cols);
const fakeSocket: WebSocketLike = {
  readyState: READY_STATE.OPEN,
  send: () => undefined,
  close: () => undefined,
  onopen: null,
  onmessage: null,
  onclose: null,
  onerror: null,
};
const connection = () =>
  new CortexConnection(fakeSocket, {
    clientId: 'a',
    clientSecret: 'b',
    license: undefined,
    maxFrameBytes: 8 * 1024 * 1024,
    debit: undefined,
    requestTimeoutMs: 1000,
    maxPendingRequests: 16,
    diagnostics: new Subject(),
  });

/** The session layer as the client builds it: the live frame stream, switchMap'd (followLive), shared. */
function sessionLayer<T extends { readonly timeS: number }>(frames$: Observable<T>, fused: boolean): Observable<T> {
  const live$ = new BehaviorSubject<Observable<T> | undefined>(frames$);
  const last = { timeS: 0 }; // followLive keeps the last frame time for its gap events
  return live$.pipe(
    switchMap((f) => (f === undefined ? new Observable<T>() : fused ? f : f.pipe(tap((x) => (last.timeS = x.timeS))))),
    share(),
  );
}

let delivered = 0;
const count = () => {
  delivered++;
};

// Today's path, without and with the session layer.
const todayBare = connection();
for (const sid of SIDS) todayBare.routes.frames(sid, 'eeg', decode).subscribe(count);
const todayClient = connection();
for (const sid of SIDS) {
  sessionLayer(todayClient.routes.frames(sid, 'eeg', decode), false).subscribe(count);
}

// The prototype.
const NON_CHANNEL = new Set(['COUNTER', 'INTERPOLATED', 'RAW_CQ', 'MARKER_HARDWARE', 'MARKERS']);
const channelIdx = cols.flatMap((l, i) => (typeof l === 'string' && !NON_CHANNEL.has(l) ? [i] : []));
const channels = channelIdx.map((i) => cols[i] as string);
const EMPTY_MARKERS: readonly never[] = Object.freeze([]);
const SLAB_FRAMES = 256;
let slab = new Float64Array(SLAB_FRAMES * channelIdx.length);
let slabUsed = 0;
const num = (v: unknown): number => (typeof v === 'number' ? v : NaN);

type ProtoFrame = Omit<EegFrame, 'markers'> & { readonly markers: readonly unknown[] };
function protoDecode(values: readonly unknown[], timeS: number, slabbed: boolean): ProtoFrame | string {
  if (values.length !== cols.length) return `eeg frame has ${values.length} values for ${cols.length} columns`;
  const markers = values[cols.length - 1];
  if (!Array.isArray(markers)) return 'eeg MARKERS column must be an array';
  const n = channelIdx.length;
  let out: Float64Array;
  if (slabbed) {
    if (slabUsed === SLAB_FRAMES) {
      slab = new Float64Array(SLAB_FRAMES * n);
      slabUsed = 0;
    }
    out = slab.subarray(slabUsed * n, slabUsed * n + n);
    slabUsed++;
  } else {
    out = new Float64Array(n);
  }
  for (let i = 0; i < n; i++) out[i] = num(values[channelIdx[i]]);
  return {
    _tag: 'eeg',
    timeS,
    counter: num(values[0]),
    interpolated: values[1] === 1,
    channels,
    values: out,
    rawCq: num(values[cols.length - 3]),
    hardwareMarker: num(values[cols.length - 2]),
    markers: markers.length === 0 ? EMPTY_MARKERS : markers.filter((m) => typeof m === 'object' && m !== null),
  };
}

interface RawDataFrame {
  readonly timeS: number;
  readonly values: readonly unknown[];
}
type Routes = Map<string, Map<string, Subject<RawDataFrame>>>;

function protoRoutes(slabbed: boolean, session: 'none' | 'asToday' | 'fused'): Routes {
  const routes: Routes = new Map();
  for (const sid of SIDS) {
    const route = new Subject<RawDataFrame>();
    if (session === 'none') {
      route
        .pipe(
          map((f) => protoDecode(f.values, f.timeS, slabbed)),
          filter((f) => typeof f !== 'string'),
        )
        .subscribe(count);
    } else if (session === 'asToday') {
      sessionLayer(
        route.pipe(
          map((f) => protoDecode(f.values, f.timeS, slabbed)),
          filter((f): f is ProtoFrame => typeof f !== 'string'),
        ),
        false,
      ).subscribe(count);
    } else {
      const decoded = new Observable<ProtoFrame>((sub) =>
        route.subscribe((f) => {
          const d = protoDecode(f.values, f.timeS, slabbed);
          if (typeof d !== 'string') sub.next(d);
        }),
      );
      sessionLayer(decoded, true).subscribe(count);
    }
    routes.set(sid, new Map([['eeg', route]]));
  }
  return routes;
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** (a): the guard instead of io-ts; keeps Object.keys and the flat string route key. */
function receiveGuarded(raw: string, flat: Map<string, Subject<RawDataFrame>>): void {
  const json = JSON.parse(raw) as Record<string, unknown>;
  if (!own(json, 'sid')) return;
  const { sid, time } = json;
  if (typeof sid !== 'string' || typeof time !== 'number') {
    DataFrame.decode(json); // only to build the error report
    return;
  }
  for (const key of Object.keys(json)) {
    if (key === 'sid' || key === 'time') continue;
    const values = json[key];
    if (!Array.isArray(values)) return;
    flat.get(`${sid}\u0000${key}`)?.next({ timeS: time, values });
  }
}

/** (b): + nested routes, for…in, no intermediate messages. */
function receiveRouted(raw: string, routes: Routes): void {
  const json = JSON.parse(raw) as Record<string, unknown>;
  if (!own(json, 'sid')) return;
  const { sid, time } = json;
  if (typeof sid !== 'string' || typeof time !== 'number') {
    DataFrame.decode(json);
    return;
  }
  const byStream = routes.get(sid);
  for (const key in json) {
    if (key === 'sid' || key === 'time') continue;
    const values = json[key];
    if (!Array.isArray(values)) return;
    byStream?.get(key)?.next({ timeS: time, values });
  }
}

const flatA = new Map<string, Subject<RawDataFrame>>();
for (const [sid, byStream] of protoRoutes(false, 'none')) flatA.set(`${sid}\u0000eeg`, byStream.get('eeg')!);
const routesB = protoRoutes(false, 'none');
const routesC = protoRoutes(true, 'none');
const routesCSession = protoRoutes(true, 'asToday');
const routesD = protoRoutes(true, 'fused');

let sink = 0;
const cases: Array<[string, (f: string) => void]> = [
  ['bare JSON.parse', (f) => (sink += (JSON.parse(f) as { time: number }).time)],
  ['today: classifyFrame', (f) => (sink += classifyFrame(f).length)],
  ['today: receive → route → decode', (f) => todayBare.receive(f)],
  ['today: + session layer (the client)', (f) => todayClient.receive(f)],
  ['(a) guard instead of io-ts', (f) => receiveGuarded(f, flatA)],
  ['(b) + nested routes, no message objects', (f) => receiveRouted(f, routesB)],
  ['(c) + slab Float64Array views, one empty MARKERS', (f) => receiveRouted(f, routesC)],
  ['(c) + session layer as today', (f) => receiveRouted(f, routesCSession)],
  ['(d) (c) + decode/filter/tap fused, + session layer', (f) => receiveRouted(f, routesD)],
];
const rates = new Map<string, number[]>(cases.map(([name]) => [name, []]));
for (let round = -3; round < 40; round++) {
  for (let k = 0; k < cases.length; k++) {
    const [name, feed] = cases[(Math.max(0, round) + k) % cases.length];
    const t0 = performance.now();
    for (let rep = 0; rep < 4; rep++) for (const f of frames) feed(f);
    const ms = performance.now() - t0;
    if (round >= 0) rates.get(name)!.push((4 * frames.length) / (ms / 1000));
  }
}
if (!Number.isFinite(sink) || delivered === 0) throw new Error('nothing was delivered');
const median = (v: number[]) => [...v].sort((x, y) => x - y)[v.length >> 1];
const base = median(rates.get('bare JSON.parse')!);
for (const [name, v] of rates) {
  console.log(
    `${name.padEnd(52)} ${Math.round(median(v)).toString().padStart(9)} frames/s  ${(median(v) / base).toFixed(2)} of JSON.parse`,
  );
}
