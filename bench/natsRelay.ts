// Issue 16 figures: N headsets at 256 Hz from a simulator process, relayed by startRelay through a local
// nats-server -js into one consumer (fromJetStream per headset, in the same process as the relay): samples/s, bytes
// per sample on the wire against the Cortex JSON, latency from the frame's time to the consumer's emission, CPU.
// Run alone: npx tsx bench/natsRelay.ts [headsets] [seconds]
import { connectCortex } from '../src/observables';
import { fromJetStream, startRelay } from '../src/nats';
import { NATS_SERVER, startNats } from '../test/support/natsServers';
import { withJsm } from '../test/nats/natsSupport';
import { forkSimulator } from './forkSimulator';
import { quantile, sig } from './stats';

/** The figures of one run. */
export interface NatsRelayFigures {
  readonly headsets: number;
  readonly seconds: number;
  readonly samplesPerS: number;
  /** Samples lost in the measured window: COUNTER breaks at the consumer plus what the relay dropped. */
  readonly lost: number;
  /**
   * Samples lost during the warm-up (sessions opening, 64 consumers created in the same process), by COUNTER breaks:
   * frames the simulator dropped while this process was too busy to read its socket (its send budget).
   */
  readonly lostInWarmUp: number;
  readonly wireBytesPerSample: number;
  readonly jsonBytesPerSample: number;
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  readonly cpuPercent: number;
  /** Bytes the relay still waited to publish at the end of the window (its publishers' backlog). */
  readonly relayBacklogBytes: number;
}

/** Runs the relay bench; undefined when nats-server is not installed. */
export async function runNatsRelay(headsets = 64, seconds = 10): Promise<NatsRelayFigures | undefined> {
  if (!NATS_SERVER) return undefined;
  const nats = await startNats(1);
  const sim = await forkSimulator(`EPOCX@256:${headsets}`);
  const client = connectCortex({ url: sim.url, clientId: 'bench', clientSecret: 'bench', lingerMs: 0 });
  try {
    const relay = await startRelay({ servers: nats.servers, client, stream: { maxBytes: 2 * 1024 ** 3 } });
    const received = new Map<string, { n: number; last: number; lost: number }>();
    const latencies: number[] = [];
    let jsonBytes = 0;
    const subs = relay.headsetIds.map((id) => {
      const r = { n: 0, last: -1, lost: 0 };
      received.set(id, r);
      return fromJetStream({ servers: nats.servers, headsetId: id, stream: 'eeg' }).subscribe((e) => {
        if (e._tag !== 'eeg') return;
        if (r.last >= 0 && e.counter !== (r.last + 1) % 256) r.lost += (e.counter - r.last - 1 + 256) % 256;
        r.last = e.counter;
        r.n++;
        if (r.n % 16 === 0) latencies.push(Date.now() - e.timeS * 1000);
        // The Cortex JSON of this sample, as the simulator writes it (7 decimals).
        if (r.n % 64 === 0)
          jsonBytes +=
            64 *
            JSON.stringify({
              eeg: [e.counter, 0, ...Array.from(e.values, (v) => +v.toFixed(7)), 0, 0, []],
              sid: 'b1c5d0a2-0f3e-4c3a-9a1e-3f3c2d1e0a9b',
              time: e.timeS,
            }).length;
      });
    });
    await new Promise((r) => setTimeout(r, 3000)); // warm-up: sessions open, consumers created
    const n0 = [...received.values()].reduce((a, r) => a + r.n, 0);
    const lostInWarmUp = [...received.values()].reduce((a, r) => a + r.lost, 0);
    const dropped0 = relay.stats().droppedSamples;
    const cpu0 = process.cpuUsage();
    const t0 = Date.now();
    latencies.length = 0;
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const cpu = process.cpuUsage(cpu0);
    const backlogBytes = relay.stats().bufferedBytes;
    const elapsedS = (Date.now() - t0) / 1000;
    const n = [...received.values()].reduce((a, r) => a + r.n, 0) - n0;
    const info = await withJsm(nats.servers, (jsm) => jsm.streams.info('CORTEX'));
    const total = [...received.values()].reduce((a, r) => a + r.n, 0);
    subs.forEach((s) => s.unsubscribe());
    await relay.close();
    return {
      headsets,
      seconds: elapsedS,
      samplesPerS: n / elapsedS,
      lost:
        [...received.values()].reduce((a, r) => a + r.lost, 0) - lostInWarmUp + relay.stats().droppedSamples - dropped0,
      lostInWarmUp,
      wireBytesPerSample: info.state.bytes / relay.stats().samples.eeg!,
      jsonBytesPerSample: jsonBytes / Math.max(1, total),
      latencyP50Ms: quantile(latencies, 0.5),
      latencyP99Ms: quantile(latencies, 0.99),
      cpuPercent: ((cpu.user + cpu.system) / 1e3 / (elapsedS * 1000)) * 100,
      relayBacklogBytes: backlogBytes,
    };
  } finally {
    await sim.close();
    await new Promise((r) => setTimeout(r, 1500)); // consumers' last pull requests expire
    await nats.close();
  }
}

/** Part 7 of `npm run bench`'s report. */
export function natsRelaySection(f: NatsRelayFigures | undefined): string {
  const title =
    '### 7. NATS relay: 64 EPOC X at 256 Hz, startRelay → local nats-server -js → fromJetStream (one consumer)';
  if (f === undefined) return `${title}\n\nnats-server not installed (apt-get install nats-server): not measured.`;
  return (
    `${title}\n\n${sig(f.samplesPerS, 4)} samples/s over ${sig(f.seconds, 3)} s (${f.headsets} × 256 produced), ` +
    `${f.lost} samples lost in the window (${f.lostInWarmUp} in the 3 s warm-up before it); ${sig(f.wireBytesPerSample, 3)} bytes per sample stored in JetStream (headers and subjects ` +
    `included) against ${sig(f.jsonBytesPerSample, 3)} of Cortex JSON; latency from the sample's time to the ` +
    `consumer's emission p50 ${sig(f.latencyP50Ms, 3)} ms, p99 ${sig(f.latencyP99Ms, 3)} ms; relay and consumer ` +
    `(one process) ${sig(f.cpuPercent, 3)} % of a core; ${f.relayBacklogBytes} bytes still waiting to be published ` +
    'at the end of the window.'
  );
}

if (require.main === module) {
  const [h, s] = process.argv.slice(2).map(Number);
  runNatsRelay(h || 64, s || 10).then(
    (f) => console.log(f ?? 'nats-server not installed'),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
