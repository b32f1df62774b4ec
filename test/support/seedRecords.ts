import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { META_FORMAT, META_VERSION } from '../../src/simulator/store/recordFiles';

/**
 * Writes `count` stopped records of `appId` straight into a data dir's `records/` (meta.json, markers.jsonl and an
 * empty eeg.f64 each), each with `markersPerRecord` markers: thousands of records in a second or two, where createRecord RPCs or
 * the store's fsynced creates would take minutes. The simulator loads them at start.
 * @returns the record ids, in the order written
 */
export function seedRecordFiles(
  dataDir: string,
  opts: { appId: string; count: number; markersPerRecord: number },
): string[] {
  const recordsDir = join(dataDir, 'records');
  mkdirSync(recordsDir, { recursive: true });
  const at = '2024-05-02T10:20:01.000000+07:00';
  const markers = Array.from({ length: opts.markersPerRecord }, (_, j) => ({
    uuid: `marker-${j}`,
    type: 'instance',
    value: j,
    label: 'stim_on',
    port: 'seed',
    startDatetime: at,
    endDatetime: at,
    extras: {},
  }));
  // From meta version 2 the markers are in the record's append-only log, one JSON line each.
  const markerLog = markers.map((m) => `${JSON.stringify(m)}\n`).join('');
  const template = JSON.stringify({
    format: META_FORMAT,
    version: META_VERSION,
    record: {
      uuid: '@UUID@',
      title: 'Seeded @N@',
      description: '',
      tags: [],
      experimentId: 0,
      startDatetime: '2024-05-02T10:20:00.000000+07:00',
      endDatetime: '2024-05-02T10:21:00.000000+07:00',
      modifiedDatetime: '2024-05-02T10:21:00.000000+07:00',
      applicationId: opts.appId,
      subject: { subjectName: 'seed' },
    },
    appId: opts.appId,
    sessionId: 'seeded-session',
    headset: { id: 'INSIGHT-SEED', sensors: ['AF3'] },
    streams: [{ stream: 'eeg', columns: ['COUNTER', 'AF3'], sampleRateHz: 128 }],
    running: false,
  });
  const ids: string[] = [];
  for (let i = 0; i < opts.count; i++) {
    const uuid = `seed-${opts.appId}-${String(i).padStart(6, '0')}`;
    const dir = join(recordsDir, uuid);
    mkdirSync(dir);
    writeFileSync(join(dir, 'meta.json'), template.replace('@UUID@', uuid).replace('@N@', String(i)));
    writeFileSync(join(dir, 'eeg.f64'), '');
    writeFileSync(join(dir, 'markers.jsonl'), markerLog);
    ids.push(uuid);
  }
  return ids;
}
