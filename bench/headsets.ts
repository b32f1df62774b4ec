import { filter, firstValueFrom, map, switchMap, timeout, type Subscription } from 'rxjs';
import { performance } from 'perf_hooks';
import WebSocket from 'ws';
import { connectCortex } from '../src/observables/connectCortex';
import type { StreamEvent } from '../src/observables/ingest/streamFrames';
import type { ForkedSimulator } from './forkSimulator';
import { progress, quantile } from './stats';

/**
 * Part 3b: many headsets through one client. A simulator with 64 EPOC X at 256 Hz runs in a child process; one
 * `connectCortex` client opens one session per headset (`client.session({ headset })`) and subscribes its eeg
 * stream, for 1, 8, 32 and 64 headsets in turn (sessions are added, never re-made), and counts frames over a
 * window of sample times.
 *
 * **Sent** is counted from the simulator's own numbering: its sample times are exact multiples of the period
 * (`time = k / 256`, COUNTER = `k mod 256`), and every subscribed headset sends every `k` whose time falls in the
 * window, so sent = headsets × window × 256 (the COUNTER of every frame received is checked against `k`: a
 * mismatch would mean the numbering assumption is wrong). **Received** counts distinct `k` per headset within the
 * window, waited for up to a grace period after the window's last sample. **CPU** is the client process's
 * `process.cpuUsage()` over the window (the simulator's own CPU, from /proc, is reported apart).
 *
 * A baseline, `runRawBaseline`, does the same with a bare `ws` socket whose handler only `JSON.parse`s each frame
 * (the RPC handshake done by hand): the CPU that transport and parsing cost before any client code runs.
 */

const RATE_HZ = 256;
/** The simulator sends each EEG sample this long after its time (virtualHeadset.ts EEG_LATENCY_S). */
const SIMULATOR_SEND_DELAY_S = 0.05;
const CLIENT = { clientId: 'bench-headsets', clientSecret: 'bench-secret' };
/** The baseline is another app, so its sessions never collide with the client's (one session per headset per app). */
const RAW_CLIENT = { clientId: 'bench-raw', clientSecret: 'bench-secret' };

/** One headset count's result. */
export interface HeadsetRun {
  readonly count: number;
  readonly sent: number;
  readonly received: number;
  readonly lost: number;
  /** Client CPU seconds (user + system) over the window, and as a fraction of one core. */
  readonly cpuS: number;
  readonly cpuCoreFraction: number;
  /** Client event-loop utilisation over the window (0–1). */
  readonly eventLoopUtilization: number;
  /** Simulator (child process) CPU seconds over the window. */
  readonly simulatorCpuS: number;
  readonly windowS: number;
  /** Age of frames when the client's subscriber got them, relative to their sample time + the simulator's 50 ms send delay. */
  readonly lagP50Ms: number;
  readonly lagP99Ms: number;
  readonly lagMaxMs: number;
  readonly counterMismatches: number;
  readonly duplicates: number;
  /** Gap events (socket drops) seen on the streams: 0 expected. */
  readonly gaps: number;
}

interface HeadsetState {
  /** 1 for each sample index of the window received. */
  seen: Uint8Array;
  count: number;
  lastK: number;
  frames: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sleepUntil(epochMs: number): Promise<void> {
  return sleep(Math.max(0, epochMs - Date.now()));
}

/** Runs part 3b against a forked simulator that has at least `max(counts)` connected EPOC X at 256 Hz. */
export async function runHeadsets(
  sim: ForkedSimulator,
  options: { counts: readonly number[]; windowS: number; graceS: number },
): Promise<HeadsetRun[]> {
  const maxCount = Math.max(...options.counts);
  const windowSamples = options.windowS * RATE_HZ;
  const client = connectCortex({ url: sim.url, ...CLIENT, lingerMs: 0, requestTimeoutMs: 60_000 });
  const subs: Subscription[] = [];
  const results: HeadsetRun[] = [];
  let diagnostics = 0;
  subs.push(client.diagnostics.subscribe(() => diagnostics++));
  try {
    const ids = await firstValueFrom(
      client.headsets().pipe(
        map((list) => list.filter((h) => h.status === 'connected' && h.id.startsWith('EPOCX')).map((h) => h.id)),
        filter((list) => list.length >= maxCount),
        timeout(30_000),
      ),
    );
    const states: HeadsetState[] = [];
    let k0 = Infinity;
    let k1 = -Infinity;
    let counterMismatches = 0;
    let duplicates = 0;
    let gaps = 0;
    const lags = new Float64Array(maxCount * windowSamples);
    let lagCount = 0;

    const onEvent = (st: HeadsetState) => (event: StreamEvent<'eeg'>) => {
      if (event._tag !== 'eeg') {
        gaps++;
        return;
      }
      const k = Math.round(event.timeS * RATE_HZ);
      st.frames++;
      st.lastK = k;
      if (event.counter !== k % RATE_HZ) counterMismatches++;
      if (k < k0 || k >= k1) return;
      const i = k - k0;
      if (st.seen[i] === 1) {
        duplicates++;
        return;
      }
      st.seen[i] = 1;
      st.count++;
      if (lagCount < lags.length) lags[lagCount++] = Date.now() - (event.timeS + SIMULATOR_SEND_DELAY_S) * 1000;
    };

    for (const count of options.counts) {
      while (states.length < count) {
        const st: HeadsetState = { seen: new Uint8Array(windowSamples), count: 0, lastK: -1, frames: 0 };
        states.push(st);
        subs.push(
          client
            .session({ headset: ids[states.length - 1] })
            .pipe(switchMap((session) => session.stream('eeg')))
            .subscribe({
              next: onEvent(st),
              error: (err: unknown) => progress(`headsets: stream error ${String(err)}`),
            }),
        );
      }
      const readyBy = Date.now() + 60_000;
      while (states.some((s) => s.frames === 0)) {
        if (Date.now() > readyBy)
          throw new Error(`headsets: ${states.filter((s) => s.frames === 0).length} streams never started`);
        await sleep(50);
      }
      await sleep(1000);

      // The window: sample indices [k0, k1), starting half a second from now.
      for (const st of states) {
        st.seen.fill(0);
        st.count = 0;
      }
      lagCount = 0;
      const start = Math.ceil((Date.now() / 1000 + 0.5) * RATE_HZ);
      k0 = start;
      k1 = start + windowSamples;
      const mismatchesBefore = counterMismatches;
      const duplicatesBefore = duplicates;
      const gapsBefore = gaps;
      await sleepUntil((k0 / RATE_HZ + SIMULATOR_SEND_DELAY_S) * 1000);
      const cpu0 = process.cpuUsage();
      const elu0 = performance.eventLoopUtilization();
      const sim0 = sim.cpuSeconds();
      const wall0 = performance.now();
      await sleepUntil((k1 / RATE_HZ + SIMULATOR_SEND_DELAY_S) * 1000);
      const cpu = process.cpuUsage(cpu0);
      const elu = performance.eventLoopUtilization(elu0);
      const simCpu = sim.cpuSeconds() - sim0;
      const wallS = (performance.now() - wall0) / 1000;
      const graceBy = Date.now() + options.graceS * 1000;
      while (states.some((s) => s.lastK < k1 - 1) && Date.now() < graceBy) await sleep(20);

      const received = states.reduce((n, s) => n + s.count, 0);
      const sent = count * windowSamples;
      const cpuS = (cpu.user + cpu.system) / 1e6;
      const lagValues = lags.subarray(0, lagCount);
      const run: HeadsetRun = {
        count,
        sent,
        received,
        lost: sent - received,
        cpuS,
        cpuCoreFraction: cpuS / wallS,
        eventLoopUtilization: elu.utilization,
        simulatorCpuS: simCpu,
        windowS: options.windowS,
        lagP50Ms: quantile(lagValues, 0.5),
        lagP99Ms: quantile(lagValues, 0.99),
        lagMaxMs: quantile(lagValues, 1),
        counterMismatches: counterMismatches - mismatchesBefore,
        duplicates: duplicates - duplicatesBefore,
        gaps: gaps - gapsBefore,
      };
      k0 = Infinity;
      k1 = -Infinity;
      results.push(run);
      progress(
        `headsets: ${count} → sent ${sent}, received ${received}, client CPU ${cpuS.toFixed(2)} s (${Math.round(
          run.cpuCoreFraction * 100,
        )}% of a core), simulator CPU ${simCpu.toFixed(2)} s, lag p99 ${run.lagP99Ms.toFixed(1)} ms`,
      );
    }
    if (diagnostics > 0) progress(`headsets: the client reported ${diagnostics} diagnostics`);
    return results;
  } finally {
    for (const s of subs) s.unsubscribe();
    await sleep(300);
  }
}

/** The bare-socket baseline at one headset count. */
export interface RawBaselineRun {
  readonly count: number;
  readonly sent: number;
  readonly received: number;
  readonly cpuS: number;
  readonly cpuCoreFraction: number;
  readonly windowS: number;
}

/**
 * Runs the baseline: a bare `ws` socket (authorize, createSession and subscribe sent by hand, one session per
 * headset), every message `JSON.parse`d and counted by sample index, CPU over the same kind of window.
 */
export async function runRawBaseline(
  sim: ForkedSimulator,
  options: { count: number; windowS: number; graceS: number },
): Promise<RawBaselineRun> {
  const ws = new WebSocket(sim.url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pending = new Map<number, (value: { result?: unknown; error?: { message: string } }) => void>();
  let nextId = 1;
  let k0 = Infinity;
  let k1 = -Infinity;
  let received = 0;
  let lastK = -1;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as {
      sid?: string;
      time?: number;
      id?: number;
      result?: unknown;
      error?: { message: string };
    };
    if (msg.sid !== undefined && msg.time !== undefined) {
      const k = Math.round(msg.time * RATE_HZ);
      if (k >= k0 && k < k1) received++;
      if (k > lastK) lastK = k;
      return;
    }
    if (msg.id !== undefined) {
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
    }
  });
  const call = async <T>(method: string, params: object): Promise<T> => {
    const id = nextId++;
    const answer = await new Promise<{ result?: unknown; error?: { message: string } }>((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
    if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
    return answer.result as T;
  };
  try {
    const { cortexToken } = await call<{ cortexToken: string }>('authorize', RAW_CLIENT);
    const headsets = await call<Array<{ id: string; status: string }>>('queryHeadsets', {});
    const ids = headsets.filter((h) => h.status === 'connected' && h.id.startsWith('EPOCX')).map((h) => h.id);
    for (const headset of ids.slice(0, options.count)) {
      const session = await call<{ id: string }>('createSession', { cortexToken, headset, status: 'active' });
      await call('subscribe', { cortexToken, session: session.id, streams: ['eeg'] });
    }
    await sleep(2000);
    const windowSamples = options.windowS * RATE_HZ;
    k0 = Math.ceil((Date.now() / 1000 + 0.5) * RATE_HZ);
    k1 = k0 + windowSamples;
    await sleepUntil((k0 / RATE_HZ + SIMULATOR_SEND_DELAY_S) * 1000);
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    await sleepUntil((k1 / RATE_HZ + SIMULATOR_SEND_DELAY_S) * 1000);
    const cpu = process.cpuUsage(cpu0);
    const wallS = (performance.now() - wall0) / 1000;
    const graceBy = Date.now() + options.graceS * 1000;
    while (lastK < k1 - 1 && Date.now() < graceBy) await sleep(20);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    progress(
      `headsets baseline (bare ws + JSON.parse): ${options.count} → received ${received}, CPU ${cpuS.toFixed(2)} s`,
    );
    return {
      count: options.count,
      sent: options.count * windowSamples,
      received,
      cpuS,
      cpuCoreFraction: cpuS / wallS,
      windowS: options.windowS,
    };
  } finally {
    ws.close();
    await sleep(300);
  }
}
