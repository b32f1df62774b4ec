import { mkdtempSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CounterContinuity } from '../support/counterContinuity';
import { startHarness, openSession, type Harness } from '../support/simulatorHarness';

const MARKERS = process.env.CORTEX_RX_LONG === '1' ? 50_000 : 5_000;
/** Requests in flight at once (the simulator answers -32050 past 1024 pending per connection). */
const BATCH = 250;

describe('a marker flood (issue 13 §3)', () => {
  let dataDir: string;
  let h: Harness | undefined;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-flood-'));
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`stores each of ${MARKERS} markers once, in order, while another app's 256 Hz eeg keeps COUNTER continuity`, async () => {
    h = await startHarness({ headsets: 'EPOCX@256:2' }, dataDir);
    const [first, second] = h.sim.headsetIds;
    const a = await h.client();
    const b = await h.client();
    const sa = await openSession(a, h.sim, { clientId: 'flooder', headset: first });
    const sb = await openSession(b, h.sim, { clientId: 'bystander', headset: second });
    const continuity = new CounterContinuity(256);
    b.ws.on('message', (data) => {
      const f = JSON.parse(data.toString()) as { eeg?: number[]; sid?: string; time?: number };
      if (f.eeg && f.sid === sb.sessionId) continuity.push(f.eeg[0] as number, f.time as number);
    });
    await b.result('subscribe', { cortexToken: sb.token, session: sb.sessionId, streams: ['eeg'] });
    const rec = await a.result('createRecord', { cortexToken: sa.token, session: sa.sessionId, title: 'flood' });
    const recordId = rec.record.uuid as string;

    const startedMs = Date.now();
    const uuids: string[] = [];
    for (let done = 0; done < MARKERS; done += BATCH) {
      const batch = Array.from({ length: Math.min(BATCH, MARKERS - done) }, (_, i) =>
        a.result('injectMarker', {
          cortexToken: sa.token,
          session: sa.sessionId,
          time: Date.now(),
          value: done + i,
          label: `flood ${done + i}`,
        }),
      );
      for (const r of await Promise.all(batch)) uuids.push(r.marker.uuid as string);
    }
    const floodS = (Date.now() - startedMs) / 1000;
    console.log(`${MARKERS} markers in ${floodS.toFixed(1)} s (${Math.round(MARKERS / floodS)} markers/s)`);
    // The bystander's frames up to a second past the flood: not one sample lost.
    const endS = Date.now() / 1000;
    await b.waitFor((f) => f.sid === sb.sessionId && Array.isArray(f.eeg) && (f.time as number) > endS + 1, 30_000);
    expect(continuity.breaks).toEqual([]);
    expect(continuity.frames).toBeGreaterThan(256);

    await a.result('stopRecord', { cortexToken: sa.token, session: sa.sessionId });
    const [info] = await a.result('getRecordInfos', { cortexToken: sa.token, recordIds: [recordId] });
    expect(info.markers.map((m: { uuid: string }) => m.uuid)).toEqual(uuids);
    // meta.json does not grow with the markers (it held every one of them, rewritten each flush).
    expect(statSync(join(dataDir, 'records', recordId, 'meta.json')).size).toBeLessThan(16 * 1024);

    // Read back after a restart: each marker once, in order, with its value.
    await h.close();
    h = await startHarness({ headsets: 'EPOCX@256:2' }, dataDir);
    const c = await h.client();
    const token = await c.authorize('flooder');
    const [again] = await c.result('getRecordInfos', { cortexToken: token, recordIds: [recordId] });
    expect(again.markers.map((m: { uuid: string }) => m.uuid)).toEqual(uuids);
    expect(again.markers.map((m: { value: number }) => m.value)).toEqual(uuids.map((_, i) => i));
  }, 180_000); // a deadline for a starved machine (5,000 markers took 7-12 s at load 15), not a figure under test
});
