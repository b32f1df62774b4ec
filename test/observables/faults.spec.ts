import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Subscription } from 'rxjs';
import { firstValueFrom, filter, switchMap } from 'rxjs';
import {
  connectCortex,
  CortexClientError,
  type ConnectionState,
  type CortexClient,
  type CortexSession,
  type EegFrame,
  type Recording,
  type StreamEvent,
} from '../../src';
import { detectGaps } from '../../src/operators';
import { startHarness, type Harness } from '../support/simulatorHarness';
import { RawClient, sleep, until } from '../support/rawClient';
import { CounterContinuity } from '../support/counterContinuity';
import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';

const CLIENT = { clientId: 'faulty-app', clientSecret: 'secret' };
const isEeg = (e: StreamEvent<'eeg'>): e is EegFrame => e._tag === 'eeg';

function client(url: string, extra: Partial<Parameters<typeof connectCortex>[0]> = {}): CortexClient {
  return connectCortex({
    url,
    ...CLIENT,
    lingerMs: 0,
    reconnect: { initialDelayMs: 50, maxDelayMs: 400, maxAttempts: 20 },
    ...extra,
  });
}

/** The app's sessions and records as the simulator sees them, through an independent raw socket. */
function onSimulator(url: string) {
  return RawClient.authorized(url, CLIENT, async (raw, token) => {
    const sessions = (await raw.result('querySessions', { cortexToken: token })) as Array<{
      id: string;
      streams: string[];
      recording: boolean;
    }>;
    const records = (
      await raw.result('queryRecords', { cortexToken: token, query: {}, orderBy: [{ startDatetime: 'ASC' }] })
    ).records as Array<{
      uuid: string;
      endDatetime?: string;
    }>;
    return { sessions, records };
  });
}

describe('the client under injected faults (socket killed, responses late, frames dropped, headset lost, simulator restarted)', () => {
  let baseline: HandleCounts;
  let h: Harness;
  let subs: Subscription[];
  beforeAll(() => {
    baseline = openHandles();
  });
  afterAll(() => expectNoOpenHandles(baseline));
  beforeEach(async () => {
    h = await startHarness({ headsets: 'EPOCX@256' });
    subs = [];
  });
  afterEach(async () => {
    subs.forEach((s) => s.unsubscribe());
    await sleep(20);
    await h.close();
  });

  it('socket killed mid-stream: reconnects, re-authorizes, re-creates the session, re-subscribes; gap events around the break', async () => {
    const c = client(h.sim.url);
    const events: Array<StreamEvent<'eeg'>> = [];
    const sessionIds: string[] = [];
    const continuity = new CounterContinuity(256);
    subs.push(
      c
        .session()
        .pipe(
          switchMap((s) => {
            sessionIds.push(s.info.id);
            return s.stream('eeg');
          }),
        )
        .subscribe((e) => {
          events.push(e);
          if (e._tag === 'eeg') continuity.push(e.counter, e.timeS);
          else continuity.restart();
        }),
    );
    await until(() => sessionIds.length === 1 && events.length > 50, 'frames');
    const authorizeBefore = h.sim.stats().requests.authorize ?? 0;

    expect(h.sim.faults.killClients()).toBeGreaterThan(0);
    await until(
      () =>
        sessionIds.length === 2 &&
        events.filter((e) => e._tag === 'gap').length === 2 &&
        events[events.length - 1]._tag === 'eeg',
      'the resubscribed stream',
    );
    await sleep(300); // no further gap follows

    const gaps = events.filter((e) => e._tag === 'gap');
    expect(gaps.map((g) => g._tag === 'gap' && g.reason)).toEqual(['disconnected', 'resubscribed']);
    expect((h.sim.stats().requests.authorize ?? 0) - authorizeBefore).toBeGreaterThanOrEqual(1);
    const sim = await onSimulator(h.sim.url);
    expect(sim.sessions.map((s) => s.id)).toEqual([sessionIds[1]]);
    expect(sim.sessions[0].streams).toEqual(['eeg']);
    // within each side of the gap the stream is continuous
    expect(continuity.breaks).toEqual([]);
  });

  it('a running record errors RECORD_STOPPED when the socket is killed, and is stopped on the simulator', async () => {
    const c = client(h.sim.url);
    let recording: Recording | undefined;
    const failed = new Promise<unknown>((resolve) =>
      subs.push(
        c
          .session()
          .pipe(switchMap((s) => s.record({ title: 'cut short' })))
          .subscribe({ next: (r) => (recording = r), error: resolve }),
      ),
    );
    await until(() => recording !== undefined, 'the record');
    await sleep(300); // the record's length
    h.sim.faults.killClients();
    const err = await failed;
    expect(err).toBeInstanceOf(CortexClientError);
    expect(err).toMatchObject({ code: 'RECORD_STOPPED' });
    const sim = await onSimulator(h.sim.url);
    expect(sim.records).toHaveLength(1);
    expect(sim.records[0].uuid).toBe(recording!.record.uuid);
    expect(sim.records[0].endDatetime).toBeDefined();
    // the client does not wait for the record's warning 30: it went to the dead socket (before the fix it waited
    // postProcessingTimeoutMs, 60 s, then failed with TIMEOUT)
    await sleep(200); // the simulator's post-processing (20 ms here)
    const folder = mkdtempSync(join(tmpdir(), 'cortex-rx-faults-'));
    try {
      const t0 = Date.now();
      const exported = await firstValueFrom(
        c.exportRecord({ recordIds: [recording!.record.uuid], folder, format: 'CSV', streamTypes: ['EEG'] }),
      );
      expect(Date.now() - t0).toBeLessThan(2000);
      expect(exported).toEqual({ success: [{ recordId: recording!.record.uuid }], failure: [] });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('responses delayed past the timeout error TIMEOUT; the late answers are undone, so nothing is left open on the simulator', async () => {
    const c = client(h.sim.url, { requestTimeoutMs: 300 });
    subs.push(c.connection.subscribe()); // the socket stays up, so the late answers arrive
    h.sim.faults.delayResponses({ delayMs: 600, methods: ['createSession'] });
    const err = await firstValueFrom(c.session()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CortexClientError);
    expect(err).toMatchObject({ code: 'TIMEOUT', message: 'createSession: no answer within 300 ms' });
    // the session Cortex created after all is closed as soon as its answer arrives
    await until(() => h.sim.stats().sessions === 1, 'the late session');
    await until(() => h.sim.stats().sessions === 0, 'the late session to be closed');
    h.sim.faults.delayResponses({ delayMs: 0 });
    // and a new session on the same headset is not refused with -32005
    const session = await new Promise<CortexSession>((resolve, reject) =>
      subs.push(c.session().subscribe({ next: resolve, error: reject })),
    );

    h.sim.faults.delayResponses({ delayMs: 600, methods: ['subscribe'] });
    await expect(firstValueFrom(session.stream('eeg'))).rejects.toMatchObject({ code: 'TIMEOUT' });
    // the simulator subscribed at once and answers after 600 ms; the client undoes the late subscribe
    await until(async () => (await onSimulator(h.sim.url)).sessions[0].streams.length === 0, 'the unsubscribe');
    expect((await onSimulator(h.sim.url)).sessions[0].streams).toEqual([]);
    h.sim.faults.delayResponses({ delayMs: 0 });
    const frame = await firstValueFrom(session.stream('eeg').pipe(filter(isEeg)));
    expect(frame.channels).toHaveLength(14);
  });

  it('dropped frames show as one COUNTER break of the right size, which detectGaps reports as a typed gap', async () => {
    const c = client(h.sim.url);
    const continuity = new CounterContinuity(256);
    const gaps: Array<{ kind: string; missingSamples: number }> = [];
    subs.push(
      c
        .session()
        .pipe(
          switchMap((s) => s.stream('eeg')),
          detectGaps({ sampleRateHz: 256 }),
        )
        .subscribe((e) => {
          if (e._tag === 'gap') gaps.push(e as { kind: string; missingSamples: number });
          else continuity.push((e as EegFrame).counter, e.timeS);
        }),
    );
    await until(() => continuity.frames > 50, 'frames');
    h.sim.faults.dropFrames({ count: 25 });
    await until(() => gaps.length > 0 && continuity.breaks.length > 0, 'the gap');
    expect(h.sim.faults.framesDropped).toBe(25);
    expect(continuity.lost).toBe(25);
    expect(continuity.breaks).toHaveLength(1);
    expect(gaps).toEqual([expect.objectContaining({ kind: 'counter', missingSamples: 25 })]);
  });

  it('a headset switched off ends the session with HEADSET_LOST and its record with RECORD_STOPPED', async () => {
    const c = client(h.sim.url);
    const session = await new Promise<CortexSession>((resolve) =>
      subs.push(c.session().subscribe({ next: resolve, error: () => undefined })),
    );
    let streaming = false;
    let recording = false;
    const streamErr = new Promise<unknown>((resolve) =>
      subs.push(session.stream('eeg').subscribe({ next: () => (streaming = true), error: resolve })),
    );
    const recErr = new Promise<unknown>((resolve) =>
      subs.push(session.record({ title: 'unplugged' }).subscribe({ next: () => (recording = true), error: resolve })),
    );
    await until(() => streaming && recording, 'the stream and the record');
    h.sim.faults.disconnectHeadset(h.sim.headsetIds[0]);
    expect(await recErr).toMatchObject({ code: 'RECORD_STOPPED' });
    expect(await streamErr).toMatchObject({ code: 'HEADSET_LOST' });
    expect(h.sim.stats().sessions).toBe(0);
  });
});

describe('the client across a simulator restart (close, then start again on the same port and data dir)', () => {
  let baseline: HandleCounts;
  beforeAll(() => {
    baseline = openHandles();
  });
  afterAll(() => expectNoOpenHandles(baseline));

  it('retries with backoff, then restores token, session and stream; the record stopped by the restart is kept', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-restart-'));
    let h = await startHarness({ headsets: 'EPOCX@256' }, dataDir);
    const port = h.sim.port;
    const subs: Subscription[] = [];
    try {
      const c = client(h.sim.url, { reconnect: { initialDelayMs: 50, maxDelayMs: 400, maxAttempts: 50 } });
      const states: ConnectionState[] = [];
      subs.push(c.connection.subscribe((s) => states.push(s)));
      const events: Array<StreamEvent<'eeg'>> = [];
      const sessionIds: string[] = [];
      let firstSession: CortexSession | undefined;
      subs.push(
        c
          .session()
          .pipe(
            switchMap((s) => {
              sessionIds.push(s.info.id);
              firstSession ??= s;
              return s.stream('eeg');
            }),
          )
          .subscribe((e) => events.push(e)),
      );
      await until(() => sessionIds.length === 1 && events.length > 50, 'frames');
      // a record on the streaming session (a second session() on the same headset would be -32005)
      let recordId: string | undefined;
      const recErr = new Promise<unknown>((resolve) =>
        subs.push(
          firstSession!
            .record({ title: 'before the restart' })
            .subscribe({ next: (r) => (recordId = r.record.uuid), error: resolve }),
        ),
      );
      await until(() => recordId !== undefined, 'the record');
      await sleep(1200); // past one flush of the record store

      await h.close();
      expect(await recErr).toMatchObject({ code: 'RECORD_STOPPED' });
      await until(() => states.filter((s) => s._tag === 'disconnected').length >= 2, 'refused reconnect attempts');
      const drops = states
        .filter((s) => s._tag === 'disconnected')
        .map((s) => (s._tag === 'disconnected' ? s.retryInMs : 0));
      expect(drops.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < drops.length; i++) expect(drops[i]).toBeGreaterThanOrEqual(drops[i - 1]);
      h = await startHarness({ headsets: 'EPOCX@256', port }, dataDir);
      await until(
        () => sessionIds.length === 2 && events[events.length - 1]._tag === 'eeg',
        'the restored stream',
        8000,
      );
      const gaps = events.filter((e) => e._tag === 'gap').map((g) => g._tag === 'gap' && g.reason);
      expect(gaps).toEqual(['disconnected', 'resubscribed']);
      expect(states.filter((s) => s._tag === 'connected').map((s) => s._tag === 'connected' && s.epoch)).toEqual([
        0, 1,
      ]);
      const sim = await onSimulator(h.sim.url);
      expect(sim.sessions.map((s) => s.id)).toEqual([sessionIds[1]]);
      expect(sim.sessions[0].streams).toEqual(['eeg']);
      // the record the restart stopped (close() stops and flushes it) is listed, stopped
      expect(sim.records.map((r) => r.uuid)).toEqual([recordId]);
      expect(sim.records[0].endDatetime).toBeDefined();
    } finally {
      subs.forEach((s) => s.unsubscribe());
      await sleep(20);
      await h.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
