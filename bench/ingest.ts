import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Subject, switchMap, type Subscription } from 'rxjs';
import { streamColumns } from '../src/protocol/streams';
import { classifyFrame } from '../src/observables/ingest/classifyFrame';
import { connectCortex } from '../src/observables/connectCortex';
import { CortexConnection } from '../src/observables/connection/cortexConnection';
import type { Diagnostic } from '../src/observables/diagnostic';
import { frameDecoder } from '../src/observables/ingest/frameDecoder';
import { READY_STATE, type WebSocketLike } from '../src/observables/webSocketLike';
import { EPOC_SENSORS } from '../src/simulator/headsetModels';
import { startSimulator } from '../src/simulator/startSimulator';
import { AllocationProbe, GcRecorder, calibrateCounter, forceGc } from './heap';
import { progress, summarize } from './stats';
import { tapWebSocket } from './tapWebSocket';

/**
 * Part 3a: ingest. The exact frames the simulator sends (`{"eeg":[...],"sid":"...","time":...}`, captured from a
 * running simulator with 4 EPOC X at 256 Hz, one session each) are emitted on the client's own `ws` socket as the
 * bytes `ws` hands over (`socket.emit('message', bytes, false)`, what its receiver does for a text frame), so they
 * take the client's whole path: the data-frame scanner (or, for any other frame, `JSON.parse` and the codecs), demux
 * by session id and stream, column decoding into a slab and the session stream, up to four `session.stream('eeg')`
 * subscribers. The baselines run in the same rounds: bare `JSON.parse` of the same bytes (`bytes.toString()` then
 * `JSON.parse`: what any Node client of `ws` must do) and of the same text (the string already made); partial paths
 * show where the time goes: `classifyFrame` (the general path), and a bare `CortexConnection` with the same routes
 * and decoders, fed the bytes (`receiveText`) or the text (`receive`, the browser path). Contenders alternate, order
 * rotated, after a warm-up.
 */

const HEADSETS = 4;
const CLIENT = { clientId: 'bench-app', clientSecret: 'bench-secret' };

type IngestKey = 'jsonParse' | 'jsonParseBytes' | 'classifyFrame' | 'connectionText' | 'connectionDecode' | 'client';

/** One contender's result. */
export interface IngestCase {
  readonly key: IngestKey;
  readonly label: string;
  /** Frames per second, median over rounds, and the spread (max − min)/median. */
  readonly framesPerS: number;
  readonly spread: number;
  /** Rate in each round, in round order (for ratios paired by round). */
  readonly roundRates: readonly number[];
  /** Steady-state bytes allocated per frame (see bench/heap.ts). */
  readonly bytesPerFrame: number;
}

/** How many times `a`'s rate `b`'s is: the median over rounds of the ratio within the same round. */
export function pairedIngestRatio(a: IngestCase, b: IngestCase): number {
  return summarize(a.roundRates.map((rate, i) => rate / b.roundRates[i])).median;
}

/** Part 3a's result. */
export interface IngestResult {
  readonly cases: IngestCase[];
  /** Distinct captured frames (cycled through), their sessions, and their mean length. */
  readonly distinctFrames: number;
  readonly sessions: number;
  readonly meanFrameChars: number;
  /** Frames the client's `session.stream('eeg')` subscribers received during the measured rounds, and frames fed. */
  readonly clientReceived: number;
  readonly clientFed: number;
  /** Diagnostics the client reported (every frame was valid: 0 expected). */
  readonly diagnostics: number;
  readonly rounds: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`ingest: timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** Runs part 3a. */
export async function runIngest(options: { rounds: number; framesPerBatch: number }): Promise<IngestResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-bench-ingest-'));
  const sim = await startSimulator({
    port: 0,
    dataDir,
    headsets: `EPOCX@256:${HEADSETS}`,
    initialHeadsetStatus: 'connected',
  });
  const subs: Subscription[] = [];
  try {
    // 1. Capture real frames: one session and one eeg subscriber per headset.
    let capturing = true;
    const captured: string[] = [];
    const wanted = 2048;
    const tap = tapWebSocket({
      capture: (text) => {
        if (capturing && captured.length < wanted && text.startsWith('{"eeg":')) captured.push(text);
      },
    });
    const client = connectCortex({ url: sim.url, ...CLIENT, WebSocketCtor: tap.Ctor, lingerMs: 0 });
    let diagnostics = 0;
    subs.push(client.diagnostics.subscribe(() => diagnostics++));
    let received = 0;
    for (const headset of sim.headsetIds) {
      subs.push(
        client
          .session({ headset })
          .pipe(switchMap((session) => session.stream('eeg')))
          .subscribe((event) => {
            if (event._tag === 'eeg') received++;
          }),
      );
    }
    await waitFor(`${wanted} eeg frames`, () => captured.length >= wanted, 30_000);
    // 2. Silence the simulator (drop every data frame) and let frames in flight land.
    sim.faults.dropFrames({ ratio: 1 });
    await sleep(200);
    capturing = false;
    const socket = tap.sockets[tap.sockets.length - 1];
    const frames = captured.slice(0, wanted);
    // The bytes `ws` hands over for each frame (it validated them as UTF-8, so they are the text's bytes).
    const frameBytes = frames.map((f) => Buffer.from(f, 'utf8'));
    const sids = [...new Set(frames.map((f) => (JSON.parse(f) as { sid: string }).sid))];
    const meanFrameChars = frames.reduce((n, f) => n + f.length, 0) / frames.length;
    progress(
      `ingest: captured ${frames.length} frames of ${sids.length} sessions (${Math.round(meanFrameChars)} chars each)`,
    );

    // 3. A bare connection with the same routes and decoders, for the breakdown.
    const fakeSocket: WebSocketLike = {
      readyState: READY_STATE.OPEN,
      send: () => undefined,
      close: () => undefined,
      onopen: null,
      onmessage: null,
      onclose: null,
      onerror: null,
    };
    const bareDiagnostics = new Subject<Diagnostic>();
    const connection = new CortexConnection(fakeSocket, {
      ...CLIENT,
      license: undefined,
      maxFrameBytes: 8 * 1024 * 1024,
      debit: undefined,
      requestTimeoutMs: 10_000,
      maxPendingRequests: 1024,
      diagnostics: bareDiagnostics,
    });
    const decode = frameDecoder('eeg', streamColumns('eeg', EPOC_SENSORS, []));
    let bareReceived = 0;
    for (const sid of sids) {
      subs.push(connection.routes.frames(sid, 'eeg', decode).subscribe(() => bareReceived++));
    }

    let sink = 0;
    const contenders: Array<{ key: IngestKey; label: string; feed: (i: number) => void }> = [
      {
        key: 'jsonParse',
        label: 'bare JSON.parse of the same frames (text)',
        feed: (i) => {
          sink += (JSON.parse(frames[i]) as { time: number }).time;
        },
      },
      {
        key: 'jsonParseBytes',
        label: 'bare JSON.parse of the same bytes (bytes.toString() then JSON.parse)',
        feed: (i) => {
          sink += (JSON.parse(frameBytes[i].toString()) as { time: number }).time;
        },
      },
      {
        key: 'classifyFrame',
        label: 'classifyFrame (JSON.parse + hand check, the general path)',
        feed: (i) => {
          sink += classifyFrame(frames[i]).length;
        },
      },
      {
        key: 'connectionText',
        label: 'CortexConnection.receive(text) → scan → route → frameDecoder (browser path, no session operators)',
        feed: (i) => connection.receive(frames[i]),
      },
      {
        key: 'connectionDecode',
        label: 'CortexConnection.receiveText(bytes) → scan → route → frameDecoder (no session operators)',
        feed: (i) => connection.receiveText(frameBytes[i]),
      },
      {
        key: 'client',
        label: "client: ws 'message' (bytes) → … → session.stream('eeg') subscribers",
        feed: (i) => socket.emit('message', frameBytes[i], false),
      },
    ];

    const gc = new GcRecorder();
    gc.start();
    const counterCost = calibrateCounter();
    const chunk = 256;
    const batches = Math.ceil(options.framesPerBatch / frames.length);
    const perBatch = batches * frames.length;
    const run = (feed: (i: number) => void, probe: AllocationProbe | undefined, done: number): void => {
      probe?.begin(done);
      let n = done;
      for (let b = 0; b < batches; b++) {
        for (let i = 0; i < frames.length; i++) {
          feed(i);
          n++;
          if (probe !== undefined && n % chunk === 0) probe.mark(n);
        }
      }
      probe?.mark(n);
    };

    for (let w = 0; w < 3; w++) for (const c of contenders) run(c.feed, undefined, 0);
    progress('ingest: warmed up');

    const receivedBefore = received;
    const state = contenders.map((c) => ({
      c,
      rates: [] as number[],
      fed: 0,
      probe: new AllocationProbe(Math.ceil((options.rounds * perBatch) / chunk) + 2 * options.rounds + 4),
    }));
    forceGc();
    for (let round = 0; round < options.rounds; round++) {
      for (let k = 0; k < state.length; k++) {
        const s = state[(round + k) % state.length];
        const t0 = performance.now();
        run(s.c.feed, s.probe, s.fed);
        const t1 = performance.now();
        s.fed += perBatch;
        s.rates.push(perBatch / ((t1 - t0) / 1000));
      }
    }
    await gc.flush();
    gc.stop();
    const clientFed = state.find((s) => s.c.key === 'client')!.fed;
    const clientReceived = received - receivedBefore;
    if (!Number.isFinite(sink)) throw new Error('ingest checksum is not finite');
    if (bareReceived === 0) throw new Error('ingest: the bare connection routed nothing');
    progress(`ingest: ${options.rounds} rounds of ${perBatch} frames per contender done`);

    return {
      cases: state.map((s) => {
        const r = summarize(s.rates);
        return {
          key: s.c.key,
          label: s.c.label,
          framesPerS: r.median,
          spread: r.spread,
          roundRates: s.rates,
          bytesPerFrame: s.probe.bytesPerSample(gc, counterCost).bytesPerSample,
        };
      }),
      distinctFrames: frames.length,
      sessions: sids.length,
      meanFrameChars,
      clientReceived,
      clientFed,
      diagnostics,
      rounds: options.rounds,
    };
  } finally {
    for (const s of subs) s.unsubscribe();
    await sleep(50);
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
