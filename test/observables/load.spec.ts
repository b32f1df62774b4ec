import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { monitorEventLoopDelay } from 'perf_hooks';
import WebSocket from 'ws';
import type { Subscription } from 'rxjs';
import { filter } from 'rxjs';
import { connectCortex, type CortexSession, type EegFrame, type StreamEvent, type WebSocketCtor } from '../../src';
import { startSimulatorProcess, type SimulatorProcess } from '../support/childProcesses';
import { sleep, until } from '../support/rawClient';
import { CounterContinuity } from '../support/counterContinuity';
import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';

const LONG = process.env.CORTEX_RX_LONG === '1';
/**
 * 64 with CORTEX_RX_LONG=1; 16 in `npm test`, which must hold on a busy machine: with two CPU hogs beside the suite
 * on 2 cores, a simulator process generating 64 × 256 Hz fell behind for good (no session's first frame within 60 s).
 * The properties asserted are the same; the 64-headset figure is the long run's and the bench's.
 */
const HEADSETS = LONG ? 64 : 16;
const RATE_HZ = 256;
/** Seconds of streaming measured: 30 with CORTEX_RX_LONG=1, 5 in `npm test`. */
const DURATION_S = LONG ? 30 : 5;
/** How long the frames in flight may take to arrive after the sessions close: a deadline, not a measured figure. */
const DRAIN_DEADLINE_MS = 60_000;

const isEeg = (e: StreamEvent<'eeg'>): e is EegFrame => e._tag === 'eeg';

/** `ws`, counting the eeg frames that reach the client's socket (the client is given the constructor, style §9). */
function countingWebSocket(): { Ctor: WebSocketCtor; received: () => number } {
  let received = 0;
  class CountingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[], options?: WebSocket.ClientOptions) {
      super(url, protocols, options);
      this.on('message', (data: Buffer, isBinary: boolean) => {
        // a data frame starts with its stream key (cortex-api §1.4)
        if (!isBinary && data[2] === 0x65 && data.subarray(0, 7).toString() === '{"eeg":') received++;
      });
    }
  }
  return { Ctor: CountingWebSocket as unknown as WebSocketCtor, received: () => received };
}

describe(`load: ${HEADSETS} headsets at ${RATE_HZ} Hz for ${DURATION_S} s`, () => {
  let baseline: HandleCounts;
  let sim: SimulatorProcess;
  let dataDir: string;
  beforeAll(async () => {
    baseline = openHandles();
    dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-load-'));
    // The simulator runs in its own process, as Cortex does: the test measures the client on its own thread.
    sim = await startSimulatorProcess({
      port: 0,
      dataDir,
      headsets: `EPOCX@${RATE_HZ}:${HEADSETS}`,
      initialHeadsetStatus: 'connected',
    });
  }, 120_000);
  afterAll(async () => {
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
    await expectNoOpenHandles(baseline);
  }, 120_000);

  it(
    'loses no frame: every session keeps COUNTER continuity, and every frame sent reaches the client',
    async () => {
      const { Ctor, received } = countingWebSocket();
      const client = connectCortex({
        url: sim.url,
        clientId: 'load-app',
        clientSecret: 's',
        lingerMs: 0,
        // 64 sessions opened at once beside a starved simulator: answers may take seconds (a deadline, not a figure)
        requestTimeoutMs: DRAIN_DEADLINE_MS,
        WebSocketCtor: Ctor,
      });
      const subs: Subscription[] = [];
      const continuity = sim.headsetIds.map(() => new CounterContinuity(RATE_HZ));
      const errors: unknown[] = [];
      try {
        const sessions = await Promise.all(
          sim.headsetIds.map(
            (headset) =>
              new Promise<CortexSession>((resolve, reject) => {
                subs.push(client.session({ headset }).subscribe({ next: resolve, error: reject }));
              }),
          ),
        );
        sessions.forEach((s, i) =>
          subs.push(
            s
              .stream('eeg')
              .pipe(filter(isEeg))
              .subscribe({
                next: (f) => continuity[i].push(f.counter, f.timeS),
                error: (e: unknown) => errors.push(e),
              }),
          ),
        );
        // measured from when every session streams
        await until(
          () => errors.length > 0 || continuity.every((c) => c.frames > 0),
          'every session to stream',
          DRAIN_DEADLINE_MS,
        );
        expect(errors).toEqual([]);
        const startFrames = continuity.map((c) => c.frames);
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const loopDelay = monitorEventLoopDelay({ resolution: 10 });
        loopDelay.enable();
        await sleep(DURATION_S * 1000);
        loopDelay.disable();
        const seconds = (performance.now() - t0) / 1000;
        const cpu = process.cpuUsage(cpu0);
        const inWindow = continuity.map((c, i) => c.frames - startFrames[i]);

        // stop: close every session, then wait until every frame sent has arrived (a busy machine may take seconds
        // to drain the socket; a fixed sleep here lost 24,417 of 108,912 frames in flight under load, issue 13 §8)
        subs.splice(0).forEach((s) => s.unsubscribe());
        await until(async () => (await sim.stats()).sessions === 0, 'every session closed', DRAIN_DEADLINE_MS);
        const sent = (await sim.stats()).framesSent;
        await until(() => received() >= sent, `${sent} frames to reach the socket`, DRAIN_DEADLINE_MS).catch(
          () => undefined, // asserted below, with the counts
        );
        const total = continuity.reduce((n, c) => n + c.frames, 0);
        const perSession = inWindow.reduce((a, b) => a + b, 0) / HEADSETS;
        console.log(
          `load (simulator from ${sim.from}): ${HEADSETS} × ${RATE_HZ} Hz for ${seconds.toFixed(1)} s: ${sent} frames sent, ${received()} reached the socket, ` +
            `${total} decoded in order; ${perSession.toFixed(0)} per session in the window (${(perSession / seconds).toFixed(1)} Hz); ` +
            `lost ${continuity.reduce((n, c) => n + c.lost, 0)}; client CPU ${(((cpu.user + cpu.system) / 1e6 / seconds) * 100).toFixed(0)}% of one core, ` +
            `event loop delay p99 ${(loopDelay.percentile(99) / 1e6).toFixed(0)} ms, max ${(loopDelay.max / 1e6).toFixed(0)} ms`,
        );
        expect(errors).toEqual([]);
        expect(continuity.flatMap((c) => c.breaks)).toEqual([]);
        expect(received()).toBe(sent);
        // frames that arrived after their session's stream was unsubscribed are not decoded, and how many arrived in
        // the window depends on the machine's load (9.6 Hz per session on a starved 2-core box): printed, not asserted
        expect(total).toBeLessThanOrEqual(sent);
      } finally {
        subs.forEach((s) => s.unsubscribe());
      }
    },
    DURATION_S * 1000 + 3 * DRAIN_DEADLINE_MS,
  );
});
