import { fork } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Marker } from '../../../src/protocol';
import { exportRecord } from '../../../src/simulator/export/exportRecord';
import { isoLocal, parseIso } from '../../../src/simulator/isoTime';
import { RecordStore } from '../../../src/simulator/store/recordStore';
import { RecordStoreError } from '../../../src/simulator/store/recordStoreError';
import type { NewRecord, StreamLayout } from '../../../src/simulator/store/storeTypes';
import { readEdf } from '../../support/edfReader';

const SENSORS = ['AF3', 'T7', 'Pz', 'T8', 'AF4'];
const EEG: StreamLayout = {
  stream: 'eeg',
  columns: ['COUNTER', 'INTERPOLATED', ...SENSORS, 'RAW_CQ', 'MARKER_HARDWARE'],
  sampleRateHz: 128,
};
const MET: StreamLayout = { stream: 'met', columns: ['eng.isActive', 'eng', 'foc'], sampleRateHz: 2 };
const ROW_BYTES = (1 + EEG.columns.length) * 8;
const T0_S = 1714620001.529;

const newRecord = (uuid: string, streams: readonly StreamLayout[] = [EEG, MET]): NewRecord => ({
  record: { uuid, title: `Run ${uuid}`, startDatetime: isoLocal(T0_S * 1000), tags: ['pilot'] },
  appId: 'com.example.app',
  sessionId: 'session-1',
  headset: { id: 'INSIGHT-TEST', sensors: SENSORS },
  streams,
});

/** Deterministic eeg row i: a counter, then sine values; column 3 of row 5 is null (stored as NaN). */
const eegRow = (i: number): (number | null)[] =>
  [i % 128, 0, ...SENSORS.map((_, s) => 4200 + 40 * Math.sin((2 * Math.PI * 10 * i) / 128 + s) + i / 1000), 0, 0].map(
    (v, c) => (i === 5 && c === 3 ? null : v),
  );

const marker = (uuid: string, atMs: number, label = 'stim_on'): Marker => ({
  uuid,
  type: 'instance',
  value: 42,
  label,
  port: 'python_app',
  startDatetime: isoLocal(atMs),
  endDatetime: isoLocal(atMs),
  extras: {},
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-rx-store-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('isoTime', () => {
  it('renders local time with microseconds and the local offset', () => {
    const t = 1714620001529.25;
    const s = isoLocal(t);
    expect(s).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}[+-]\d\d:\d\d$/);
    expect(s.slice(20, 26)).toBe('529250');
    const offsetMin = -new Date(t).getTimezoneOffset();
    const sign = offsetMin < 0 ? '-' : '+';
    const abs = Math.abs(offsetMin);
    expect(s.slice(-6)).toBe(
      `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`,
    );
  });

  it('round-trips through parseIso to the microsecond', () => {
    for (const t of [0, 1714620001529, 1714620001529.001, 1714620001999.999, 946684799999.5]) {
      expect(parseIso(isoLocal(t))).toBe(t);
    }
  });

  it('parses explicit offsets and Z', () => {
    expect(parseIso('2024-05-02T10:20:01.529000+07:00')).toBe(1714620001529);
    expect(parseIso('2024-05-02T03:20:01.529Z')).toBe(1714620001529);
    expect(parseIso('2024-05-01T22:20:01-05:00')).toBe(1714620001000);
    expect(parseIso('2024-05-02T10:20:01.5292+0700')).toBe(1714620001529.2);
  });

  it('rejects what is not a complete, valid datetime', () => {
    expect(() => parseIso('2024-05-02')).toThrow(/not an ISO 8601 datetime: "2024-05-02"/);
    expect(() => parseIso('2024-13-02T10:20:01Z')).toThrow(/out of range/);
    expect(() => isoLocal(NaN)).toThrow(/finite/);
  });
});

describe('RecordStore', () => {
  it('rejects a flush interval over one second', async () => {
    await expect(RecordStore.open(dir, { flushIntervalMs: 1500 })).rejects.toThrow(
      'flushIntervalMs must be in (0, 1000], got 1500',
    );
    await expect(RecordStore.open(dir, { flushIntervalMs: 0 })).rejects.toThrow(RangeError);
  });

  it('keeps samples, markers and endDatetime across a restart', async () => {
    const store = await RecordStore.open(dir, { flushIntervalMs: 40 });
    const w = store.create(newRecord('rec-1'));
    expect(store.get('rec-1')?.running).toBe(true);
    const eegFile = path.join(dir, 'records', 'rec-1', 'eeg.f64');
    let i = 0;
    for (let burst = 0; burst < 4; burst++) {
      for (let k = 0; k < 50; k++, i++) w.append('eeg', T0_S + i / 128, eegRow(i));
      w.append('met', T0_S + burst / 2, [burst % 2 === 0, 0.5 + burst / 10, 'n/a']);
      await sleep(100);
      // The timer has written every row appended before it fired.
      expect(fs.statSync(eegFile).size).toBe(i * ROW_BYTES);
    }
    w.addMarker(marker('m-1', T0_S * 1000 + 250));
    w.addMarker(marker('m-2', T0_S * 1000 + 900, 'block'));
    const updated = w.updateMarker('m-2', {
      type: 'interval',
      endDatetime: isoLocal(T0_S * 1000 + 1400),
      uuid: 'ignored',
    });
    expect(updated).toMatchObject({ uuid: 'm-2', type: 'interval', endDatetime: isoLocal(T0_S * 1000 + 1400) });
    expect(w.updateMarker('nope', { label: 'x' })).toBeUndefined();
    const end = isoLocal(T0_S * 1000 + 1600);
    const stopped = w.stop(end);
    expect(stopped.running).toBe(false);
    expect(stopped.record.endDatetime).toBe(end);
    expect(() => w.append('eeg', T0_S, eegRow(0))).toThrow(expect.objectContaining({ code: 'RECORD_STOPPED' }));
    await store.close();

    const again = await RecordStore.open(dir);
    expect(again.list().map((r) => r.record.uuid)).toEqual(['rec-1']);
    const r = again.get('rec-1');
    expect(r).toMatchObject({ running: false, appId: 'com.example.app', sessionId: 'session-1', streams: [EEG, MET] });
    expect(r?.record.endDatetime).toBe(end);
    expect(r?.record.tags).toEqual(['pilot']);
    expect(r?.record.markers?.map((m) => [m.uuid, m.type, m.endDatetime])).toEqual([
      ['m-1', 'instance', isoLocal(T0_S * 1000 + 250)],
      ['m-2', 'interval', isoLocal(T0_S * 1000 + 1400)],
    ]);
    const eeg = again.readStream('rec-1', 'eeg');
    expect(eeg?.rows).toBe(200);
    expect(eeg?.columns).toEqual(EEG.columns);
    for (let row = 0; row < 200; row++) {
      expect(eeg?.timesS[row]).toBe(T0_S + row / 128);
      eegRow(row).forEach((v, c) => expect(eeg?.values[row * EEG.columns.length + c]).toBe(v === null ? NaN : v));
    }
    const met = again.readStream('rec-1', 'met');
    expect(Array.from(met?.values ?? [])).toEqual([1, 0.5, NaN, 0, 0.6, NaN, 1, 0.7, NaN, 0, 0.8, NaN]);
    const chunk = again.readStream('rec-1', 'eeg', { startRow: 190, maxRows: 50 });
    expect(chunk?.rows).toBe(10);
    expect(chunk?.timesS[0]).toBe(T0_S + 190 / 128);
    expect(again.countRows('rec-1', 'eeg')).toBe(200);
    expect(again.readStream('rec-1', 'pow')).toBeUndefined();
    expect(again.readStream('nope', 'eeg')).toBeUndefined();
    await again.close();
  });

  it('reads a running record, buffered rows included', async () => {
    const store = await RecordStore.open(dir);
    const w = store.create(newRecord('rec-live'));
    for (let i = 0; i < 10; i++) w.append('eeg', T0_S + i / 128, eegRow(i));
    expect(store.readStream('rec-live', 'eeg')?.rows).toBe(10);
    expect(store.list()[0]?.running).toBe(true);
    w.stop(isoLocal(Date.now()));
    await store.close();
  });

  it('refuses bad appends, duplicate records and duplicate markers with precise errors', async () => {
    const store = await RecordStore.open(dir);
    expect(() => store.create(newRecord('../escape'))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => store.create(newRecord('dup', [EEG, EEG]))).toThrow("stream 'eeg' is given twice");
    const w = store.create(newRecord('rec-2'));
    expect(() => store.create(newRecord('rec-2'))).toThrow(
      new RecordStoreError('RECORD_EXISTS', 'record rec-2 already exists'),
    );
    expect(() => w.append('pow', T0_S, [1])).toThrow("record rec-2 has no 'pow' stream");
    expect(() => w.append('eeg', T0_S, [1, 2])).toThrow("'eeg' rows of record rec-2 need 9 values, got 2");
    expect(() => w.append('eeg', NaN, eegRow(0))).toThrow('timeS must be a finite number of seconds, got NaN');
    // An eeg frame's trailing MARKERS column is ignored.
    w.append('eeg', T0_S, [...eegRow(0), []]);
    w.addMarker(marker('m', T0_S * 1000));
    expect(() => w.addMarker(marker('m', T0_S * 1000))).toThrow(expect.objectContaining({ code: 'MARKER_EXISTS' }));
    await expect(store.delete('rec-2')).rejects.toMatchObject({ code: 'RECORD_RUNNING' });
    w.stop(isoLocal(Date.now()));
    await store.close();
    expect(() => store.create(newRecord('late'))).toThrow(expect.objectContaining({ code: 'STORE_CLOSED' }));
  });

  it('truncates a torn last row and stops a record left running at its last complete row', async () => {
    const store = await RecordStore.open(dir);
    const w = store.create(newRecord('torn'));
    for (let i = 0; i < 10; i++) w.append('eeg', T0_S + i / 128, eegRow(i));
    w.append('met', T0_S, [true, 0.25, 0.5]);
    // close() flushes but leaves the record running, as a killed process would.
    await store.close();
    const eegFile = path.join(dir, 'records', 'torn', 'eeg.f64');
    fs.appendFileSync(eegFile, Buffer.from([1, 2, 3, 4, 5]));
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'records', 'torn', 'meta.json'), 'utf8')).running).toBe(true);

    const again = await RecordStore.open(dir);
    expect(fs.statSync(eegFile).size).toBe(10 * ROW_BYTES);
    const r = again.get('torn');
    expect(r?.running).toBe(false);
    expect(r?.record.endDatetime).toBe(isoLocal((T0_S + 9 / 128) * 1000));
    expect(again.readStream('torn', 'eeg')?.rows).toBe(10);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'records', 'torn', 'meta.json'), 'utf8')).running).toBe(false);
    await again.close();
  });

  it('stops a record left running without samples at its start', async () => {
    const store = await RecordStore.open(dir);
    store.create(newRecord('empty'));
    await store.close();
    const again = await RecordStore.open(dir);
    expect(again.get('empty')?.record.endDatetime).toBe(isoLocal(T0_S * 1000));
    await again.close();
  });

  it('updates and deletes records durably', async () => {
    const store = await RecordStore.open(dir);
    store.create(newRecord('keep')).stop(isoLocal(T0_S * 1000 + 1000));
    store.create(newRecord('drop')).stop(isoLocal(T0_S * 1000 + 1000));
    const before = Date.now();
    const u = store.update('keep', { title: 'Renamed', description: 'eyes closed', tags: ['a', 'b'] });
    expect(u.record).toMatchObject({ title: 'Renamed', description: 'eyes closed', tags: ['a', 'b'] });
    expect(parseIso(u.record.modifiedDatetime as string)).toBeGreaterThanOrEqual(before);
    expect(() => store.update('nope', { title: 'x' })).toThrow(expect.objectContaining({ code: 'RECORD_NOT_FOUND' }));
    await store.delete('drop');
    expect(store.get('drop')).toBeUndefined();
    expect(fs.existsSync(path.join(dir, 'records', 'drop'))).toBe(false);
    await expect(store.delete('drop')).rejects.toMatchObject({ code: 'RECORD_NOT_FOUND' });
    await store.close();

    fs.mkdirSync(path.join(dir, 'records', 'half-created'));
    const again = await RecordStore.open(dir);
    expect(again.list().map((r) => [r.record.uuid, r.record.title, r.record.tags])).toEqual([
      ['keep', 'Renamed', ['a', 'b']],
    ]);
    expect(again.quarantined.map((q) => q.recordId)).toEqual(['half-created']);
    await again.close();
  });

  it('recovers a record whose writer was killed with SIGKILL, losing at most about a second', async () => {
    const child = fork(path.join(__dirname, '..', '..', 'support', 'recordStoreCrashChild.js'), [dir, 'crashed'], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const ready = await new Promise<{ t0S: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { t0S: number }));
      child.once('exit', (code) => reject(new Error(`crash child exited early with code ${code}`)));
    });
    await sleep(2500);
    const killS = Date.now() / 1000;
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const store = await RecordStore.open(dir);
    const r = store.get('crashed');
    expect(r?.running).toBe(false);
    const endS = parseIso(r?.record.endDatetime as string) / 1000;
    const eeg = store.readStream('crashed', 'eeg');
    const lastS = eeg?.timesS[(eeg?.rows ?? 0) - 1] as number;
    expect(endS).toBeCloseTo(lastS, 5);
    // The store flushes every second: the data ends within a second of the kill (plus timer and scheduling slack).
    expect(killS - endS).toBeLessThan(1.3);
    expect(endS).toBeLessThanOrEqual(killS);
    expect(endS - ready.t0S).toBeGreaterThan(1);
    // Rows are whole and in order; the marker added at the start was persisted by a flush.
    for (let k = 1; k < (eeg?.rows ?? 0); k++) expect(eeg?.timesS[k]).toBeGreaterThan(eeg?.timesS[k - 1] as number);
    expect(r?.record.markers?.map((m) => m.label)).toEqual(['early']);

    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const { files } = exportRecord(store, 'crashed', { folder: out, format: 'EDFPLUS', streamTypes: ['EEG'] });
    const edf = readEdf(fs.readFileSync(files[0] as string));
    expect(edf.recordCount).toBe(Math.ceil((eeg?.rows ?? 0) / 128));
    expect(edf.annotations.map((a) => a.texts)).toEqual([['early=7']]);
    await store.close();
  });
});
