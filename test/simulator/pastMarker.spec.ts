import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startHarness, openSession, type Harness } from '../support/simulatorHarness';

const RATE_HZ = 128;

describe('a marker timed in the past (issue 12 §9)', () => {
  let h: Harness;
  let out: string;
  beforeAll(async () => {
    h = await startHarness({ headsets: 'INSIGHT' });
    out = mkdtempSync(join(tmpdir(), 'cortex-rx-past-marker-'));
  });
  afterAll(async () => {
    await h.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('lands on the stored sample nearest its time, never on a later live sample; before the record it is refused', async () => {
    const c = await h.client();
    const { token, sessionId } = await openSession(c, h.sim);
    await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['eeg'] });
    const rec = await c.result('createRecord', { cortexToken: token, session: sessionId, title: 'past' });
    const startS = Date.now() / 1000;
    const eeg = () => c.data('eeg', sessionId);
    await c.waitFor((f) => f.sid === sessionId && Array.isArray(f.eeg) && (f.time as number) > startS + 1.5, 10_000);

    // A marker on a sample streamed more than a second ago (1 ms after it: that sample is still the nearest).
    const latestS = Math.max(...eeg().map((f) => f.time));
    const target = eeg().find((f) => f.time > startS + 0.2 && f.time < latestS - 1) as {
      values: unknown[];
      time: number;
    };
    const timeMs = Math.round(target.time * 1000) + 1;
    const m = await c.result('injectMarker', {
      cortexToken: token,
      session: sessionId,
      time: timeMs,
      value: 7,
      label: 'late',
    });
    const injectedS = Date.now() / 1000;
    const early = await c.call('injectMarker', {
      cortexToken: token,
      session: sessionId,
      time: Math.floor(startS * 1000) - 1000,
      value: 8,
      label: 'before the record',
    });
    expect(early.error?.code).toBe(-32602);
    expect(early.error?.message).toMatch(/precedes the start of the running record/);

    // The live stream cannot go back: no later sample carries the marker (it used to land on the next one).
    await c.waitFor((f) => f.sid === sessionId && Array.isArray(f.eeg) && (f.time as number) > injectedS + 1, 10_000);
    const carriers = eeg().filter((f) =>
      (f.values[f.values.length - 1] as Array<{ uuid: string }>).some((x) => x.uuid === m.marker.uuid),
    );
    expect(carriers).toEqual([]);

    // The record has it at its time, where a stored sample lies within half a period: the one streamed at that time.
    await c.result('stopRecord', { cortexToken: token, session: sessionId });
    await c.warning(30);
    const exported = await c.result('exportRecord', {
      cortexToken: token,
      recordIds: [rec.record.uuid],
      folder: out,
      format: 'CSV',
      version: 'V1',
      streamTypes: ['EEG'],
    });
    expect(exported.failure).toEqual([]);
    const file = (suffix: string) => join(out, readdirSync(out).find((n) => n.endsWith(suffix)) as string);
    const markerRows = readFileSync(file('_markers.csv'), 'utf8').trim().split('\r\n').slice(1);
    expect(markerRows).toHaveLength(1);
    expect(Number(markerRows[0].split(',')[5])).toBeCloseTo(timeMs / 1000, 6);
    const rows = readFileSync(file('_EEG.csv'), 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(',').map(Number));
    const nearest = rows.reduce((best, r) =>
      Math.abs(r[0] - timeMs / 1000) < Math.abs(best[0] - timeMs / 1000) ? r : best,
    );
    expect(Math.abs(nearest[0] - timeMs / 1000)).toBeLessThanOrEqual(0.5 / RATE_HZ);
    expect(nearest[1]).toBe(target.values[0]); // the COUNTER of the live sample at that time
  });
});
