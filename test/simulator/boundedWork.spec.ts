import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { EPOC_SENSORS } from '../../src/simulator/headsetModels';
import { isoLocal } from '../../src/simulator/isoTime';
import { RecordStore } from '../../src/simulator/store/recordStore';
import { CounterContinuity } from '../support/counterContinuity';
import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';
import { until, type RawClient } from '../support/rawClient';
import { seedRecordFiles } from '../support/seedRecords';
import { openSession, startHarness, type Harness } from '../support/simulatorHarness';

/** Records of another app, each with markers: what a queryRecords that scanned the store would copy. */
const SEEDED_RECORDS = 2000;
const SEEDED_MARKERS = 100;
/** A long record: 10 minutes of EPOC X eeg at 256 Hz (a CSV export of it took 3.6 s in one turn). */
const LONG_MINUTES = 10;
const SHORT_MINUTES = 2;
const RATE_HZ = 256;
const EEG_COLUMNS = ['COUNTER', 'INTERPOLATED', ...EPOC_SENSORS, 'RAW_CQ', 'MARKER_HARDWARE'];
const T0_S = 1714620001.5;

/** Writes a stopped record of `minutes` of eeg for `appId` through the store API (no RPC per sample). */
function writeLongRecord(store: RecordStore, uuid: string, appId: string, minutes: number): void {
  const writer = store.create({
    record: { uuid, title: `Long ${uuid}`, startDatetime: isoLocal(T0_S * 1000) },
    appId,
    sessionId: 'long-session',
    headset: { id: 'EPOCX-LONG', sensors: EPOC_SENSORS },
    streams: [{ stream: 'eeg', columns: EEG_COLUMNS, sampleRateHz: RATE_HZ }],
  });
  const row = new Float64Array(EEG_COLUMNS.length);
  for (let i = 0; i < minutes * 60 * RATE_HZ; i++) {
    row[0] = i % RATE_HZ;
    for (let c = 2; c < 2 + EPOC_SENSORS.length; c++) row[c] = 4200 + 50 * Math.sin(i / 10 + c);
    writer.append('eeg', T0_S + i / RATE_HZ, row);
  }
  writer.stop(isoLocal((T0_S + minutes * 60) * 1000));
}

describe('bounded work per event-loop turn: a heavy request never stalls another app’s stream', () => {
  let baseline: HandleCounts;
  let dataDir: string;
  let h: Harness;
  let continuity: CounterContinuity;
  let client: RawClient;
  let token: string;

  beforeAll(async () => {
    baseline = openHandles();
    dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-bounded-'));
    seedRecordFiles(dataDir, { appId: 'owner', count: SEEDED_RECORDS, markersPerRecord: SEEDED_MARKERS });
    const store = await RecordStore.open(dataDir);
    writeLongRecord(store, 'long-record', 'exporter', LONG_MINUTES);
    writeLongRecord(store, 'short-record', 'exporter', SHORT_MINUTES);
    await store.close();
    h = await startHarness({ headsets: 'EPOCX@256,INSIGHT' }, dataDir);
    // The bystander: another app's eeg stream at 256 Hz on its own socket.
    const watcher = await h.client();
    const w = await openSession(watcher, h.sim, { clientId: 'watcher', headset: h.sim.headsetIds[0] });
    continuity = new CounterContinuity(RATE_HZ);
    watcher.ws.on('message', (data) => {
      const f = JSON.parse(data.toString()) as { eeg?: number[]; time?: number };
      if (f.eeg) continuity.push(f.eeg[0], f.time as number);
    });
    await watcher.result('subscribe', { cortexToken: w.token, session: w.sessionId, streams: ['eeg'] });
    await until(() => continuity.frames > RATE_HZ, 'the bystander streaming', 30_000);
    client = await h.client();
    token = await client.authorize('exporter');
  }, 120_000);
  afterAll(async () => {
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
    await expectNoOpenHandles(baseline);
  });

  /** Sends a request and resolves with its result, waiting up to 120 s (a chunked export of a long record is slow). */
  async function slowResult(method: string, params: object): Promise<any> {
    const id = `slow-${method}-${Date.now()}`;
    const answered = client.waitFor((f) => f.id === id, 120_000, client.frames.length);
    client.sendRaw(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    const answer = (await answered) as { result?: unknown; error?: unknown };
    if (answer.error !== undefined) throw new Error(`${method}: ${JSON.stringify(answer.error)}`);
    return answer.result;
  }

  /** Runs `work`, then waits for 2 s more of the bystander's samples and asserts none was lost. */
  async function besideTheBystander<T>(work: () => Promise<T>): Promise<T> {
    const breaksBefore = continuity.breaks.length;
    const result = await work();
    const framesAfter = continuity.frames;
    await until(() => continuity.frames >= framesAfter + 2 * RATE_HZ, 'the bystander streaming after', 30_000);
    expect(continuity.breaks.slice(breaksBefore)).toEqual([]);
    expect(continuity.lost).toBe(0);
    return result;
  }

  it(`queryRecords from an app with none, beside ${SEEDED_RECORDS} records of another app with ${SEEDED_MARKERS} markers each, and a page of the owner's: no sample lost`, async () => {
    const newcomer = await client.authorize('newcomer');
    const none = await besideTheBystander(() =>
      client.result('queryRecords', { cortexToken: newcomer, query: {}, orderBy: [{ startDatetime: 'DESC' }] }),
    );
    expect(none).toEqual({ records: [], count: 0, limit: 0, offset: 0 });
    const ownerToken = await client.authorize('owner');
    const page = await besideTheBystander(() =>
      client.result('queryRecords', {
        cortexToken: ownerToken,
        query: {},
        orderBy: [{ title: 'ASC' }],
        limit: 10,
        offset: 5,
        includeMarkers: true,
      }),
    );
    expect(page.count).toBe(SEEDED_RECORDS);
    const titles = Array.from({ length: SEEDED_RECORDS }, (_, i) => `Seeded ${i}`).sort();
    expect(page.records.map((r: { title: string }) => r.title)).toEqual(titles.slice(5, 15));
    expect(page.records[0].markers).toHaveLength(SEEDED_MARKERS);
  });

  it('getRecordInfos with one id repeated 5,000 times answers that record once; over 100 distinct ids is -32602; no sample lost', async () => {
    const ownerToken = await client.authorize('owner');
    const id = 'seed-owner-000007';
    const infos = await besideTheBystander(() =>
      client.result('getRecordInfos', { cortexToken: ownerToken, recordIds: Array(5000).fill(id) }),
    );
    expect(infos.map((r: { uuid: string }) => r.uuid)).toEqual([id]);
    const many = Array.from({ length: 101 }, (_, i) => `seed-owner-${String(i).padStart(6, '0')}`);
    const refused = await client.call('getRecordInfos', { cortexToken: ownerToken, recordIds: many });
    expect(refused.error).toEqual({
      code: -32602,
      message: "Invalid Parameters: 'recordIds' names 101 distinct records; at most 100 per request.",
    });
    const exportRefused = await client.call('exportRecord', {
      cortexToken: ownerToken,
      recordIds: many,
      folder: dataDir,
      format: 'CSV',
      streamTypes: ['EEG'],
    });
    expect(exportRefused.error?.code).toBe(-32602);
  });

  it(`exportRecord of a long record (${LONG_MINUTES} min at 256 Hz) to CSV: no sample lost`, async () => {
    const out = mkdtempSync(join(tmpdir(), 'cortex-rx-bounded-out-'));
    try {
      const result = await besideTheBystander(() =>
        slowResult('exportRecord', {
          cortexToken: token,
          recordIds: ['long-record'],
          folder: out,
          format: 'CSV',
          streamTypes: ['EEG'],
        }),
      );
      expect(result).toEqual({ success: [{ recordId: 'long-record' }], failure: [] });
      const lines = readFileSync(join(out, 'Long_long-record_long-record_EEG.csv'), 'utf8').trimEnd().split('\r\n');
      expect(lines).toHaveLength(1 + LONG_MINUTES * 60 * RATE_HZ);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);

  it('exportRecord with one id repeated 10 times exports it once (EDF+) and answers one success: no sample lost', async () => {
    const out = mkdtempSync(join(tmpdir(), 'cortex-rx-bounded-out-'));
    try {
      const result = await besideTheBystander(() =>
        slowResult('exportRecord', {
          cortexToken: token,
          recordIds: Array(10).fill('short-record'),
          folder: out,
          format: 'EDFPLUS',
          streamTypes: ['EEG'],
        }),
      );
      expect(result).toEqual({ success: [{ recordId: 'short-record' }], failure: [] });
      expect(readdirSync(out).sort()).toEqual([
        'Long_short-record_short-record.edf',
        'Long_short-record_short-record_markers.json',
      ]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});
