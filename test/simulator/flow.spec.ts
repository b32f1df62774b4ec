import { FRAME_TIME_TOLERANCE_S } from '../../src/simulator/frameTimeStamp';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startHarness, type Harness } from '../support/simulatorHarness';
import { sleep } from '../support/rawClient';
import { readEdf } from '../support/edfReader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_LOCAL = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d$/;

describe('the seed flow over a real socket', () => {
  let h: Harness;
  let exportDir: string;
  beforeAll(async () => {
    h = await startHarness({ headsets: 'EPOCX@256,INSIGHT', seed: 7 });
    exportDir = mkdtempSync(join(tmpdir(), 'cortex-rx-export-'));
  });
  afterAll(async () => {
    await h.close();
    rmSync(exportDir, { recursive: true, force: true });
  });

  it('authorize → headset → session → subscribe → record → markers → stop → export', async () => {
    const c = await h.client();
    const info = await c.result('getCortexInfo');
    expect(typeof info.version).toBe('string');

    expect(await c.result('hasAccessRight', { clientId: 'app', clientSecret: 'secret' })).toEqual(
      expect.objectContaining({ accessGranted: true }),
    );
    expect((await c.result('requestAccess', { clientId: 'app', clientSecret: 'secret' })).accessGranted).toBe(true);
    const token = await c.authorize('app', 'secret');
    expect(token.length).toBeGreaterThanOrEqual(32);

    // refresh → warning 142, then the headsets are listed as discovered
    expect((await c.result('controlDevice', { command: 'refresh' })).command).toBe('refresh');
    await c.warning(142);
    const headsets = await c.result('queryHeadsets');
    expect(headsets.map((x: { id: string }) => x.id)).toEqual(h.sim.headsetIds);
    const epoc = headsets[0];
    expect(epoc.id).toMatch(/^EPOCX-[0-9A-F]{8}$/);
    expect(headsets[1].id).toMatch(/^INSIGHT-[0-9A-F]{8}$/);
    expect(epoc).toEqual(
      expect.objectContaining({
        status: 'discovered',
        connectedBy: 'dongle',
        dongle: expect.any(String),
        firmware: expect.any(String),
        motionSensors: ['Q0', 'Q1', 'Q2', 'Q3', 'ACCX', 'ACCY', 'ACCZ', 'MAGX', 'MAGY', 'MAGZ'],
        sensors: ['AF3', 'F7', 'F3', 'FC5', 'T7', 'P7', 'O1', 'O2', 'P8', 'T8', 'FC6', 'F4', 'F8', 'AF4'],
        settings: { eegRate: 256, eegRes: 16, memsRate: 64, memsRes: 16, mode: 'EPOCPLUS' },
        headbandPosition: 'back',
        customName: '',
      }),
    );
    expect(headsets[1].sensors).toEqual(['AF3', 'T7', 'Pz', 'T8', 'AF4']);
    expect(headsets[1].settings.eegRate).toBe(128);

    // createSession on a discovered headset is refused; connect → connecting → warning 104 → connected
    expect((await c.call('createSession', { cortexToken: token, headset: epoc.id, status: 'open' })).error?.code).toBe(
      -32004,
    );
    await c.result('controlDevice', { command: 'connect', headset: epoc.id });
    expect((await c.result('queryHeadsets', { id: epoc.id }))[0].status).toBe('connecting');
    const w104 = await c.warning(104);
    expect(w104.message.headsetId).toBe(epoc.id);
    expect((await c.result('queryHeadsets', { id: 'EPOCX-*' }))[0].status).toBe('connected');

    const opened = await c.result('createSession', { cortexToken: token, headset: epoc.id, status: 'open' });
    expect(opened.id).toMatch(UUID);
    expect(opened.status).toBe('opened');
    expect(opened.license).toBe('');
    const sessions = await c.result('querySessions', { cortexToken: token });
    expect(sessions).toHaveLength(1);
    expect(Object.keys(sessions[0]).sort()).toEqual(
      expect.arrayContaining([
        'id',
        'status',
        'owner',
        'license',
        'appId',
        'started',
        'streams',
        'recordIds',
        'recording',
        'headset',
      ]),
    );
    expect(sessions[0]).toEqual(
      expect.objectContaining({
        id: opened.id,
        status: 'opened',
        owner: 'sim.user',
        appId: 'app',
        license: '',
        streams: [],
        recordIds: [],
        recording: false,
      }),
    );
    expect(sessions[0].started).toMatch(ISO_LOCAL);
    expect(sessions[0].headset.id).toBe(epoc.id);

    // unactivated: eeg fails in `failure`, records and markers refused
    const sub0 = await c.result('subscribe', { cortexToken: token, session: opened.id, streams: ['eeg', 'dev'] });
    expect(sub0.failure).toEqual([{ streamName: 'eeg', code: -32016, message: expect.any(String) }]);
    expect(sub0.success.map((s: { streamName: string }) => s.streamName)).toEqual(['dev']);
    expect((await c.call('createRecord', { cortexToken: token, session: opened.id, title: 'x' })).error?.code).toBe(
      -32012,
    );
    expect(
      (await c.call('injectMarker', { cortexToken: token, session: opened.id, time: Date.now(), value: 1, label: 'x' }))
        .error?.code,
    ).toBe(-32012);

    const active = await c.result('updateSession', { cortexToken: token, session: opened.id, status: 'active' });
    expect(active.status).toBe('activated');
    expect(active.license).not.toBe('');

    const sub = await c.result('subscribe', { cortexToken: token, session: opened.id, streams: ['eeg', 'pow', 'met'] });
    expect(sub.failure).toEqual([]);
    const eegCols = sub.success.find((s: { streamName: string }) => s.streamName === 'eeg');
    expect(eegCols.sid).toBe(opened.id);
    expect(eegCols.cols).toEqual(['COUNTER', 'INTERPOLATED', ...epoc.sensors, 'RAW_CQ', 'MARKER_HARDWARE', 'MARKERS']);
    expect((await c.result('querySessions', { cortexToken: token }))[0].streams.sort()).toEqual([
      'dev',
      'eeg',
      'met',
      'pow',
    ]);

    const rec = await c.result('createRecord', {
      cortexToken: token,
      session: opened.id,
      title: 'Run 1',
      tags: ['pilot'],
    });
    expect(rec.sessionId).toBe(opened.id);
    expect(rec.record).toEqual(
      expect.objectContaining({ title: 'Run 1', tags: ['pilot'], applicationId: 'app', experimentId: 0 }),
    );
    expect(rec.record.uuid).toMatch(UUID);
    expect(rec.record.startDatetime).toMatch(ISO_LOCAL);
    const recording = (await c.result('querySessions', { cortexToken: token }))[0];
    expect(recording.recording).toBe(true);
    expect(recording.recordIds).toEqual([rec.record.uuid]);

    await sleep(400);
    const markerTimeMs = Date.now();
    const m = await c.result('injectMarker', {
      cortexToken: token,
      session: opened.id,
      time: markerTimeMs,
      value: 42,
      label: 'stim_on',
      port: 'test',
    });
    expect(m.recordId).toBe(rec.record.uuid);
    expect(m.marker).toEqual(expect.objectContaining({ type: 'instance', value: 42, label: 'stim_on', port: 'test' }));
    const interval = await c.result('injectMarker', {
      cortexToken: token,
      session: opened.id,
      time: Date.now(),
      value: 'block',
      label: 'block',
    });
    await sleep(300);
    const upd = await c.result('updateMarker', {
      cortexToken: token,
      session: opened.id,
      markerId: interval.marker.uuid,
      time: Date.now(),
    });
    expect(upd.marker.type).toBe('interval');
    expect(upd.marker.endDatetime).not.toBe(upd.marker.startDatetime);

    // the marker shows in the MARKERS column of the sample nearest its time
    const withMarker = await c.waitFor(
      (f) =>
        Array.isArray(f.eeg) &&
        (f.eeg as unknown[])[(f.eeg as unknown[]).length - 1] instanceof Array &&
        ((f.eeg as unknown[])[(f.eeg as unknown[]).length - 1] as unknown[]).length > 0,
      3000,
    );
    const markerCol = (withMarker.eeg as unknown[])[(withMarker.eeg as unknown[]).length - 1] as Array<{
      uuid: string;
    }>;
    expect(markerCol[0].uuid).toBe(m.marker.uuid);
    // half a sample, plus the frame time's jitter and rounding
    expect(Math.abs((withMarker.time as number) - markerTimeMs / 1000)).toBeLessThanOrEqual(
      0.5 / 256 + FRAME_TIME_TOLERANCE_S,
    );

    await sleep(800);
    const stopped = await c.result('stopRecord', { cortexToken: token, session: opened.id });
    expect(stopped.record.endDatetime).toMatch(ISO_LOCAL);
    const w30 = await c.warning(30);
    expect(w30.message.recordId).toBe(rec.record.uuid);

    const q = await c.result('queryRecords', {
      cortexToken: token,
      query: {},
      orderBy: [{ startDatetime: 'DESC' }],
      includeMarkers: true,
    });
    expect(q.count).toBe(1);
    expect(q.records[0].markers).toHaveLength(2);

    // EDF takes only EEG and MOTION (§6): PM or BP are refused, not silently dropped (issue 12 §9)
    const exportEdf = (streamTypes: string[]) =>
      c.result('exportRecord', {
        cortexToken: token,
        recordIds: [rec.record.uuid],
        folder: exportDir,
        streamTypes,
        format: 'EDFPLUS',
      });
    expect(await exportEdf(['EEG', 'MOTION', 'PM', 'BP'])).toEqual({
      success: [],
      failure: [
        {
          recordId: rec.record.uuid,
          code: -32602,
          message: 'Invalid Parameters: format EDFPLUS exports only EEG and MOTION, got PM, BP.',
        },
      ],
    });
    expect(readdirSync(exportDir)).toEqual([]);
    expect(await exportEdf(['EEG', 'MOTION'])).toEqual({ success: [{ recordId: rec.record.uuid }], failure: [] });
    const csv = await c.result('exportRecord', {
      cortexToken: token,
      recordIds: [rec.record.uuid, 'no-such-record'],
      folder: exportDir,
      streamTypes: ['EEG', 'BP'],
      format: 'CSV',
      version: 'V2',
    });
    expect(csv.success).toEqual([{ recordId: rec.record.uuid }]);
    expect(csv.failure[0].recordId).toBe('no-such-record');

    const files = readdirSync(exportDir);
    const edfName = files.find((f) => f.toLowerCase().endsWith('.edf'));
    expect(edfName).toBeDefined();
    const edf = readEdf(readFileSync(join(exportDir, edfName!)));
    const eegLabels = edf.signals.map((s) => s.label).filter((l) => l !== 'EDF Annotations');
    for (const sensor of epoc.sensors) expect(eegLabels.some((l) => l === sensor || l === `EEG ${sensor}`)).toBe(true);
    const af3 = edf.signals.find((s) => s.label === 'AF3' || s.label === 'EEG AF3')!;
    expect(af3.samplesPerRecord / edf.recordDurationS).toBe(256);
    const texts = edf.annotations.flatMap((a) => a.texts);
    expect(texts.some((t) => t.includes('stim_on'))).toBe(true);
    expect(files.some((f) => f.toLowerCase().endsWith('.csv'))).toBe(true);
  });
});
