import type { Observable } from 'rxjs';
import { connectCortex, type CortexClient, type EegFrame, type StreamEvent } from '../../src/observables';
import { fromJetStream } from '../../src/nats';
import { startHarness, type Harness } from '../support/simulatorHarness';
import { CounterContinuity } from '../support/counterContinuity';

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
