import { filter, firstValueFrom, map, switchMap, timeout, type Subscription } from 'rxjs';
import { CORTEX_BANDS } from '../src/dsp/cortexBands';
import { connectCortex } from '../src/observables/connectCortex';
import { bandPower, epoch } from './cortexRxOperators';
import type { ForkedSimulator } from './forkSimulator';
import { progress, quantile } from './stats';
import { tapWebSocket, type ArrivalClock } from './tapWebSocket';

/**
 * Part 4: latency from a frame's arrival at the client to the band-power emission it completes. Each headset's
 * `session.stream('eeg')` goes through `epoch({ lengthSamples: 256, hopSamples: 32, copy: false })` →
 * `bandPower({ sampleRateHz: 256, segmentLength: 256, window: 'hann', copy: false })`. The client's socket is a
 * `ws` WebSocket whose first listeners stamp the time of every TCP read (the socket's `data` event) and of every
 * WebSocket message, before the client's own handler runs; an emission happens synchronously inside the handling
 * of the frame that completes its epoch, so at emission time the stamps are that frame's. Reported:
 *
 * - `fromRead`: emission − the TCP read that carried the frame (includes waiting behind the frames before it in
 *   the same read, ws framing and UTF-8 decoding) — the headline;
 * - `fromMessage`: emission − the frame's WebSocket message event (the client's decode + the chain only);
 * - `fromSampleTime`: emission wall clock − the completing sample's time (includes the simulator's 50 ms send
 *   delay and its 10 ms ticks: end to end, for context).
 *
 * The first `warmupS` seconds of emissions are dropped (JIT warm-up).
 */

const RATE_HZ = 256;
const CLIENT_SECRET = 'bench-secret';

/** p50 / p99 / max of one measure (ms). */
export interface LatencyStats {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** One scenario's result. */
export interface LatencyRun {
  readonly headsets: number;
  readonly seconds: number;
  readonly emissions: number;
  readonly fromRead: LatencyStats;
  readonly fromMessage: LatencyStats;
  readonly fromSampleTime: LatencyStats;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function stats(values: ArrayLike<number>): LatencyStats {
  return { p50Ms: quantile(values, 0.5), p99Ms: quantile(values, 0.99), maxMs: quantile(values, 1) };
}

/** Runs one latency scenario: `headsets` sessions, each with the band-power chain, for `seconds` after `warmupS`. */
export async function runLatency(
  sim: ForkedSimulator,
  options: { headsets: number; seconds: number; warmupS: number },
): Promise<LatencyRun> {
  const clock: ArrivalClock = { lastChunkMs: NaN, lastMessageMs: NaN };
  const tap = tapWebSocket({ clock });
  const client = connectCortex({
    url: sim.url,
    clientId: `bench-latency-${options.headsets}`,
    clientSecret: CLIENT_SECRET,
    WebSocketCtor: tap.Ctor,
    lingerMs: 0,
    requestTimeoutMs: 60_000,
  });
  const subs: Subscription[] = [];
  const capacity = Math.ceil(options.headsets * (options.seconds + 2) * (RATE_HZ / 32)) + 16;
  const fromRead = new Float64Array(capacity);
  const fromMessage = new Float64Array(capacity);
  const fromSampleTime = new Float64Array(capacity);
  let n = 0;
  let recording = false;
  try {
    const ids = await firstValueFrom(
      client.headsets().pipe(
        map((list) => list.filter((h) => h.status === 'connected' && h.id.startsWith('EPOCX')).map((h) => h.id)),
        filter((list) => list.length >= options.headsets),
        timeout(30_000),
      ),
    );
    let started = 0;
    for (const headset of ids.slice(0, options.headsets)) {
      let first = true;
      subs.push(
        client
          .session({ headset })
          .pipe(
            switchMap((session) => session.stream('eeg')),
            epoch({ lengthSamples: 256, hopSamples: 32, copy: false }),
            bandPower({ sampleRateHz: RATE_HZ, segmentLength: 256, window: 'hann', bands: CORTEX_BANDS, copy: false }),
          )
          .subscribe((out) => {
            const now = performance.now();
            const nowEpochMs = Date.now();
            if (first) {
              first = false;
              started++;
            }
            if (!recording || n >= capacity) return;
            fromRead[n] = now - clock.lastChunkMs;
            fromMessage[n] = now - clock.lastMessageMs;
            // The completing sample is the last of the epoch.
            fromSampleTime[n] = nowEpochMs - (out.startTimeS + (256 - 1) / RATE_HZ) * 1000;
            n++;
          }),
      );
    }
    const readyBy = Date.now() + 60_000;
    while (started < options.headsets) {
      if (Date.now() > readyBy) throw new Error(`latency: only ${started} of ${options.headsets} chains emitted`);
      await sleep(50);
    }
    await sleep(options.warmupS * 1000);
    recording = true;
    await sleep(options.seconds * 1000);
    recording = false;
    const run: LatencyRun = {
      headsets: options.headsets,
      seconds: options.seconds,
      emissions: n,
      fromRead: stats(fromRead.subarray(0, n)),
      fromMessage: stats(fromMessage.subarray(0, n)),
      fromSampleTime: stats(fromSampleTime.subarray(0, n)),
    };
    progress(
      `latency: ${options.headsets} headset(s), ${n} emissions: read→emission p50 ${run.fromRead.p50Ms.toFixed(3)} ms, p99 ${run.fromRead.p99Ms.toFixed(3)} ms`,
    );
    return run;
  } finally {
    for (const s of subs) s.unsubscribe();
    await sleep(300);
  }
}
