import { startHarness, openSession, type Harness } from '../support/simulatorHarness';
import { until } from '../support/rawClient';

describe('simulator fault injection', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ headsets: 'INSIGHT' });
  });
  afterEach(() => h.close());

  it('drops the next N data frames: the COUNTER shows the gap', async () => {
    const c = await h.client();
    const { token, sessionId } = await openSession(c, h.sim);
    await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['eeg'] });
    await c.waitFor((f) => Array.isArray(f.eeg));
    h.sim.faults.dropFrames({ count: 10 });
    const steps = () => {
      const eeg = c.data('eeg');
      return eeg.slice(1).map((f, i) => Math.round((f.time - eeg[i].time) * 128));
    };
    await until(() => steps().some((s) => s !== 1), 'the first frame after the gap');
    expect(steps().filter((s) => s !== 1)).toEqual([11]);
    expect(h.sim.faults.framesDropped).toBe(10);
  });

  it('delays responses of chosen methods', async () => {
    const c = await h.client();
    h.sim.faults.delayResponses({ delayMs: 300, methods: ['getCortexInfo'] });
    const t0 = Date.now();
    await c.result('queryHeadsets');
    const fast = Date.now() - t0;
    await c.result('getCortexInfo');
    const slow = Date.now() - t0 - fast;
    expect(fast).toBeLessThan(200);
    expect(slow).toBeGreaterThanOrEqual(290);
    h.sim.faults.delayResponses({ delayMs: 0 });
  });

  it("kills an app's sockets: its sessions close, other apps keep theirs", async () => {
    const victim = await h.client();
    await openSession(victim, h.sim, { clientId: 'victim' });
    const bystander = await h.client();
    const other = await openSession(bystander, h.sim, { clientId: 'bystander' });
    const closed = new Promise<number>((resolve) => victim.ws.once('close', (code) => resolve(code)));
    expect(h.sim.faults.killClients('victim')).toBe(1);
    expect(await closed).toBe(1006);
    expect(h.sim.stats().sessions).toBe(1);
    expect((await bystander.result('querySessions', { cortexToken: other.token }))[0].id).toBe(other.sessionId);
  });
});
