import { startRelay } from '../../src/nats';
import { until } from '../support/rawClient';
import { describeWithNats } from '../support/natsServers';
import { runCli } from '../support/runCli';
import { collectEeg, eegFromJetStream, natsServerPerSuite, startCortex, withJsm } from './natsSupport';

describeWithNats('cortex-rx relay and bandpower --nats (issue 16)', () => {
  const nats = natsServerPerSuite();

  it('relay publishes the embedded simulator headsets, every sample it counts, on cortex.<headset>.eeg', async () => {
    const out = await runCli('relay', '--nats', nats.servers.join(','), '--headsets', 'EPOCX@128:2', '--duration', '2');
    const relayed = Number(/relayed \{"eeg":(\d+)\} samples; dropped 0/.exec(out)?.[1]);
    const ids = /relaying (\S+), (\S+) \(eeg\)/.exec(out)!.slice(1, 3);
    expect(relayed).toBeGreaterThan(128);
    const subjects = await withJsm(
      nats.servers,
      async (jsm) => (await jsm.streams.info('CORTEX', { subjects_filter: '>' })).state.subjects,
    );
    expect(
      Object.keys(subjects ?? {})
        .filter((s) => s.endsWith('.eeg'))
        .sort(),
    ).toEqual(ids.map((id) => `cortex.${id}.eeg`).sort());
    const consumers = ids.map((id) => collectEeg(eegFromJetStream(nats.servers, id), 128));
    try {
      const received = () => consumers.reduce((n, c) => n + c.out.frames.length, 0);
      await until(() => received() === relayed, 'every relayed sample');
      for (const c of consumers) expect(c.out.continuity.breaks).toEqual([]);
    } finally {
      consumers.forEach((c) => c.subscription.unsubscribe());
    }
  });

  it('bandpower --nats shows the live view of a relayed headset', async () => {
    const { harness, client } = await startCortex('EPOCX@128');
    const relay = await startRelay({ servers: nats.servers, client });
    try {
      const out = await runCli(
        'bandpower',
        '--nats',
        nats.servers[0],
        '--headset',
        relay.headsetIds[0],
        '--duration',
        '4',
      );
      const frames = out.trim().split('\n\n');
      const last = frames[frames.length - 1].split('\n');
      expect(last[0]).toContain(`${relay.headsetIds[0]} · 128 Hz`);
      for (const ch of ['O1', 'O2']) expect(last.find((l) => l.startsWith(`${ch} `))).toMatch(/alpha$/);
    } finally {
      await relay.close();
      await harness.close();
    }
  });
});
