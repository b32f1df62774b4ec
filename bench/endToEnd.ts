import { epoch as pipesEpoch, fft as pipesFft, powerByBand } from '@neurosity/pipes';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Observable, switchMap, tap, type Subscription } from 'rxjs';
import type WebSocket from 'ws';
import { CORTEX_BANDS } from '../src/dsp/cortexBands';
import { connectCortex } from '../src/observables/connectCortex';
import { bandPower, epoch } from './cortexRxOperators';
import { createFloorLoop, type FloorLoop } from './floorLoop';
import { startSimulator } from '../src/simulator/startSimulator';
import { AllocationProbe, GcRecorder, calibrateCounter, forceGc } from './heap';
import { progress, summarize } from './stats';
import { tapWebSocket } from './tapWebSocket';

/**
 * Part 5: end to end, from the bytes `ws` delivers to the band-power emission. One `connectCortex` client opens a
 * session per headset (64 EPOC X at 256 Hz, simulator in this process) and runs `session.stream('eeg')` →
 * `epoch({ lengthSamples: 256, hopSamples: 32, copy: false })` →
 * `bandPower({ sampleRateHz: 256, segmentLength: 256, window: 'hann', bands: CORTEX_BANDS, copy: false })` on each.
 * The exact bytes of 512 consecutive frames of one headset are captured as `ws` hands them over (a Buffer); the
 * other headsets get the same bytes with their own session id. The simulator is then silenced (every frame
 * dropped) and the frames are replayed, interleaved across headsets as a socket delivers them, for 1 and for 64
 * headsets, to three contenders in alternating rounds:
 *
 * - `cortexRx`: emitted on the client's own `ws` socket (`socket.emit('message', bytes, false)`, what `ws`'s
 *   receiver does for a text frame), so they take the client's whole path to the band-power chains;
 * - `floor`: `JSON.parse(bytes.toString())`, the headset looked up by `sid` in a Map, the 14 sensor values pushed
 *   into the hand-written floor loop (`floorLoop.ts`, one per headset);
 * - `neurosityPipes` (the anchor): the same parse and lookup, `{ data: eeg.slice(2, 16), timestamp }` into a
 *   @neurosity/pipes `epoch → fft → powerByBand` chain per headset.
 *
 * Reported: ns per frame (median of rounds), cortex-rx's time over the floor's (paired by round), and cortex-rx's
 * time per frame × 256 frames/s: the fraction of a core the client spends per 256 Hz headset with band power, from
 * the socket's message to the emission (TCP and `ws` framing are apart: part 3b's bare-`ws` baseline).
 */

const RATE_HZ = 256;
const EPOCH = 256;
const HOP = 32;
/** Frames captured per headset (2 s of eeg). */
const FRAMES_PER_HEADSET = 512;
/** The sensor values of an EPOC X eeg frame: after COUNTER and INTERPOLATED, 14 of them. */
const FIRST_SENSOR = 2;
const SENSORS = 14;

export type EndToEndKey = 'cortexRx' | 'floor' | 'neurosityPipes';

/** One contender at one headset count. */
export interface EndToEndCase {
  readonly key: EndToEndKey;
  readonly headsets: number;
  /** ns per frame, median over rounds, spread (max − min)/median, and each round's figure (for paired ratios). */
  readonly nsPerFrame: number;
  readonly spread: number;
  readonly roundNs: readonly number[];
  /** Steady-state bytes allocated per frame (see bench/heap.ts). */
  readonly bytesPerFrame: number;
  /** Band-power emissions during the measured rounds, and the number expected (frames / hop). */
  readonly emissions: number;
  readonly expectedEmissions: number;
}

/** Part 5's result. */
export interface EndToEndResult {
  readonly cases: EndToEndCase[];
  readonly rounds: number;
  /** Diagnostics the client reported (every frame was valid: 0 expected). */
  readonly diagnostics: number;
}

/** Median over rounds of `a`'s time over `b`'s in the same round. */
export function pairedTimeRatio(a: EndToEndCase, b: EndToEndCase): number {
  return summarize(a.roundNs.map((ns, i) => ns / b.roundNs[i])).median;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface EegMessage {
  sid: string;
  time: number;
  eeg: number[];
}

/** A source whose `next` the caller calls directly. */
function pushSource<T>(): { source: Observable<T>; next: (value: T) => void } {
  let target: ((value: T) => void) | undefined;
  const source = new Observable<T>((subscriber) => {
    target = (v) => subscriber.next(v);
    return () => {
      target = undefined;
    };
  });
  return { source, next: (v) => target?.(v) };
}

/** JSON.parse + Map by sid + one floor loop per headset. */
function floorFeed(sids: readonly string[], onEmission: () => void): (bytes: Buffer) => void {
  const floors = new Map<string, FloorLoop>(
    sids.map((sid) => [sid, createFloorLoop(SENSORS, RATE_HZ, EPOCH, HOP, onEmission)]),
  );
  return (bytes) => {
    const msg = JSON.parse(bytes.toString()) as EegMessage;
    floors.get(msg.sid)?.push(msg.eeg, FIRST_SENSOR);
  };
}

/** JSON.parse + Map by sid + one @neurosity/pipes chain per headset. */
function pipesFeed(sids: readonly string[], onEmission: () => void): { feed: (bytes: Buffer) => void; close(): void } {
  const bands: Record<string, [number, number]> = Object.fromEntries(
    Object.entries(CORTEX_BANDS).map(([name, [lo, hi]]): [string, [number, number]] => [name, [lo, hi]]),
  );
  const subs: Subscription[] = [];
  const sinks = new Map<string, (sample: { data: number[]; timestamp: number }) => void>();
  for (const sid of sids) {
    const { source, next } = pushSource<{ data: number[]; timestamp: number }>();
    subs.push(
      source
        .pipe(
          pipesEpoch({ duration: EPOCH, interval: HOP, samplingRate: RATE_HZ }),
          pipesFft({ bins: EPOCH }),
          powerByBand(bands),
        )
        .subscribe(onEmission),
    );
    sinks.set(sid, next);
  }
  return {
    feed: (bytes) => {
      const msg = JSON.parse(bytes.toString()) as EegMessage;
      sinks.get(msg.sid)?.({ data: msg.eeg.slice(FIRST_SENSOR, FIRST_SENSOR + SENSORS), timestamp: msg.time * 1000 });
    },
    close: () => subs.forEach((s) => s.unsubscribe()),
  };
}

/** Runs part 5: an in-process simulator with `headsets` EPOC X at 256 Hz, silenced while the frames are replayed. */
export async function runEndToEnd(options: { headsets: number; rounds: number }): Promise<EndToEndResult> {
  const H = options.headsets;
  const dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-bench-e2e-'));
  const sim = await startSimulator({
    port: 0,
    dataDir,
    headsets: `EPOCX@256:${H}`,
    initialHeadsetStatus: 'connected',
  });
  let capturing = true;
  const template: Buffer[] = [];
  const sids = new Set<string>();
  const wsTap = tapWebSocket({
    captureBytes: (data) => {
      if (!capturing || data[2] !== 0x65) return; // '{"e…': eeg frames only
      const text = data.toString();
      if (!text.startsWith('{"eeg":')) return;
      const sid = (JSON.parse(text) as EegMessage).sid;
      sids.add(sid);
      if (sids.size === 1 && template.length < FRAMES_PER_HEADSET) template.push(Buffer.from(data)); // a copy
    },
  });
  const client = connectCortex({
    url: sim.url,
    clientId: 'bench-end-to-end',
    clientSecret: 'bench-secret',
    WebSocketCtor: wsTap.Ctor,
    lingerMs: 0,
    requestTimeoutMs: 60_000,
  });
  const subs: Subscription[] = [];
  let cortexEmissions = 0;
  let diagnostics = 0;
  subs.push(client.diagnostics.subscribe(() => diagnostics++));
  try {
    const ids = sim.headsetIds.slice(0, H);
    let streaming = 0;
    const open = (headset: string) => {
      let first = true;
      subs.push(
        client
          .session({ headset })
          .pipe(
            switchMap((session) => session.stream('eeg')),
            tap(() => {
              if (first) {
                first = false;
                streaming++;
              }
            }),
            epoch({ lengthSamples: EPOCH, hopSamples: HOP, copy: false }),
            bandPower({
              sampleRateHz: RATE_HZ,
              segmentLength: EPOCH,
              window: 'hann',
              bands: CORTEX_BANDS,
              copy: false,
            }),
          )
          .subscribe({
            next: () => cortexEmissions++,
            error: (err: unknown) => progress(`end-to-end: stream error ${String(err)}`),
          }),
      );
    };
    // One headset at full rate: the template frames.
    open(ids[0]);
    await until('the template frames', () => template.length >= FRAMES_PER_HEADSET);
    // The others with the simulator nearly silent (this process runs it): they only need to be subscribed.
    sim.faults.dropFrames({ ratio: 0.99 });
    for (let from = 1; from < H; from += 16) {
      for (const headset of ids.slice(from, Math.min(H, from + 16))) open(headset);
      const want = Math.min(H, from + 16);
      await until(`${want} eeg streams`, () => streaming >= want && sids.size >= want);
    }
    sim.faults.dropFrames({ ratio: 1 });
    capturing = false;
    await sleep(300);
    const socket = wsTap.sockets[wsTap.sockets.length - 1];
    const frames = framesFor([...sids], template);
    const cases = await replay(socket, frames, options.rounds, () => cortexEmissions);
    if (diagnostics > 0) progress(`end-to-end: the client reported ${diagnostics} diagnostics`);
    return { cases, rounds: options.rounds, diagnostics };
  } finally {
    for (const s of subs) s.unsubscribe();
    await sleep(50);
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function until(what: string, condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`end-to-end: timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** The template frames (of the first sid) for every sid: the same bytes with the sid replaced (same length). */
function framesFor(sids: readonly string[], template: readonly Buffer[]): Buffer[][] {
  const templateSid = Buffer.from(sids[0]);
  return sids.map((sid) => {
    const bytes = Buffer.from(sid);
    if (bytes.length !== templateSid.length) throw new Error('end-to-end: session ids of different lengths');
    return template.map((frame) => {
      const copy = Buffer.from(frame);
      const at = copy.indexOf(`"sid":"${sids[0]}"`) + 7;
      bytes.copy(copy, at);
      return copy;
    });
  });
}

/** Replays the captured frames for 1 and `sids.length` headsets to the three contenders. */
async function replay(
  socket: WebSocket,
  frames: readonly Buffer[][],
  rounds: number,
  cortexEmissions: () => number,
): Promise<EndToEndCase[]> {
  const cases: EndToEndCase[] = [];
  const gc = new GcRecorder();
  gc.start();
  const counterCost = calibrateCounter();
  const sids = frames.map((f) => JSON.parse(f[0].toString()) as EegMessage).map((m) => m.sid);
  for (const count of [1, sids.length]) {
    const use = sids.slice(0, count);
    // Interleaved as the socket delivers them: sample j of every headset, then sample j + 1.
    const sequence: Buffer[] = [];
    const repeat = Math.max(1, Math.round(16 / count));
    for (let r = 0; r < repeat; r++)
      for (let j = 0; j < FRAMES_PER_HEADSET; j++) for (let h = 0; h < count; h++) sequence.push(frames[h][j]);
    let floorEmissions = 0;
    let pipesEmissions = 0;
    const pipes = pipesFeed(use, () => pipesEmissions++);
    const contenders: Array<{ key: EndToEndKey; feed: (b: Buffer) => void; emitted: () => number }> = [
      { key: 'cortexRx', feed: (b) => socket.emit('message', b, false), emitted: cortexEmissions },
      { key: 'floor', feed: floorFeed(use, () => floorEmissions++), emitted: () => floorEmissions },
      { key: 'neurosityPipes', feed: pipes.feed, emitted: () => pipesEmissions },
    ];
    const chunk = 256;
    const run = (feed: (b: Buffer) => void, probe: AllocationProbe | undefined, done: number): void => {
      probe?.begin(done);
      let n = done;
      for (let i = 0; i < sequence.length; i++) {
        feed(sequence[i]);
        n++;
        if (probe !== undefined && n % chunk === 0) probe.mark(n);
      }
      probe?.mark(n);
    };
    for (let w = 0; w < 2; w++) for (const c of contenders) run(c.feed, undefined, 0);
    const state = contenders.map((c) => ({
      c,
      ns: [] as number[],
      fed: 0,
      emitted0: c.emitted(),
      probe: new AllocationProbe(Math.ceil((rounds * sequence.length) / chunk) + 2 * rounds + 4),
    }));
    forceGc();
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < state.length; k++) {
        const s = state[(round + k) % state.length];
        const t0 = performance.now();
        run(s.c.feed, s.probe, s.fed);
        const t1 = performance.now();
        s.fed += sequence.length;
        s.ns.push(((t1 - t0) * 1e6) / sequence.length);
      }
    }
    pipes.close();
    await gc.flush();
    for (const s of state) {
      const r = summarize(s.ns);
      cases.push({
        key: s.c.key,
        headsets: count,
        nsPerFrame: r.median,
        spread: r.spread,
        roundNs: s.ns,
        bytesPerFrame: s.probe.bytesPerSample(gc, counterCost).bytesPerSample,
        emissions: s.c.emitted() - s.emitted0,
        expectedEmissions: Math.floor(s.fed / HOP),
      });
    }
    progress(
      `end-to-end replay, ${count} headset(s): ${cases
        .slice(-3)
        .map((c) => `${c.key} ${c.nsPerFrame.toFixed(0)} ns/frame`)
        .join(', ')}`,
    );
  }
  gc.stop();
  return cases;
}
