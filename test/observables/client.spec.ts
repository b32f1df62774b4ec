import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Subscription } from 'rxjs';
import { firstValueFrom, lastValueFrom, filter, take, toArray, switchMap, Observable } from 'rxjs';
import {
  connectCortex,
  CortexClientError,
  CortexError,
  type CortexClient,
  type CortexSession,
  type EegFrame,
  type StreamEvent,
} from '../../src';
import { startHarness, type Harness } from '../support/simulatorHarness';
import { EPOC_SENSORS } from '../../src/simulator';
import { RawClient, sleep, until } from '../support/rawClient';

const CLIENT = { clientId: 'rx-app', clientSecret: 'rx-secret' };

function client(h: Harness, extra: Partial<Parameters<typeof connectCortex>[0]> = {}): CortexClient {
  return connectCortex({
    url: h.sim.url,
    ...CLIENT,
    lingerMs: 0,
    reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
    ...extra,
  });
}

/** Sessions of the app as the simulator sees them, through an independent raw socket. */
function sessionsOnSimulator(
  h: Harness,
): Promise<Array<{ id: string; streams: string[]; recording: boolean; status: string }>> {
  return RawClient.authorized(h.sim.url, CLIENT, (raw, token) => raw.result('querySessions', { cortexToken: token }));
}

function recordsOnSimulator(h: Harness): Promise<Array<{ uuid: string; endDatetime?: string; markers?: unknown[] }>> {
  return RawClient.authorized(h.sim.url, CLIENT, async (raw, token) => {
    const r = await raw.result('queryRecords', {
      cortexToken: token,
      query: {},
      orderBy: [{ startDatetime: 'ASC' }],
      includeMarkers: true,
    });
    return r.records;
  });
}

const isEeg = (e: StreamEvent<'eeg'>): e is EegFrame => e._tag === 'eeg';

describe('connectCortex against the simulator', () => {
  let h: Harness;
  let subs: Subscription[];
  beforeEach(async () => {
    h = await startHarness({ headsets: 'EPOCX@256,INSIGHT' });
    subs = [];
  });
  afterEach(async () => {
    subs.forEach((s) => s.unsubscribe());
    await sleep(20);
    await h.close();
  });

  it('rpc: decodes results, adds the token, maps errors to CortexError', async () => {
    const c = client(h);
    const info = await firstValueFrom(c.rpc('getCortexInfo', {}));
    expect(info.version).toBeDefined();
    expect(await firstValueFrom(c.rpc('querySessions', {}))).toEqual([]);
    const err = await firstValueFrom(c.rpc('updateSession', { session: 'nope', status: 'close' })).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CortexError);
    expect(err).toMatchObject({ code: -32007, method: 'updateSession' });
  });

  it('the seed flow: session → eeg stream → record with markers → export; every teardown reaches Cortex', async () => {
    const c = client(h);
    const session = await new Promise<CortexSession>((resolve, reject) => {
      subs.push(c.session({ headset: h.sim.headsetIds[0] }).subscribe({ next: resolve, error: reject }));
    });
    expect(session.info.status).toBe('activated');
    expect(session.info.headset.id).toBe(h.sim.headsetIds[0]);

    const frames = await firstValueFrom(session.stream('eeg').pipe(filter(isEeg), take(64), toArray()));
    expect(frames[0].channels).toEqual([...EPOC_SENSORS]);
    expect(frames[0].values).toBeInstanceOf(Float64Array);
    expect(frames[0].values).toHaveLength(14);
    // Frame times carry ±0.2 ms of jitter (4 decimals, like real Cortex).
    expect(Math.abs(frames[63].timeS - frames[0].timeS - 63 / 256)).toBeLessThan(0.0005);

    // the stream was unsubscribed after take(64)
    await until(async () => (await sessionsOnSimulator(h))[0].streams.length === 0, 'the unsubscribe');
    expect((await sessionsOnSimulator(h))[0].streams).toEqual([]);

    const markers: string[] = [];
    const eegSub = session.stream('eeg').subscribe((f) => {
      if (f._tag === 'eeg') for (const m of f.markers) markers.push(String(m.label));
    });
    const recording = await new Promise<import('../../src').Recording>((resolve, reject) => {
      subs.push(session.record({ title: 'rx run', tags: ['t1'] }).subscribe({ next: resolve, error: reject }));
    });
    expect(recording.record.title).toBe('rx run');
    const onSim = await sessionsOnSimulator(h);
    expect(onSim[0].recording).toBe(true);
    const m1 = await lastValueFrom(recording.marker({ label: 'stim', value: 1 }));
    expect(m1.type).toBe('instance');
    const block = recording.interval({ label: 'block', value: 'A' }).subscribe();
    await sleep(300); // the interval's length
    block.unsubscribe();
    await until(() => markers.includes('stim'), 'the marker in the eeg stream');
    expect(markers).toContain('stim');
    eegSub.unsubscribe();

    subs.pop()!.unsubscribe(); // stops the record
    const exportDir = mkdtempSync(join(tmpdir(), 'cortex-rx-client-export-'));
    try {
      const exported = await firstValueFrom(
        c.exportRecord({
          recordIds: [recording.record.uuid],
          folder: exportDir,
          format: 'EDFPLUS',
          streamTypes: ['EEG'],
        }),
      );
      expect(exported.success).toEqual([{ recordId: recording.record.uuid }]);
      expect(readdirSync(exportDir).some((f) => f.endsWith('.edf'))).toBe(true);
    } finally {
      rmSync(exportDir, { recursive: true, force: true });
    }
    const recs = await recordsOnSimulator(h);
    expect(recs).toHaveLength(1);
    expect(recs[0].endDatetime).toBeDefined();
    expect(recs[0].markers).toHaveLength(2);
    const interval = (recs[0].markers as Array<{ label: string; type: string }>).find((m) => m.label === 'block');
    expect(interval?.type).toBe('interval');

    subs.pop()!.unsubscribe(); // closes the session
    await until(async () => (await sessionsOnSimulator(h)).length === 0, 'the session to close');
    expect(await sessionsOnSimulator(h)).toEqual([]);
  });

  it('a shared stream sends one subscribe and one unsubscribe', async () => {
    const c = client(h);
    const session = await firstValueFrom(c.session());
    // keep the session alive while the streams come and go
    subs.push(c.session().subscribe({ error: () => undefined }));
    const session$ = c.session({ headset: h.sim.headsetIds[1] });
    const s = await new Promise<CortexSession>((resolve) => subs.push(session$.subscribe(resolve)));
    void session;
    const before = h.sim.stats().requests;
    const a = s.stream('dev').subscribe();
    const b = s.stream('dev').subscribe();
    const cc = s.stream('dev').subscribe();
    const requests = (name: string) => (h.sim.stats().requests[name] ?? 0) - (before[name] ?? 0);
    await until(() => requests('subscribe') >= 1, 'the subscribe');
    a.unsubscribe();
    b.unsubscribe();
    await sleep(100); // no unsubscribe while cc still listens
    expect((await sessionsOnSimulator(h)).find((x) => x.id === s.info.id)?.streams).toEqual(['dev']);
    cc.unsubscribe();
    await until(() => requests('unsubscribe') >= 1, 'the unsubscribe');
    const after = h.sim.stats().requests;
    expect((after.subscribe ?? 0) - (before.subscribe ?? 0)).toBe(1);
    expect((after.unsubscribe ?? 0) - (before.unsubscribe ?? 0)).toBe(1);
    expect((await sessionsOnSimulator(h)).find((x) => x.id === s.info.id)?.streams).toEqual([]);
  });

  it('maps failures to typed errors: bad credentials, no headset, eeg unactivated, second session', async () => {
    const strict = await startHarness({ apps: [{ clientId: 'real', clientSecret: 'right' }] });
    try {
      const bad = connectCortex({ url: strict.sim.url, clientId: 'real', clientSecret: 'wrong', lingerMs: 0 });
      await expect(firstValueFrom(bad.authorize())).rejects.toMatchObject({ code: -32021 });
    } finally {
      await strict.close();
    }
    const c = client(h);
    await expect(firstValueFrom(c.session({ headset: 'EPOCX-DEADBEEF' }))).rejects.toMatchObject({ code: -32004 });

    const opened = await new Promise<CortexSession>((resolve) =>
      subs.push(c.session({ headset: h.sim.headsetIds[1], activate: false }).subscribe(resolve)),
    );
    expect(opened.info.status).toBe('opened');
    const eegErr = await firstValueFrom(opened.stream('eeg')).catch((e: unknown) => e);
    expect(eegErr).toBeInstanceOf(CortexError);
    expect(eegErr).toMatchObject({ code: -32016, method: 'subscribe' });
    const recErr = await firstValueFrom(opened.record({ title: 'x' })).catch((e: unknown) => e);
    expect(recErr).toMatchObject({ code: -32012 });
    const activated = await firstValueFrom(opened.activate());
    expect(activated.status).toBe('activated');
    const eeg = await firstValueFrom(opened.stream('eeg'));
    expect(eeg._tag).toBe('eeg');

    const second = await firstValueFrom(c.session({ headset: h.sim.headsetIds[1] })).catch((e: unknown) => e);
    expect(second).toMatchObject({ code: -32005 });
  });

  it('errors with HEADSET_LOST (never a silent completion) when the headset is switched off', async () => {
    const c = client(h);
    const events: string[] = [];
    const done = new Promise<unknown>((resolve) =>
      subs.push(
        c
          .session()
          .pipe(switchMap((s) => s.stream('eeg')))
          .subscribe({ next: () => events.push('frame'), error: resolve, complete: () => resolve('completed') }),
      ),
    );
    await until(() => events.length > 10, 'eeg frames');
    h.sim.faults.disconnectHeadset(h.sim.headsetIds[0]);
    const err = await done;
    expect(err).toBeInstanceOf(CortexClientError);
    expect(err).toMatchObject({ code: 'HEADSET_LOST' });
    expect(events.length).toBeGreaterThan(10);
  });

  it('a record errors with RECORD_STOPPED when its session closes', async () => {
    const c = client(h);
    const s = await new Promise<CortexSession>((resolve) =>
      subs.push(c.session().subscribe({ next: resolve, error: () => undefined })),
    );
    let started = false;
    const failed = new Promise<unknown>((resolve) =>
      subs.push(s.record({ title: 'doomed' }).subscribe({ next: () => (started = true), error: resolve })),
    );
    await until(() => started, 'the record');
    h.sim.faults.disconnectHeadset(s.info.headset.id);
    expect(await failed).toMatchObject({ code: 'RECORD_STOPPED' });
  });

  it('reconnects after the socket is killed: token, session and streams restored, the gap is visible', async () => {
    const c = client(h);
    const events: Array<StreamEvent<'eeg'>> = [];
    const infos: string[] = [];
    subs.push(
      c
        .session({ headset: h.sim.headsetIds[1] })
        .pipe(
          switchMap((s) => {
            infos.push(s.info.id);
            return s.stream('eeg');
          }),
        )
        .subscribe((e) => events.push(e)),
    );
    await until(() => events.length > 20, 'eeg frames');
    const before = events.length;
    expect(before).toBeGreaterThan(20);
    expect(h.sim.faults.killClients()).toBe(1);
    const resubscribed = () => events.findIndex((e) => e._tag === 'gap' && e.reason === 'resubscribed');
    await until(() => resubscribed() >= 0 && events.length - resubscribed() > 21, 'eeg frames after the gap');
    const gaps = events.filter((e) => e._tag === 'gap');
    expect(gaps.map((g) => g._tag === 'gap' && g.reason)).toEqual(['disconnected', 'resubscribed']);
    const afterGap = events.slice(resubscribed() + 1);
    expect(afterGap.length).toBeGreaterThan(20);
    const sessions = await sessionsOnSimulator(h);
    expect(sessions).toHaveLength(1);
    expect(sessions[0].streams).toEqual(['eeg']);
    expect(new Set(infos).size).toBe(2);
    expect(sessions[0].id).toBe(infos[infos.length - 1]);
  });

  it('runs sessions on two headsets at once over one socket', async () => {
    const c = client(h);
    const count = (id: string) =>
      new Observable<number>((subscriber) => {
        let n = 0;
        const sub = c
          .session({ headset: id })
          .pipe(switchMap((s) => s.stream('eeg')))
          .subscribe(() => subscriber.next(++n));
        return sub;
      });
    const counts = [0, 0];
    subs.push(count(h.sim.headsetIds[0]).subscribe((n) => (counts[0] = n)));
    subs.push(count(h.sim.headsetIds[1]).subscribe((n) => (counts[1] = n)));
    await until(() => counts[0] > 0 && counts[1] > 0, 'both streams');
    const start = [...counts];
    await until(() => counts[0] - start[0] > 200 && counts[1] - start[1] > 100, '200 + 100 frames');
    expect(h.sim.stats().connections).toBe(1);
    expect(counts[0] - start[0]).toBeGreaterThan(200); // 256 Hz
    expect(counts[1] - start[1]).toBeGreaterThan(100); // 128 Hz
    expect(counts[0] - start[0]).toBeGreaterThan(1.6 * (counts[1] - start[1]));
    expect((await sessionsOnSimulator(h)).length).toBe(2);
  });

  it('closes the socket after the last subscriber leaves', async () => {
    const c = client(h, { lingerMs: 100 });
    const sub = c.session().subscribe();
    await until(() => h.sim.stats().connections === 1, 'the socket');
    expect(h.sim.stats().connections).toBe(1);
    sub.unsubscribe();
    await sleep(50); // within lingerMs the socket stays
    expect(h.sim.stats().connections).toBe(1);
    await until(() => h.sim.stats().connections === 0, 'the socket to close after lingerMs');
    expect(h.sim.stats().connections).toBe(0);
  });
});
