import { startRelay } from '../../src/nats';
import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';
import { until } from '../support/rawClient';
import { describeWithNats, startNats, untilJetStreamReady, type NatsCluster } from '../support/natsServers';
import { collectEeg, eegFromJetStream, startCortex, withJsm } from './natsSupport';

const RATE_HZ = 128;

describeWithNats('a three-node JetStream cluster (issue 16)', () => {
  let nats: NatsCluster;
  let baseline: HandleCounts;
  beforeAll(async () => {
    nats = await startNats(3);
    baseline = openHandles();
  }, 60_000);
  afterAll(async () => {
    await expectNoOpenHandles(baseline, 10_000);
    await nats?.close();
  });

  it('one node killed mid-stream and restarted loses nothing of a replicated stream', async () => {
    const { harness, client } = await startCortex('EPOCX@128');
    const relay = await startRelay({ servers: nats.servers, client });
    const consumer = collectEeg(eegFromJetStream(nats.servers, relay.headsetIds[0], 'cluster'), RATE_HZ);
    try {
      const info = await withJsm(nats.servers, (jsm) => jsm.streams.info('CORTEX'));
      expect(info.config.num_replicas).toBe(3);
      await until(() => consumer.out.frames.length >= RATE_HZ / 2, 'eeg before the kill');
      const victim = nats.nodes.find((n) => info.cluster?.leader === `n${nats.nodes.indexOf(n) + 1}`)!;
      await victim.kill();
      const atKill = relay.stats().samples.eeg!;
      await until(() => consumer.out.frames.length >= atKill + RATE_HZ, 'a second of eeg with a node down', 30_000);
      await victim.restart();
      await untilJetStreamReady(nats.servers);
      const atRestart = relay.stats().samples.eeg!;
      await until(() => consumer.out.frames.length >= atRestart + RATE_HZ / 2, 'eeg after the restart', 30_000);
      await relay.close();
      const published = relay.stats().samples.eeg!;
      await until(() => consumer.out.frames.length === published, 'every relayed sample', 30_000);
      expect(consumer.out.continuity.breaks).toEqual([]);
      expect(consumer.out.gaps).toEqual([]);
    } finally {
      consumer.subscription.unsubscribe();
      await relay.close();
      await harness.close();
    }
  }, 90_000);
});
