import { startHarness, type Harness } from '../support/simulatorHarness';
import { until } from '../support/rawClient';

/** Issue 12 §7: a virtual headset streams from its connection, as a real one does, so pow needs no 2 s after a subscribe. */
describe('simulator: data from connection (issue 12 §7)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ headsets: 'EPOCX', seed: 5 });
  });
  afterEach(() => h.close());

  it('a headset connected for 2 s has its pow history: the first pow frame is complete and comes with the first eeg', async () => {
    const c = await h.client();
    const token = await c.authorize();
    const headsetId = h.sim.headsetIds[0];
    await c.connectHeadset(headsetId);
    // warning 104 comes after the headset is connected: 2 s after it, the headset has streamed for over 2 s
    const connectedBy = Date.now();
    await until(() => Date.now() - connectedBy > 2100, 'the headset connected for 2 s', 10_000);
    const session = await c.result('createSession', { cortexToken: token, headset: headsetId, status: 'active' });
    const sub = await c.result('subscribe', { cortexToken: token, session: session.id, streams: ['eeg', 'pow'] });
    expect(sub.failure).toEqual([]);
    // eeg is sent 50 ms behind the clock and pow is not: either may come first.
    await until(
      () => c.data('pow', session.id).length > 0 && c.data('eeg', session.id).length > 0,
      'a pow frame and an eeg frame',
      10_000,
    );
    const pow = c.data('pow', session.id)[0];
    const eeg = c.data('eeg', session.id)[0];
    // history already filled: a complete row of positive powers, 5 bands × 14 sensors
    expect(pow.values).toHaveLength(70);
    expect(pow.values.every((v) => typeof v === 'number' && v > 0)).toBe(true);
    // On the sample clock (a busy machine delays both streams alike): the first pow frame is at most one pow period
    // plus the EEG's latency after the first eeg frame sent to this session; without the history it came 2 s later.
    expect(pow.time - eeg.time).toBeLessThan(0.25);
  }, 30_000);

  it('a headset connected just now still waits for 2 s of EEG since its connection (none is invented before it)', async () => {
    const c = await h.client();
    const token = await c.authorize();
    const headsetId = h.sim.headsetIds[0];
    const beforeConnectS = Date.now() / 1000; // the simulator's clock: same machine, same epoch clock
    await c.connectHeadset(headsetId);
    const session = await c.result('createSession', { cortexToken: token, headset: headsetId, status: 'active' });
    await c.result('subscribe', { cortexToken: token, session: session.id, streams: ['pow'] });
    await until(() => c.data('pow', session.id).length > 0, 'a pow frame', 10_000);
    // the first pow covers 2 s of EEG that all came after the connection (its EEG lags it by 50 ms, ±1 sample)
    expect(c.data('pow', session.id)[0].time).toBeGreaterThan(beforeConnectS + 1.9);
  }, 30_000);
});
