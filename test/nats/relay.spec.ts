import { startRelay } from '../../src/nats';
import { until } from '../support/rawClient';
import { describeWithNats } from '../support/natsServers';
import { collectEeg, eegFromJetStream, natsServerPerSuite, startCortex } from './natsSupport';

describeWithNats('relay into JetStream (issue 16)', () => {
  const nats = natsServerPerSuite();

  it('four virtual headsets relayed for several seconds arrive complete and in order', async () => {
    const { harness, client } = await startCortex('EPOCX@128:2,INSIGHT:2');
    const relay = await startRelay({ servers: nats.servers, client, headsets: 'all' });
    try {
      expect(relay.headsetIds).toHaveLength(4);
      const consumers = relay.headsetIds.map((id) => collectEeg(eegFromJetStream(nats.servers, id), 128));
      await until(
        () => consumers.every((c) => c.out.frames.length >= 3 * 128),
        'three seconds of eeg per headset',
        30_000,
      );
      await relay.close();
      const published = relay.stats().samples.eeg!;
      await until(() => consumers.reduce((n, c) => n + c.out.frames.length, 0) === published, 'every published sample');
      for (const c of consumers) {
        c.subscription.unsubscribe();
        expect(c.out.continuity.lost).toBe(0);
        expect(c.out.continuity.breaks).toEqual([]);
        expect(c.out.gaps).toEqual([]);
      }
    } finally {
      await relay.close();
      await harness.close();
    }
  });
});
