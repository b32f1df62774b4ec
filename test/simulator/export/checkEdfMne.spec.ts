import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { exportRecord } from '../../../src/simulator/export/exportRecord';
import { isoLocal } from '../../../src/simulator/isoTime';
import { RecordStore } from '../../../src/simulator/store/recordStore';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(__dirname, '..', '..', '..', 'scripts', 'check_edf_mne.py');
const probe = spawnSync(PYTHON, ['-c', 'import mne'], { encoding: 'utf8' });
const mneAvailable = probe.status === 0;
const why = probe.error ? probe.error.message : (probe.stderr ?? '').trim().split('\n').pop();
// Jest prints no reason for a skip: the test name carries it.
const itWithMne = mneAvailable ? it : it.skip;
const SUFFIX = mneAvailable ? '' : ` [skipped: ${PYTHON} cannot import mne (${why}); apt-get install -y python3-mne]`;
// Nor does it always print skipped tests' names: say it out loud.
if (!mneAvailable) console.warn(`checkEdfMne.spec.ts:${SUFFIX}`);

const SENSORS = ['AF3', 'T7', 'Pz', 'T8', 'AF4'];
const MOTION = ['Q0', 'Q1', 'Q2', 'Q3', 'ACCX', 'ACCY', 'ACCZ', 'MAGX', 'MAGY', 'MAGZ'];
const T0_S = 1714620001.529;

interface MneReport {
  ch_names: string[];
  ch_types: string[];
  sfreq: number;
  duration_s: number;
  annotations: { onset: number; duration: number; description: string }[];
  problems: string[];
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-rx-mne-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function exportDemo(format: 'EDFPLUS' | 'BDFPLUS'): Promise<string> {
  const store = await RecordStore.open(path.join(dir, `data-${format}`));
  const w = store.create({
    record: { uuid: 'mne-check', title: 'MNE check', startDatetime: isoLocal(T0_S * 1000) },
    appId: 'a',
    sessionId: 's',
    headset: { id: 'INSIGHT-1', sensors: SENSORS },
    streams: [
      {
        stream: 'eeg',
        columns: ['COUNTER', 'INTERPOLATED', ...SENSORS, 'RAW_CQ', 'MARKER_HARDWARE'],
        sampleRateHz: 128,
      },
      { stream: 'mot', columns: ['COUNTER_MEMS', 'INTERPOLATED_MEMS', ...MOTION], sampleRateHz: 64 },
    ],
  });
  for (let i = 0; i < 422; i++) {
    w.append('eeg', T0_S + i / 128, [
      i % 128,
      0,
      ...SENSORS.map((_, s) => 4200 + 60 * Math.sin((2 * Math.PI * (5 + s) * i) / 128)),
      0,
      0,
    ]);
  }
  for (let i = 0; i < 211; i++)
    w.append('mot', T0_S + i / 64, [i % 64, 0, ...MOTION.map((_, c) => Math.sin(i / 20 + c))]);
  const at = (s: number) => isoLocal((T0_S + s) * 1000);
  w.addMarker({
    uuid: 'm1',
    type: 'instance',
    value: 42,
    label: 'stim_on',
    port: 'p',
    startDatetime: at(0.25),
    endDatetime: at(0.25),
  });
  w.addMarker({
    uuid: 'm2',
    type: 'instance',
    value: 'x',
    label: 'block',
    port: 'p',
    startDatetime: at(1.1),
    endDatetime: at(1.1),
  });
  w.updateMarker('m2', { type: 'interval', endDatetime: at(1.6) });
  w.stop(at(3.3));
  const { files } = exportRecord(store, 'mne-check', { folder: dir, format, streamTypes: ['EEG', 'MOTION'] });
  await store.close();
  return files[0] as string;
}

function runScript(file: string): MneReport {
  const run = spawnSync(
    PYTHON,
    [
      SCRIPT,
      file,
      '--expect-channels',
      '15',
      '--expect-sfreq',
      '128',
      '--expect-annotations',
      '2',
      '--expect-duration',
      '4',
    ],
    {
      encoding: 'utf8',
      timeout: 25_000,
    },
  );
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  return JSON.parse(run.stdout) as MneReport;
}

describe('scripts/check_edf_mne.py', () => {
  itWithMne(`MNE reads our EDF+ and BDF+ exports: channels, rate, duration, annotations${SUFFIX}`, async () => {
    for (const format of ['EDFPLUS', 'BDFPLUS'] as const) {
      const report = runScript(await exportDemo(format));
      expect(report.ch_names).toEqual([...SENSORS, ...MOTION]);
      expect(report.ch_types).toEqual([...SENSORS.map(() => 'eeg'), ...MOTION.map(() => 'misc')]);
      expect(report.sfreq).toBe(128);
      expect(report.duration_s).toBe(4);
      // MNE subtracts the first record's +0.529 offset: onsets are relative to the first sample.
      expect(report.annotations).toEqual([
        { onset: 0.25, duration: 0, description: 'stim_on=42' },
        { onset: 1.1, duration: 0.5, description: 'block=x' },
      ]);
      expect(report.problems).toEqual([]);
    }
  });
});
