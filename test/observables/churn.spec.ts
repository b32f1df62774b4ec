import { runInNewContext } from 'vm';
import { setFlagsFromString } from 'v8';
import type { Subscription } from 'rxjs';
import { firstValueFrom, type Observable } from 'rxjs';
import { connectCortex, type CortexClient, type CortexSession } from '../../src';
import type { ConnectionStats } from '../../src/observables/connection/cortexConnection';
import { liveConnection } from '../../src/observables/socket/clientSockets';
import { STREAM_NAMES } from '../../src/protocol';
import { startHarness, type Harness } from '../support/simulatorHarness';
import { RawClient, sleep, until } from '../support/rawClient';
import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';

/** A deadline, not a figure: 1000 cycles take 5–20 s, and more beside CPU hogs (jest's 30 s default was hit once). */
const CHURN_DEADLINE_MS = 180_000;
const LONG = process.env.CORTEX_RX_LONG === '1';
/** Subscribe/unsubscribe cycles of each kind. */
const CYCLES = LONG ? 5000 : 1000;
/** Heap is compared between this many cycles (warmed up) and the end. */
const WARMUP_CYCLES = 200;
/** Largest heap growth accepted from cycle 200 to the end: a leak of 2.5 KB a cycle would show. */
const MAX_HEAP_GROWTH_BYTES = 2 * 1024 * 1024;
const CLIENT = { clientId: 'churn-app', clientSecret: 'secret' };

/** `global.gc`, or the same function fetched after turning the flag on (jest cannot pass node flags to one file). */
function getGc(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (typeof g === 'function') return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function heapAfterGc(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().heapUsed;
}

/** The stats of the client's live connection (an internal table size check; see CortexConnection.stats). */
async function connectionStats(c: CortexClient): Promise<ConnectionStats> {
  const connection = await firstValueFrom(liveConnection(c));
  return connection.stats();
}

function sessionsOnSimulator(h: Harness): Promise<Array<{ id: string; streams: string[] }>> {
  return RawClient.authorized(h.sim.url, CLIENT, (raw, token) => raw.result('querySessions', { cortexToken: token }));
}

/**
 * One cycle in four of each kind: wait for the first value then leave; leave at once (nothing sent yet); leave
 * after 0–3 ms (often while the create/subscribe request is in flight, so its late answer must be undone); leave
 * after the first value arrives on a fresh turn of the event loop.
 */
async function cycle<T>(source: Observable<T>, i: number): Promise<void> {
  const mode = i % 4;
  let sub: Subscription | undefined;
  const first = new Promise<void>((resolve, reject) => {
    sub = source.subscribe({ next: () => resolve(), error: reject });
  });
  if (mode === 1) {
    sub?.unsubscribe();
    return;
  }
  if (mode === 2) {
    await sleep(i % 3);
    sub?.unsubscribe();
    return;
  }
  await first;
  if (mode === 3) await new Promise((r) => setImmediate(r));
  sub?.unsubscribe();
}

describe(`churn: ${CYCLES} subscribe/unsubscribe cycles leave nothing behind`, () => {
  let baseline: HandleCounts;
  let h: Harness;
  let keep: Subscription;
  let c: CortexClient;
  const gc = getGc();
  beforeAll(async () => {
    baseline = openHandles();
    h = await startHarness({ headsets: 'EPOCX@256:2' });
    c = connectCortex({ url: h.sim.url, ...CLIENT, lingerMs: 0, requestTimeoutMs: 5000 });
    keep = c.connection.subscribe(); // one socket for all the cycles
  });
  afterAll(async () => {
    keep.unsubscribe();
    await sleep(20);
    await h.close();
    await expectNoOpenHandles(baseline);
  });

  it(
    'of sessions: zero sessions on the simulator, empty client tables, flat heap',
    async () => {
      const session$ = c.session();
      let heapWarm = 0;
      const t0 = Date.now();
      for (let i = 0; i < CYCLES; i++) {
        await cycle(session$, i);
        if (i + 1 === WARMUP_CYCLES) {
          await until(async () => h.sim.stats().sessions === 0, 'sessions to close');
          heapWarm = await heapAfterGc(gc);
        }
      }
      const seconds = (Date.now() - t0) / 1000;
      await until(async () => h.sim.stats().sessions === 0, 'the last sessions to close');
      await until(
        async () => Object.values(await connectionStats(c)).every((n) => n === 0),
        'the client tables to empty',
      );
      const heapEnd = await heapAfterGc(gc);
      expect(await sessionsOnSimulator(h)).toEqual([]);
      expect(await connectionStats(c)).toEqual({ pending: 0, abandoned: 0, routes: 0, holds: 0 });
      expect(h.sim.stats().requests.createSession).toBeGreaterThanOrEqual(CYCLES / 2);
      // the churn left a working client: a new session still opens on the same headset
      const s = await firstValueFrom(c.session());
      expect(s.info.status).toBe('activated');
      console.log(
        `session churn: ${CYCLES} cycles in ${seconds.toFixed(1)} s, ${h.sim.stats().requests.createSession} createSession; ` +
          `heap after ${WARMUP_CYCLES}: ${(heapWarm / 1048576).toFixed(2)} MiB, after ${CYCLES}: ${(heapEnd / 1048576).toFixed(2)} MiB`,
      );
      expect(heapEnd - heapWarm).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    },
    CHURN_DEADLINE_MS,
  );

  it(
    'of streams: zero subscriptions on the simulator, empty client tables, flat heap',
    async () => {
      const sessions = await Promise.all(
        h.sim.headsetIds.map(
          (headset) =>
            new Promise<CortexSession>((resolve, reject) => {
              keep.add(c.session({ headset }).subscribe({ next: resolve, error: reject }));
            }),
        ),
      );
      // Four lanes at once, each churning one stream of one session: eeg (256 Hz) and mot (64 Hz) of both headsets (a
      // low-rate stream would make a cycle wait up to 10 s for its first value).
      const lanes = sessions.flatMap((s) =>
        STREAM_NAMES.filter((n) => n === 'eeg' || n === 'mot').map((n) => () => s.stream(n)),
      );
      const perLane = CYCLES / lanes.length;
      let heapWarm = 0;
      let done = 0;
      const t0 = Date.now();
      await Promise.all(
        lanes.map(async (stream, lane) => {
          for (let i = 0; i < perLane; i++) {
            await cycle(stream(), i + lane);
            if (++done === WARMUP_CYCLES) heapWarm = await heapAfterGc(gc);
          }
        }),
      );
      const seconds = (Date.now() - t0) / 1000;
      await until(
        async () => (await sessionsOnSimulator(h)).every((x) => x.streams.length === 0),
        'the last unsubscribe',
      );
      await until(
        async () => Object.values(await connectionStats(c)).every((n) => n === 0),
        'the client tables to empty',
      );
      const heapEnd = await heapAfterGc(gc);
      const onSim = await sessionsOnSimulator(h);
      expect(onSim).toHaveLength(2);
      expect(onSim.map((x) => x.streams)).toEqual([[], []]);
      expect(await connectionStats(c)).toEqual({ pending: 0, abandoned: 0, routes: 0, holds: 0 });
      const req = h.sim.stats().requests;
      console.log(
        `stream churn: ${CYCLES} cycles in ${seconds.toFixed(1)} s, ${req.subscribe} subscribe / ${req.unsubscribe} unsubscribe; ` +
          `heap after ${WARMUP_CYCLES}: ${(heapWarm / 1048576).toFixed(2)} MiB, after ${CYCLES}: ${(heapEnd / 1048576).toFixed(2)} MiB`,
      );
      expect(heapEnd - heapWarm).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
      // and the sessions still stream
      for (const session of sessions) expect((await firstValueFrom(session.stream('eeg')))._tag).toBe('eeg');
    },
    CHURN_DEADLINE_MS,
  );
});
