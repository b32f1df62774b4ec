import { startHarness, openSession, type Harness } from '../support/simulatorHarness';
import type { RawClient } from '../support/rawClient';

/** The MARKERS column (the last value) of the eeg frames a client received on one session. */
function markersSeen(c: RawClient, sid: string): Array<Record<string, unknown>> {
  return c.data('eeg', sid).flatMap((f) => f.values[f.values.length - 1] as Array<Record<string, unknown>>);
}

/**
 * Markers are timed a little ahead, like a scheduled stimulus: a marker whose sample was sent before it arrived (eeg
 * goes out 50 ms behind the clock) is in the record only, so on a starved machine a marker timed "now" may miss it.
 */
const AHEAD_MS = 300;

describe('isolation of apps on one headset (issue 13 §1)', () => {
  let h: Harness;
  let a: RawClient;
  let b: RawClient;
  let headsetId: string;
  let tokenA: string;
  let sidA: string;
  let tokenB: string;
  let sidB: string;
  beforeEach(async () => {
    h = await startHarness({ headsets: 'EPOCX@256' });
    a = await h.client();
    b = await h.client();
    ({ token: tokenA, sessionId: sidA, headsetId } = await openSession(a, h.sim, { clientId: 'app-a' }));
    ({ token: tokenB, sessionId: sidB } = await openSession(b, h.sim, { clientId: 'app-b' }));
    await a.result('subscribe', { cortexToken: tokenA, session: sidA, streams: ['eeg'] });
    await b.result('subscribe', { cortexToken: tokenB, session: sidB, streams: ['eeg'] });
  });
  afterEach(() => h.close());

  it("markers appear only in the MARKERS column of the session that injected them: B never sees A's", async () => {
    await a.result('createRecord', { cortexToken: tokenA, session: sidA, title: 'a' });
    await b.result('createRecord', { cortexToken: tokenB, session: sidB, title: 'b' });
    const fromA: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await a.result('injectMarker', {
        cortexToken: tokenA,
        session: sidA,
        time: Date.now() + AHEAD_MS,
        value: i,
        label: 'a',
      });
      fromA.push(r.marker.uuid as string);
    }
    const fromB = (
      await b.result('injectMarker', {
        cortexToken: tokenB,
        session: sidB,
        time: Date.now() + AHEAD_MS,
        value: 9,
        label: 'b',
      })
    ).marker.uuid as string;
    // Each app's own markers reach its own eeg stream ...
    await a.waitFor(() => fromA.every((u) => markersSeen(a, sidA).some((m) => m.uuid === u)), 10_000);
    await b.waitFor(() => markersSeen(b, sidB).some((m) => m.uuid === fromB), 10_000);
    // ... and a second past the last of them, neither has seen the other's.
    const lastS = Math.max(...a.data('eeg', sidA).map((f) => f.time), ...b.data('eeg', sidB).map((f) => f.time));
    await b.waitFor((f) => f.sid === sidB && Array.isArray(f.eeg) && (f.time as number) > lastS + 1, 10_000);
    await a.waitFor((f) => f.sid === sidA && Array.isArray(f.eeg) && (f.time as number) > lastS + 1, 10_000);
    expect(markersSeen(b, sidB).map((m) => m.uuid)).toEqual([fromB]);
    expect(markersSeen(b, sidB).every((m) => m.applicationId !== markersSeen(a, sidA)[0]?.applicationId)).toBe(true);
    expect(markersSeen(a, sidA).map((m) => m.uuid)).toEqual(fromA);
  });

  it("updateHeadset from app B during A's record is refused with -32017, and A's record keeps one rate", async () => {
    const rec = await a.result('createRecord', { cortexToken: tokenA, session: sidA, title: 'steady' });
    const refused = await b.call('updateHeadset', {
      cortexToken: tokenB,
      headset: headsetId,
      setting: { mode: 'EPOC', eegRate: 128, memsRate: 0 },
    });
    expect(refused.error).toMatchObject({ code: -32017 });
    expect(refused.error?.message).toMatch(/record is running on headset/);
    // Well after the settings would have applied (connectDelayMs 20), the headset still says 256 Hz and A's samples
    // are still 1/256 s apart.
    const refusedAtS = Date.now() / 1000;
    await a.waitFor((f) => f.sid === sidA && Array.isArray(f.eeg) && (f.time as number) > refusedAtS + 0.5, 10_000);
    expect((await b.result('queryHeadsets', { id: headsetId }))[0].settings.eegRate).toBe(256);
    const times = a.data('eeg', sidA).map((f) => f.time);
    const steps = times.slice(1).map((t, i) => Math.round((t - times[i]) * 256));
    expect(new Set(steps)).toEqual(new Set([1]));
    await a.result('stopRecord', { cortexToken: tokenA, session: sidA });
    const [info] = await a.result('getRecordInfos', { cortexToken: tokenA, recordIds: [rec.record.uuid] });
    expect(info.uuid).toBe(rec.record.uuid);
    // Once no record runs, the setting is refused only for the connection (the dongle), not for the record.
    const after = await b.call('updateHeadset', {
      cortexToken: tokenB,
      headset: headsetId,
      setting: { mode: 'EPOC', eegRate: 128, memsRate: 0 },
    });
    expect(after.error?.code).toBe(-32020);
  });
});
