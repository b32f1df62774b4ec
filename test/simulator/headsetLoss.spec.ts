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
    h.sim.faults.disconnectHeadset(headsetId);
    const framesAtLoss = c.data('eeg').length;

    // Still connected, the session still open, and no warning yet: the real service waits ~30 s.
    expect((await c.result('queryHeadsets', { id: headsetId }))[0].status).toBe('connected');
    expect(await c.result('querySessions', { cortexToken: token })).toHaveLength(1);
    expect(c.frames.some((f) => [0, 1, 103].includes(warningCode(f) ?? -1))).toBe(false);

    expect((await c.warning(103)).message).toEqual({ behavior: expect.any(String), headsetId });
    await c.warning(1);
    expect(c.frames.map(warningCode).filter((code) => code === 0 || code === 1 || code === 103)).toEqual([103, 0, 1]);
    // Only the frames already on the wire at the fault arrived after it (1.5 s at 128 Hz would be 192).
    expect(c.data('eeg').length - framesAtLoss).toBeLessThan(20);
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
