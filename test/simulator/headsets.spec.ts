import { startHarness, openSession, type Harness } from '../support/simulatorHarness';
import type { RawClient } from '../support/rawClient';

describe('simulator headsets (§3)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ headsets: 'EPOCX,INSIGHT' });
  });
  afterEach(() => h.close());

  it('refuses unknown headsets with -32004', async () => {
    const c = await h.client();
    expect((await c.call('controlDevice', { command: 'connect', headset: 'EPOCX-00000000' })).error?.code).toBe(-32004);
    expect((await c.call('controlDevice', { command: 'connect' })).error?.code).toBe(-32004);
    expect((await c.call('controlDevice', { command: 'explode', headset: 'x' })).error?.code).toBe(-32602);
  });

  it('disconnects with controlDevice and reports its status', async () => {
    const c = await h.client();
    const id = h.sim.headsetIds[1];
    await c.connectHeadset(id);
    await c.result('controlDevice', { command: 'disconnect', headset: id });
    expect((await c.result('queryHeadsets', { id }))[0].status).toBe('discovered');
  });

  /** controlDevice connect with a connectionType, resolved at warning 104. */
  async function connectBy(c: RawClient, id: string, connectionType: string): Promise<void> {
    const from = c.frames.length;
    await c.result('controlDevice', { command: 'connect', headset: id, connectionType });
    await c.waitFor((f) => (f.warning as { code?: number } | undefined)?.code === 104, 5000, from);
  }

  it('updateHeadset over the dongle or Bluetooth is refused with -32020 and changes nothing (§3.1: USB only)', async () => {
    const c = await h.client();
    const token = await c.authorize();
    const [epocx, insight] = h.sim.headsetIds;
    await c.connectHeadset(epocx); // the EPOC X's default: the dongle
    await connectBy(c, insight, 'bluetooth');
    for (const id of [epocx, insight]) {
      const [before] = await c.result('queryHeadsets', { id });
      const r = await c.call('updateHeadset', {
        cortexToken: token,
        headset: id,
        setting: { mode: 'EPOCPLUS', eegRate: 128, memsRate: 32 },
      });
      expect(r.error).toMatchObject({ code: -32020 });
      expect(r.error?.message).toContain(`connected by ${before.connectedBy}`);
      expect((await c.result('queryHeadsets', { id }))[0].settings).toEqual(before.settings);
    }
    expect(
      (await c.call('controlDevice', { command: 'connect', headset: epocx, connectionType: 'wifi' })).error?.code,
    ).toBe(-32602);
  });

  it('a headset connected only by USB cable reports it, and takes no session (-32004, §4)', async () => {
    const c = await h.client();
    const token = await c.authorize();
    const id = h.sim.headsetIds[0];
    await connectBy(c, id, 'usb cable');
    expect((await c.result('queryHeadsets', { id }))[0].connectedBy).toBe('usb cable');
    expect((await c.call('createSession', { cortexToken: token, headset: id, status: 'active' })).error?.code).toBe(
      -32004,
    );
  });

  it('updateHeadset applies EPOC X settings over USB with warning 110, refuses bad ones with 111', async () => {
    const c = await h.client();
    const token = await c.authorize();
    const id = h.sim.headsetIds[0];
    await connectBy(c, id, 'usb cable');
    await c.result('updateHeadset', {
      cortexToken: token,
      headset: id,
      setting: { mode: 'EPOCPLUS', eegRate: 128, memsRate: 32 },
    });
    expect((await c.warning(110)).message.headsetId).toBe(id);
    expect((await c.result('queryHeadsets', { id }))[0].settings).toEqual(
      expect.objectContaining({ eegRate: 128, memsRate: 32 }),
    );
    await c.result('updateHeadset', {
      cortexToken: token,
      headset: id,
      setting: { mode: 'EPOC', eegRate: 256, memsRate: 0 },
    });
    expect((await c.warning(111)).message.headsetId).toBe(id);
  });

  it('updateHeadsetCustomInfo and syncWithHeadsetClock', async () => {
    const c = await h.client();
    const token = await c.authorize();
    const id = h.sim.headsetIds[0];
    const r = await c.result('updateHeadsetCustomInfo', {
      cortexToken: token,
      headsetId: id,
      headbandPosition: 'top',
      customName: 'lab-1',
    });
    expect(r).toEqual(expect.objectContaining({ headsetId: id, headbandPosition: 'top', customName: 'lab-1' }));
    expect((await c.result('queryHeadsets', { id }))[0].customName).toBe('lab-1');
    await c.connectHeadset(id);
    const monotonicS = process.uptime();
    const sync = await c.result('syncWithHeadsetClock', {
      headset: id,
      monotonicTime: monotonicS,
      systemTime: Date.now() / 1000,
    });
    expect(sync.headset).toBe(id);
    expect(Math.abs(monotonicS + sync.adjustment - Date.now() / 1000)).toBeLessThan(0.5);
  });

  it('subjects, profiles, detection info and training events', async () => {
    const c = await h.client();
    const { token, sessionId, headsetId } = await openSession(c, h.sim);
    const subject = await c.result('createSubject', {
      cortexToken: token,
      subjectName: 'P01',
      sex: 'F',
      dateOfBirth: '1990-01-02',
    });
    expect(subject).toEqual(expect.objectContaining({ subjectName: 'P01', sex: 'F', dateOfBirth: '1990-01-02' }));
    await c.result('createSubject', { cortexToken: token, subjectName: 'P02' });
    expect((await c.call('createSubject', { cortexToken: token, subjectName: 'P01' })).error?.code).toBe(-32602);
    const q = await c.result('querySubjects', { cortexToken: token, query: {}, orderBy: [{ subjectName: 'DESC' }] });
    expect(q.subjects.map((s: { subjectName: string }) => s.subjectName)).toEqual(['P02', 'P01']);
    expect(q.count).toBe(2);

    await c.result('setupProfile', { cortexToken: token, status: 'create', profile: 'me' });
    expect((await c.result('queryProfile', { cortexToken: token })).map((p: { name: string }) => p.name)).toEqual([
      'me',
    ]);
    await c.result('setupProfile', { cortexToken: token, status: 'load', profile: 'me', headset: headsetId });
    expect((await c.warning(13)).message.profile).toBe('me');
    expect(await c.result('getCurrentProfile', { cortexToken: token, headset: headsetId })).toEqual({
      name: 'me',
      loadedByThisApp: true,
    });

    const mc = await c.result('getDetectionInfo', { detection: 'mentalCommand' });
    expect(mc.actions).toContain('push');
    await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['sys'] });
    await c.result('training', {
      cortexToken: token,
      session: sessionId,
      detection: 'mentalCommand',
      status: 'start',
      action: 'neutral',
    });
    await c.waitFor((f) => Array.isArray(f.sys) && (f.sys as string[])[1] === 'MC_Started');
    await c.waitFor((f) => Array.isArray(f.sys) && (f.sys as string[])[1] === 'MC_Succeeded');
    await c.result('training', {
      cortexToken: token,
      session: sessionId,
      detection: 'mentalCommand',
      status: 'accept',
      action: 'neutral',
    });
    const done = await c.waitFor((f) => Array.isArray(f.sys) && (f.sys as string[])[1] === 'MC_Completed');
    expect((done.sys as string[])[0]).toBe('mentalCommand');
  });
});
