import { firstValueFrom, filter } from 'rxjs';
import { startRelay, type RelayEvent } from '../../src/nats';
import { CounterContinuity } from '../support/counterContinuity';
import { until } from '../support/rawClient';
import { describeWithNats } from '../support/natsServers';
import { startTcpProxy } from '../support/tcpProxy';
import { startHarness } from '../support/simulatorHarness';
import { connectCortex } from '../../src/observables';
import {
  collectEeg,
  durableIsIdle,
  eegFromJetStream,
  natsServerPerSuite,
  startCortex,
  type Collected,
} from './natsSupport';

const RATE_HZ = 128;

/** Every frame of `parts`, in order, as one COUNTER continuity. */
function joined(...parts: Collected[]): CounterContinuity {
  const c = new CounterContinuity(RATE_HZ);
  for (const p of parts) for (const f of p.frames) c.push(f.counter, f.timeS);
  return c;
}

describeWithNats('relay and consumers through NATS failures (issue 16)', () => {
  const nats = natsServerPerSuite();

  it('a durable consumer stopped and started again resumes with no loss and no duplicate', async () => {
    const { harness, client } = await startCortex('EPOCX@128');
    const relay = await startRelay({ servers: nats.servers, client });
    const [id] = relay.headsetIds;
    try {
      const a = collectEeg(eegFromJetStream(nats.servers, id, 'restart'), RATE_HZ);
      await until(() => a.out.frames.length >= RATE_HZ, 'a second of eeg to the first consumer');
      a.subscription.unsubscribe();
      // The first consumer gives back what it fetched and did not emit, and its last pull request expires.
      await until(() => durableIsIdle(nats.servers, 'restart'), 'the first consumer to leave');
      const seen = a.out.frames.length;
      await until(() => relay.stats().samples.eeg! >= seen + RATE_HZ / 2, 'more eeg relayed meanwhile');
      const b = collectEeg(eegFromJetStream(nats.servers, id, 'restart'), RATE_HZ);
      await until(() => b.out.frames.length >= RATE_HZ, 'a second of eeg to the restarted consumer');
      await relay.close();
      const published = relay.stats().samples.eeg!;
      await until(() => a.out.frames.length + b.out.frames.length === published, 'every sample once');
      b.subscription.unsubscribe();
      expect(a.out.frames.length).toBe(seen);
      const all = joined(a.out, b.out);
      expect(all.breaks).toEqual([]);
      expect(all.frames).toBe(published);
    } finally {
      await relay.close();
      await harness.close();
    }
  });

  it("the relay's NATS connection dropped and restored loses nothing within its buffer", async () => {
    const { harness, client } = await startCortex('EPOCX@128');
    const proxy = await startTcpProxy(nats.nodes[0].port);
    const relay = await startRelay({ servers: proxy.url, client, connection: { ignoreClusterUpdates: true } });
    const consumer = collectEeg(eegFromJetStream(nats.servers, relay.headsetIds[0]), RATE_HZ);
    try {
      await until(() => consumer.out.frames.length >= RATE_HZ / 2, 'eeg before the cut');
      proxy.cut();
      await until(() => relay.stats().bufferedBytes > 20_000, 'a second of eeg buffered while NATS is away');
      proxy.restore();
      await until(() => relay.stats().bufferedBytes < 5_000, 'the relay to catch up');
      await relay.close();
      const { eeg, droppedSamples } = { eeg: relay.stats().samples.eeg!, ...relay.stats() };
      await until(() => consumer.out.frames.length === eeg, 'every relayed sample');
      expect(droppedSamples).toBe(0);
      expect(consumer.out.continuity.breaks).toEqual([]);
      expect(consumer.out.gaps).toEqual([]);
    } finally {
      consumer.subscription.unsubscribe();
      await relay.close();
      await proxy.close();
      await harness.close();
    }
  });

  it('beyond its buffer the relay drops whole batches, and says how many samples on the subject and to its caller', async () => {
    const { harness, client } = await startCortex('EPOCX@128');
    const proxy = await startTcpProxy(nats.nodes[0].port);
    const relay = await startRelay({
      servers: proxy.url,
      client,
      maxBufferBytes: 8_000,
      connection: { ignoreClusterUpdates: true },
    });
    const consumer = collectEeg(eegFromJetStream(nats.servers, relay.headsetIds[0]), RATE_HZ);
    const dropped = firstValueFrom(relay.events.pipe(filter((e: RelayEvent) => e._tag === 'dropped')));
    try {
      await until(() => consumer.out.frames.length >= RATE_HZ / 2, 'eeg before the cut');
      proxy.cut();
      await until(() => relay.stats().droppedSamples >= RATE_HZ, 'a second of eeg dropped');
      proxy.restore();
      const event = await dropped;
      await relay.close();
      const { samples, droppedSamples } = relay.stats();
      await until(() => consumer.out.frames.length === samples.eeg, 'every relayed sample');
      expect(event).toMatchObject({ _tag: 'dropped', headsetId: relay.headsetIds[0], stream: 'eeg' });
      expect(event._tag === 'dropped' && event.samples).toBe(droppedSamples);
      expect(consumer.out.gaps).toEqual(['stalled', 'resumed']);
      expect(consumer.out.continuity.breaks).toHaveLength(1);
      expect(consumer.out.continuity.lost).toBe(droppedSamples);
    } finally {
      consumer.subscription.unsubscribe();
      await relay.close();
      await proxy.close();
      await harness.close();
    }
  });

  it('a relay that loses Cortex reconnects as the client does; the break is a typed gap event on the subject', async () => {
    const harness = await startHarness({ headsets: 'EPOCX@128', initialHeadsetStatus: 'connected' });
    const cortexProxy = await startTcpProxy(harness.sim.port, 'ws');
    const client = connectCortex({
      url: cortexProxy.url,
      clientId: 'relay-test',
      clientSecret: 'secret',
      lingerMs: 0,
      reconnect: { initialDelayMs: 100, maxDelayMs: 500 },
    });
    const relay = await startRelay({ servers: nats.servers, client });
    const consumer = collectEeg(eegFromJetStream(nats.servers, relay.headsetIds[0]), RATE_HZ);
    try {
      await until(() => consumer.out.frames.length >= RATE_HZ / 2, 'eeg before Cortex goes');
      cortexProxy.cut();
      await until(() => consumer.out.gaps.includes('disconnected'), 'the disconnected gap on the subject');
      const before = consumer.out.frames.length;
      cortexProxy.restore();
      await until(() => consumer.out.frames.length >= before + RATE_HZ / 2, 'eeg again once the client reconnected');
      await relay.close();
      const published = relay.stats().samples.eeg!;
      await until(() => consumer.out.frames.length === published, 'every relayed sample');
      // The client's own events, relayed: the socket dropped, then the stream came back on the restored session. The
      // samples Cortex sent meanwhile are the one COUNTER break, announced by those events rather than silent.
      expect(consumer.out.gaps[0]).toBe('disconnected');
      expect(consumer.out.gaps).toContain('resubscribed');
      expect(consumer.out.continuity.breaks.length).toBeLessThanOrEqual(1);
      expect(relay.stats().droppedSamples).toBe(0);
    } finally {
      consumer.subscription.unsubscribe();
      await relay.close();
      await cortexProxy.close();
      await harness.close();
    }
  });
});
