import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { Observable } from 'rxjs';
import { connectCortex, type CortexClient, type EegFrame, type StreamEvent } from '../../src/observables';
import { CORTEX_STREAM, fromJetStream } from '../../src/nats';
import { startHarness, type Harness } from '../support/simulatorHarness';
import { CounterContinuity } from '../support/counterContinuity';
import { startNats, type NatsCluster } from '../support/natsServers';
import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';

/** A simulator with `spec` headsets connected, and a client on it. */
export async function startCortex(spec: string): Promise<{ harness: Harness; client: CortexClient }> {
  const harness = await startHarness({ headsets: spec, initialHeadsetStatus: 'connected' });
  const client = connectCortex({ url: harness.sim.url, clientId: 'relay-test', clientSecret: 'secret', lingerMs: 0 });
  return { harness, client };
}

/** What a consumer collected from one headset's eeg. */
export interface Collected {
  readonly frames: EegFrame[];
  readonly gaps: string[];
  readonly continuity: CounterContinuity;
}

/** Collects the events of an observable of eeg events (frames with their COUNTER continuity, gap reasons). */
export function collectEeg(events: Observable<StreamEvent<'eeg'>>, rateHz: number) {
  const out: Collected = { frames: [], gaps: [], continuity: new CounterContinuity(rateHz) };
  const subscription = events.subscribe((e) => {
    if (e._tag === 'gap') {
      out.gaps.push(e.reason);
      return;
    }
    out.frames.push(e);
    out.continuity.push(e.counter, e.timeS);
  });
  return { out, subscription };
}

/** The eeg of a headset from JetStream. */
export function eegFromJetStream(servers: string[], headsetId: string, durable?: string) {
  return fromJetStream({ servers, headsetId, stream: 'eeg', deliver: 'all', durable });
}

/** Runs `use` with a JetStream manager on `servers`. */
export async function withJsm<T>(servers: string[], use: (jsm: JetStreamManager) => Promise<T>): Promise<T> {
  const nc = await connect({ servers });
  try {
    return await use(await jetstreamManager(nc));
  } finally {
    await nc.close();
  }
}

/** Deletes the CORTEX stream (each test starts from none: the simulators' headset ids repeat). */
export async function deleteCortexStream(servers: string[]): Promise<void> {
  await withJsm(servers, (jsm) => jsm.streams.delete(CORTEX_STREAM).catch(() => false));
}

/**
 * Whether a durable consumer has no pull request waiting (its client left; what it fetched and did not emit it
 * gave back, and JetStream redelivers that first).
 */
export async function durableIsIdle(servers: string[], durable: string): Promise<boolean> {
  const info = await withJsm(servers, (jsm) => jsm.consumers.info(CORTEX_STREAM, durable));
  return info.num_waiting === 0;
}

/**
 * One `nats-server -js` for the describe block that calls it: started before its tests, the CORTEX stream deleted
 * before each test, stopped after them once nothing the tests opened is left (consumers close their connection after
 * their last fetch expires, 1 s). Read its `servers` and `nodes` inside the tests.
 */
export function natsServerPerSuite(): Pick<NatsCluster, 'servers' | 'nodes'> {
  let cluster: NatsCluster | undefined;
  let baseline: HandleCounts;
  beforeAll(async () => {
    cluster = await startNats(1);
    baseline = openHandles();
  });
  beforeEach(() => deleteCortexStream(cluster!.servers));
  afterAll(async () => {
    await expectNoOpenHandles(baseline, 10_000);
    await cluster?.close();
  });
  return {
    get servers() {
      return cluster!.servers;
    },
    get nodes() {
      return cluster!.nodes;
    },
  };
}
