import { FRAME_TIME_TOLERANCE_S } from '../../src/simulator/frameTimeStamp';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';
import { until, type RawClient } from '../support/rawClient';
import { startHarness, openSession, trainMentalCommand, type Harness } from '../support/simulatorHarness';

/** One scheduled detection event lasts this long in these tests (the default is 3 s). */
const EVENT_MS = 250;

/** Trains neutral then push, so that push can be detected. */
async function trainPush(c: RawClient, token: string, session: string): Promise<void> {
  for (const action of ['neutral', 'push']) await trainMentalCommand(c, token, session, action);
}

describe('detections, and profiles that persist and unload themselves', () => {
  let h: Harness;
  let baseline: HandleCounts;
  beforeAll(() => {
    baseline = openHandles();
  });
  beforeEach(async () => {
    h = await startHarness({ detectionEventMs: EVENT_MS });
  });
  afterEach(() => h.close());
  afterAll(() => expectNoOpenHandles(baseline));

  it('fac reports blink at the blinks visible on AF3/AF4 (within 100 ms), and only there', async () => {
    const c = await h.client();
    const { token, sessionId } = await openSession(c, h.sim);
    const sub = await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['eeg', 'fac'] });
    const eegCols: string[] = sub.success.find((s: { streamName: string }) => s.streamName === 'eeg').cols;
    const af3 = eegCols.indexOf('AF3');
    // Blinks come every 2-6 s (seeded): wait for three in the EEG.
    const blinkPeaks = (): number[] => {
      const eeg = c.data('eeg');
      const peaks: number[] = [];
      let inBlink = false;
      const median = [...eeg.map((e) => e.values[af3] as number)].sort((a, b) => a - b)[eeg.length >> 1];
      for (const e of eeg) {
        const above = (e.values[af3] as number) - median > 60;
        if (above && !inBlink) peaks.push(e.time);
        inBlink = above;
      }
      return peaks;
    };
    await until(() => blinkPeaks().length >= 3 && c.data('fac').length > 0, 'three blinks in the EEG', 25_000);
    const eegEnd = c.data('eeg').at(-1)!.time;
    await until(() => c.data('fac').at(-1)!.time > eegEnd + 0.1, 'fac past the last EEG blink');
    const fac = c.data('fac');
    const facStart = fac[0].time;
    const blinkFac = fac.filter((f) => f.values[0] === 'blink').map((f) => f.time);
    for (const peak of blinkPeaks().filter((p) => p > facStart + 0.1)) {
      expect(blinkFac.some((t) => Math.abs(t - peak) <= 0.1)).toBe(true);
    }
    // Every fac blink lies within 100 ms of (the rise of) an EEG blink of up to 0.3 s.
    const peaks = blinkPeaks();
    for (const t of blinkFac.filter((t) => t < eegEnd)) {
      expect(peaks.some((p) => t >= p - 0.1 && t <= p + 0.3 + 0.1)).toBe(true);
    }
    // Other facial events follow the seeded schedule: lower-face actions with powers in [0.2, 0.9].
    const lower = fac.filter((f) => f.values[3] !== 'neutral').map((f) => f.values[4] as number);
    expect(lower.length).toBeGreaterThan(0);
    for (const p of lower) expect(p >= 0.2 && p <= 0.9).toBe(true);
  });

  it("com reports the loaded profile's trained actions on the schedule, neutral between, gated by active actions", async () => {
    const c = await h.client();
    const { token, sessionId: session, headsetId } = await openSession(c, h.sim);
    await c.result('subscribe', { cortexToken: token, session, streams: ['com', 'sys'] });
    const pushes = () => c.data('com').filter((f) => f.values[0] === 'push');
    // Without a profile: neutral only.
    await until(() => c.data('com').length >= 16, '2 s of com');
    expect(pushes()).toEqual([]);
    await c.result('setupProfile', { cortexToken: token, status: 'create', profile: 'p' });
    await c.result('setupProfile', { cortexToken: token, status: 'load', profile: 'p', headset: headsetId });
    await trainPush(c, token, session);
    await until(() => pushes().length >= 3, 'com reporting push', 10_000);
    for (const f of pushes()) expect(f.values[1] as number).toBeGreaterThanOrEqual(0.2);
    for (const f of pushes()) expect(f.values[1] as number).toBeLessThanOrEqual(0.9);
    // Even slots are neutral: a push never lies in one. A frame's time carries jitter and is rounded to 0.1 ms, so a
    // sample on a slot's edge may show a stamp just across it.
    const inOddSlot = (timeS: number) =>
      [-FRAME_TIME_TOLERANCE_S, FRAME_TIME_TOLERANCE_S].some(
        (d) => Math.floor(((timeS + d) * 1000) / EVENT_MS) % 2 === 1,
      );
    for (const f of pushes()) expect(inOddSlot(f.time)).toBe(true);
    expect(c.data('com').some((f) => f.values[0] === 'neutral' && f.time > pushes()[0].time)).toBe(true);

    // Deactivated: push is no longer reported.
    await c.result('mentalCommandActiveAction', { cortexToken: token, session, status: 'set', actions: ['pull'] });
    const from = c.frames.length;
    await until(() => c.frames.slice(from).filter((f) => Array.isArray(f.com)).length >= 24, '3 s of com');
    expect(c.frames.slice(from + 4).filter((f) => Array.isArray(f.com) && (f.com as unknown[])[0] === 'push')).toEqual(
      [],
    );
  });

  it('a fault forces a com or fac detection', async () => {
    const c = await h.client();
    const { token, sessionId: session, headsetId } = await openSession(c, h.sim);
    await c.result('subscribe', { cortexToken: token, session, streams: ['com', 'fac'] });
    h.sim.faults.forceDetection(headsetId, { stream: 'com', action: 'lift', power: 0.7, durationMs: 500 });
    h.sim.faults.forceDetection(headsetId, { stream: 'fac', action: 'surprise', power: 0.6, durationMs: 500 });
    const com = await c.waitFor((f) => Array.isArray(f.com) && (f.com as unknown[])[0] === 'lift');
    expect(com.com).toEqual(['lift', 0.7]);
    const fac = await c.waitFor((f) => Array.isArray(f.fac) && (f.fac as unknown[])[1] === 'surprise');
    expect((fac.fac as unknown[]).slice(1, 3)).toEqual(['surprise', 0.6]);
    expect(() => h.sim.faults.forceDetection(headsetId, { stream: 'fac', action: 'fly' })).toThrow(RangeError);
  });

  it('profiles survive a restart with the same data dir (saved state only)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortex-rx-profiles-'));
    try {
      const first = await startHarness({}, dir);
      const c = await first.client();
      const { token, sessionId: session, headsetId } = await openSession(c, first.sim);
      await c.result('subscribe', { cortexToken: token, session, streams: ['sys'] });
      await c.result('setupProfile', { cortexToken: token, status: 'create', profile: 'kept' });
      await c.result('setupProfile', { cortexToken: token, status: 'load', profile: 'kept', headset: headsetId });
      await trainPush(c, token, session);
      await c.result('setupProfile', { cortexToken: token, status: 'save', profile: 'kept', headset: headsetId });
      await c.result('setupProfile', { cortexToken: token, status: 'create', profile: 'also' });
      await first.close();

      const second = await startHarness({}, dir);
      try {
        const c2 = await second.client();
        const token2 = await c2.authorize();
        const names = (await c2.result('queryProfile', { cortexToken: token2 })).map((p: { name: string }) => p.name);
        expect(names.sort()).toEqual(['also', 'kept']);
        const trained = await c2.result('getTrainedSignatureActions', {
          cortexToken: token2,
          profile: 'kept',
          detection: 'mentalCommand',
        });
        expect(trained.trainedActions).toEqual([
          { action: 'neutral', times: 1 },
          { action: 'push', times: 1 },
        ]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("unloads a profile with warning 15 when the loading app's socket closes, so another app can load it", async () => {
    const a = await h.client();
    const A = await openSession(a, h.sim);
    await a.result('setupProfile', { cortexToken: A.token, status: 'create', profile: 'shared' });
    await a.result('setupProfile', { cortexToken: A.token, status: 'load', profile: 'shared', headset: A.headsetId });
    const b = await h.client();
    const tokenB = await b.authorize('other-app', 'x');
    const taken = await b.call('setupProfile', {
      cortexToken: tokenB,
      status: 'load',
      profile: 'shared',
      headset: A.headsetId,
    });
    expect(taken.error?.code).toBe(-32046);
    await a.close();
    const w = await b.warning(15);
    expect(w.message).toEqual(expect.objectContaining({ headset: A.headsetId, profile: 'shared' }));
    expect(await b.result('getCurrentProfile', { cortexToken: tokenB, headset: A.headsetId })).toEqual({
      name: null,
      loadedByThisApp: false,
    });
    await b.result('setupProfile', { cortexToken: tokenB, status: 'load', profile: 'shared', headset: A.headsetId });
  });

  it('unloads the profile of a headset that is lost, with warning 15', async () => {
    const c = await h.client();
    const { token, headsetId } = await openSession(c, h.sim);
    await c.result('setupProfile', { cortexToken: token, status: 'create', profile: 'h' });
    await c.result('setupProfile', { cortexToken: token, status: 'load', profile: 'h', headset: headsetId });
    h.sim.faults.disconnectHeadset(headsetId);
    expect((await c.warning(15)).message).toEqual(expect.objectContaining({ headset: headsetId, profile: 'h' }));
    await c.connectHeadset(headsetId);
    expect(await c.result('getCurrentProfile', { cortexToken: token, headset: headsetId })).toEqual({
      name: null,
      loadedByThisApp: false,
    });
  });
});
