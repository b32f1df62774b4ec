import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Marker } from '../../../src/protocol';
import { isoLocal } from '../../../src/simulator/isoTime';
import { RecordStore } from '../../../src/simulator/store/recordStore';
import type { NewRecord, StreamLayout } from '../../../src/simulator/store/storeTypes';
import { until } from '../../support/rawClient';

const SENSORS = ['AF3', 'T7', 'Pz', 'T8', 'AF4'];
const EEG: StreamLayout = {
  stream: 'eeg',
  columns: ['COUNTER', 'INTERPOLATED', ...SENSORS, 'RAW_CQ', 'MARKER_HARDWARE'],
  sampleRateHz: 128,
};
const T0_MS = 1714620001529;

const newRecord = (uuid: string): NewRecord => ({
  record: { uuid, title: `Run ${uuid}`, startDatetime: isoLocal(T0_MS) },
  appId: 'com.example.app',
  sessionId: 'session-1',
  headset: { id: 'INSIGHT-TEST', sensors: SENSORS },
  streams: [EEG],
});

const marker = (uuid: string, atMs: number, label = 'stim'): Marker => ({
  uuid,
  type: 'instance',
  value: 1,
  label,
  port: 'test',
  startDatetime: isoLocal(atMs),
  endDatetime: isoLocal(atMs),
  extras: {},
});

const lines = (file: string): string[] =>
  fs.existsSync(file)
    ? fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
    : [];

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-rx-markerlog-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('markers are stored append-only (issue 13 §3)', () => {
  it('a flush appends the new markers to markers.jsonl and leaves meta.json alone, however many the record holds', async () => {
    const store = await RecordStore.open(dir, { flushIntervalMs: 20 });
    const writer = store.create(newRecord('flood'));
    const recordDir = path.join(dir, 'records', 'flood');
    const meta = path.join(recordDir, 'meta.json');
    const log = path.join(recordDir, 'markers.jsonl');
    const metaBefore = fs.statSync(meta);
    for (let round = 1; round <= 3; round++) {
      for (let i = 0; i < 2000; i++) writer.addMarker(marker(`m-${round}-${i}`, T0_MS + round * 10_000 + i));
      await until(() => lines(log).length === round * 2000, `${round * 2000} markers in markers.jsonl`);
    }
    // meta.json was never replaced (a rename gives a new inode) and holds no marker.
    const metaAfter = fs.statSync(meta);
    expect([metaAfter.ino, metaAfter.size]).toEqual([metaBefore.ino, metaBefore.size]);
    expect(JSON.parse(fs.readFileSync(meta, 'utf8')).record.markers).toBeUndefined();
    writer.stop(isoLocal(T0_MS + 60_000));
    await store.close();

    const again = await RecordStore.open(dir);
    const uuids = again.get('flood')?.record.markers?.map((m) => m.uuid) ?? [];
    expect(uuids).toHaveLength(6000);
    expect(new Set(uuids).size).toBe(6000);
    expect(uuids.slice(0, 2)).toEqual(['m-1-0', 'm-1-1']);
    expect(uuids[5999]).toBe('m-3-1999');
    await again.close();
  });

  it('an update appends the marker again; reading back gives its last state in the order markers were added; a torn last line is ignored', async () => {
    const store = await RecordStore.open(dir, { flushIntervalMs: 20 });
    const writer = store.create(newRecord('upd'));
    writer.addMarker(marker('a', T0_MS + 100, 'first'));
    writer.addMarker(marker('b', T0_MS + 200, 'second'));
    writer.updateMarker('a', { type: 'interval', endDatetime: isoLocal(T0_MS + 900) });
    const log = path.join(dir, 'records', 'upd', 'markers.jsonl');
    await until(() => lines(log).length === 3, 'three lines in markers.jsonl');
    expect(lines(log).map((l) => (JSON.parse(l) as Marker).uuid)).toEqual(['a', 'b', 'a']);
    await store.close(); // leaves the record running, as a kill would
    fs.appendFileSync(log, '{"uuid":"c","type":"inst'); // a write cut by the crash

    const again = await RecordStore.open(dir);
    const markers = again.get('upd')?.record.markers ?? [];
    expect(markers.map((m) => [m.uuid, m.type, m.endDatetime])).toEqual([
      ['a', 'interval', isoLocal(T0_MS + 900)],
      ['b', 'instance', isoLocal(T0_MS + 200)],
    ]);
    expect(again.get('upd')?.running).toBe(false);
    await again.close();
  });

  it('a version 1 record (markers in meta.json) still loads with its markers, and keeps them when its meta is rewritten', async () => {
    const recordDir = path.join(dir, 'records', 'old');
    fs.mkdirSync(recordDir, { recursive: true });
    const v1 = {
      format: 'cortex-rx-record',
      version: 1,
      record: { uuid: 'old', title: 'old', startDatetime: isoLocal(T0_MS), markers: [marker('m-old', T0_MS + 5)] },
      appId: 'com.example.app',
      sessionId: 's',
      headset: { id: 'INSIGHT-TEST', sensors: SENSORS },
      streams: [EEG],
      running: false,
    };
    fs.writeFileSync(path.join(recordDir, 'meta.json'), JSON.stringify(v1));
    const store = await RecordStore.open(dir);
    expect(store.get('old')?.record.markers?.map((m) => m.uuid)).toEqual(['m-old']);
    store.update('old', { title: 'renamed' });
    await store.close();
    const again = await RecordStore.open(dir);
    expect(again.get('old')?.record).toMatchObject({ title: 'renamed', markers: [{ uuid: 'm-old' }] });
    await again.close();
  });
});
