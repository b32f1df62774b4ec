import { startHarness, openSession, type Harness } from '../support/simulatorHarness';
import { sleep, until } from '../support/rawClient';

describe('simulator sessions (§4)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ headsets: 'EPOCX:2,INSIGHT' });
  });
  afterEach(() => h.close());

  it('allows one session per headset per app, another app its own, and several headsets per app', async () => {
    const a = await h.client();
    const { token, headsetId } = await openSession(a, h.sim, { clientId: 'app-a' });
    const again = await a.call('createSession', { cortexToken: token, headset: headsetId, status: 'open' });
    expect(again.error?.code).toBe(-32005);
    await a.connectHeadset(h.sim.headsetIds[1]);
    const second = await a.result('createSession', {
      cortexToken: token,
      headset: h.sim.headsetIds[1],
      status: 'open',
    });
    expect(second.headset.id).toBe(h.sim.headsetIds[1]);
    expect(await a.result('querySessions', { cortexToken: token })).toHaveLength(2);

    const b = await h.client();
    const tokenB = await b.authorize('app-b');
    const other = await b.result('createSession', { cortexToken: tokenB, headset: headsetId, status: 'active' });
    expect(other.headset.id).toBe(headsetId);
    // apps never see each other's sessions
    expect((await b.result('querySessions', { cortexToken: tokenB })).map((s: { id: string }) => s.id)).toEqual([
      other.id,
    ]);
  });

  it('picks the first connected headset when none is named', async () => {
    const c = await h.client();
    const token = await c.authorize();
    await c.connectHeadset(h.sim.headsetIds[2]);
    const s = await c.result('createSession', { cortexToken: token, status: 'open' });
    expect(s.headset.id).toBe(h.sim.headsetIds[2]);
  });

  it('answers -32007 for an unknown session, and for another app’s session', async () => {
    const a = await h.client();
    const { sessionId } = await openSession(a, h.sim, { clientId: 'owner' });
    const b = await h.client();
    const tokenB = await b.authorize('intruder');
    expect((await b.call('updateSession', { cortexToken: tokenB, session: 'nope', status: 'close' })).error?.code).toBe(
      -32007,
    );
    expect(
      (await b.call('updateSession', { cortexToken: tokenB, session: sessionId, status: 'close' })).error?.code,
    ).toBe(-32007);
    expect((await b.call('subscribe', { cortexToken: tokenB, session: sessionId, streams: ['eeg'] })).error?.code).toBe(
      -32007,
    );
    expect((await b.call('createRecord', { cortexToken: tokenB, session: sessionId, title: 't' })).error?.code).toBe(
      -32007,
    );
  });

  it('closing with updateSession sends warning 0, stops the record and forgets the session', async () => {
    const c = await h.client();
    const { token, sessionId } = await openSession(c, h.sim);
    await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['dev'] });
    const rec = await c.result('createRecord', { cortexToken: token, session: sessionId, title: 'closing' });
    const closed = await c.result('updateSession', { cortexToken: token, session: sessionId, status: 'close' });
    expect(closed.status).toBe('closed');
    expect(closed.stopped).toBeDefined();
    expect((await c.warning(0)).message.sessionId).toBe(sessionId);
    expect(await c.result('querySessions', { cortexToken: token })).toEqual([]);
    const infos = await c.result('getRecordInfos', { cortexToken: token, recordIds: [rec.record.uuid] });
    expect(infos[0].endDatetime).toBeDefined();
    expect(
      (await c.call('updateSession', { cortexToken: token, session: sessionId, status: 'active' })).error?.code,
    ).toBe(-32007);
  });

  it('a headset disconnect sends warnings 0 and 1 and closes its sessions', async () => {
    const c = await h.client();
    const { token, sessionId, headsetId } = await openSession(c, h.sim);
    await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['eeg'] });
    h.sim.faults.disconnectHeadset(headsetId);
    expect((await c.warning(0)).message.sessionId).toBe(sessionId);
    expect((await c.warning(1)).message.sessionId).toBe(sessionId);
    expect(await c.result('querySessions', { cortexToken: token })).toEqual([]);
    expect((await c.result('queryHeadsets', { id: headsetId }))[0].status).toBe('discovered');
    const before = c.data('eeg').length;
    await sleep(150); // no eeg frame follows
    expect(c.data('eeg').length).toBe(before);
  });

  it('when the app socket closes, its sessions close and records stop', async () => {
    const c = await h.client();
    const { token, sessionId } = await openSession(c, h.sim);
    const rec = await c.result('createRecord', { cortexToken: token, session: sessionId, title: 'dropped' });
    await sleep(200); // the record's length
    await c.close();
    await until(() => h.sim.stats().sessions === 0, 'the sessions to close');
    expect(h.sim.stats().sessions).toBe(0);
    const d = await h.client();
    const recs = await d.result('getRecordInfos', { cortexToken: token, recordIds: [rec.record.uuid] });
    expect(recs[0].endDatetime).toBeDefined();
  });

  it('met runs at 0.1 Hz on an unactivated session and 2 Hz on an activated one', async () => {
    const c = await h.client();
    const { token, sessionId, session } = await openSession(c, h.sim, { status: 'open' });
    expect(session.performanceMetrics.map((m: { apiName: string }) => m.apiName)).toEqual([
      'attention',
      'eng',
      'exc',
      'str',
      'rel',
      'int',
    ]);
    const sub = await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['met'] });
    // Cortex 4.x (the version the simulator claims): attention first, no foc (§5.3).
    expect(sub.success[0].cols).toEqual([
      'attention.isActive',
      'attention',
      'eng.isActive',
      'eng',
      'exc.isActive',
      'exc',
      'lex',
      'str.isActive',
      'str',
      'rel.isActive',
      'rel',
      'int.isActive',
      'int',
    ]);
    const d = await h.client();
    const other = await openSession(d, h.sim, { clientId: 'fast', headset: h.sim.headsetIds[1] });
    await d.result('subscribe', { cortexToken: other.token, session: other.sessionId, streams: ['met'] });
    await sleep(2100); // a window in which the rates are counted
    expect(d.data('met').length).toBeGreaterThanOrEqual(3);
    expect(d.data('met').length).toBeLessThanOrEqual(6);
    expect(d.data('met')[0].values).toHaveLength(sub.success[0].cols.length);
    // 0.1 Hz: at most one sample in 2 s
    expect(c.data('met').length).toBeLessThanOrEqual(1);
  });
});
