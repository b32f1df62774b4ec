import { startHarness, openSession, type Harness } from '../support/simulatorHarness';
import { until } from '../support/rawClient';

const warningCode = (f: Record<string, unknown>) => (f.warning as { code?: number } | undefined)?.code;

describe('simulator headset loss (§3.2, warning 103)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ headsets: 'EPOCX', headsetLossTimeoutMs: 1500 });
  });
  afterEach(() => h.close());

  it('a headset switched off stays connected with no data, then 103, 0 and 1 close its session and stop its record', async () => {
    const c = await h.client();
    const { token, sessionId, headsetId } = await openSession(c, h.sim);
    const rec = await c.result('createRecord', { cortexToken: token, session: sessionId, title: 'lost' });
    await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['eeg', 'dev'] });
    await until(() => c.data('eeg').length > 20, 'eeg frames');
    const lossS = Date.now() / 1000;
    h.sim.faults.disconnectHeadset(headsetId);

    // Still connected, the session still open, and no warning yet: the real service waits ~30 s.
    expect((await c.result('queryHeadsets', { id: headsetId }))[0].status).toBe('connected');
    expect(await c.result('querySessions', { cortexToken: token })).toHaveLength(1);
    expect(c.frames.some((f) => [0, 1, 103].includes(warningCode(f) ?? -1))).toBe(false);

    expect((await c.warning(103)).message).toEqual({ behavior: expect.any(String), headsetId });
    await c.warning(1);
    expect(c.frames.map(warningCode).filter((code) => code === 0 || code === 1 || code === 103)).toEqual([103, 0, 1]);
    // The data stopped at the fault: no sample after it (on a busy machine frames already sent may be read later, so
    // this looks at the samples' times, not at when they arrived).
    expect(c.data('eeg').filter((f) => f.time > lossS + 0.001)).toEqual([]);
    expect(await c.result('querySessions', { cortexToken: token })).toEqual([]);
    expect((await c.result('queryHeadsets', { id: headsetId }))[0].status).toBe('discovered');
    const [info] = await c.result('getRecordInfos', { cortexToken: token, recordIds: [rec.record.uuid] });
    expect(info.endDatetime).not.toBe('');
    expect(info.endDatetime).toBeDefined();
  });

  it('a headset that connects again before the timeout is not dropped', async () => {
    const c = await h.client();
    const { headsetId } = await openSession(c, h.sim);
    h.sim.faults.disconnectHeadset(headsetId);
    await c.result('controlDevice', { command: 'disconnect', headset: headsetId });
    await c.connectHeadset(headsetId);
    const token = await c.authorize();
    const s = await c.result('createSession', { cortexToken: token, headset: headsetId, status: 'active' });
    await c.result('subscribe', { cortexToken: token, session: s.id, streams: ['eeg'] });
    // Data flows on the new session past the loss timeout; no 103 ever comes.
    await until(() => c.data('eeg', s.id).length > 128 * 2, 'two seconds of eeg on the new session');
    expect(c.frames.some((f) => warningCode(f) === 103)).toBe(false);
  });

  it('controlDevice disconnect stays immediate: warnings 0 and 1, no 103', async () => {
    const c = await h.client();
    const { token, headsetId } = await openSession(c, h.sim);
    await c.result('controlDevice', { command: 'disconnect', headset: headsetId });
    await c.warning(1);
    expect(await c.result('querySessions', { cortexToken: token })).toEqual([]);
    expect((await c.result('queryHeadsets', { id: headsetId }))[0].status).toBe('discovered');
    expect(c.frames.some((f) => warningCode(f) === 103)).toBe(false);
  });
});
