import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Marker } from '../../../src/protocol';
import { exportRecord } from '../../../src/simulator/export/exportRecord';
import { MAX_ANNOTATION_TEXT_BYTES, truncateAnnotationText } from '../../../src/simulator/export/planAnnotationRecords';
import { isoLocal } from '../../../src/simulator/isoTime';
import { RecordStore } from '../../../src/simulator/store/recordStore';
import { readEdf } from '../../support/edfReader';

// Issue 13 §4: ten 250 KB marker labels made a 74 MB EDF+ from 2.7 MB of data, the annotation signal being sized
// for the largest marker in every data record. Texts are now cut to 256 bytes and the TALs spread over the records.

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(__dirname, '..', '..', '..', 'scripts', 'check_edf_mne.py');
const mneAvailable = spawnSync(PYTHON, ['-c', 'import mne'], { encoding: 'utf8' }).status === 0;
const itWithMne = mneAvailable ? it : it.skip;
const MNE_SUFFIX = mneAvailable ? '' : ` [skipped: ${PYTHON} cannot import mne]`;

const SENSORS = ['AF3', 'T7', 'Pz', 'T8', 'AF4'];
const T0_S = 1714620001.529;
const SECONDS = 60;
const RATE_HZ = 128;
const ID = 'long-labels';
const LABEL_BYTES = 250_000;
/** Ten markers at 5, 10, ... 50 s, each with a 250 KB label. */
const LONG = Array.from({ length: 10 }, (_, k) => ({ atS: 5 * (k + 1), label: `L${k}_${'x'.repeat(LABEL_BYTES)}` }));
/** A burst at the very end: 200 markers in the last half second, more than one data record holds. */
const BURST = Array.from({ length: 200 }, (_, k) => ({ atS: SECONDS - 0.5 + k / 400, label: `end_${k}` }));

let dir: string;
let edfFile: string;
let jsonFile: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-rx-edf-annotations-'));
  const store = await RecordStore.open(path.join(dir, 'data'));
  const w = store.create({
    record: { uuid: ID, title: 'Long labels', startDatetime: isoLocal(T0_S * 1000) },
    appId: 'a',
    sessionId: 's',
    headset: { id: 'INSIGHT-1', sensors: SENSORS },
    streams: [
      {
        stream: 'eeg',
        columns: ['COUNTER', 'INTERPOLATED', ...SENSORS, 'RAW_CQ', 'MARKER_HARDWARE'],
        sampleRateHz: RATE_HZ,
      },
    ],
  });
  for (let i = 0; i < SECONDS * RATE_HZ; i++) {
    w.append('eeg', T0_S + i / RATE_HZ, [
      i % RATE_HZ,
      0,
      ...SENSORS.map((_, s) => 4200 + 50 * Math.sin(i / 9 + s)),
      0,
      0,
    ]);
  }
  [...LONG, ...BURST].forEach(({ atS, label }, k) => {
    const at = isoLocal((T0_S + atS) * 1000);
    const marker: Marker = { uuid: `m${k}`, type: 'instance', value: '', label, port: 'p', startDatetime: at };
    w.addMarker({ ...marker, endDatetime: at });
  });
  w.stop(isoLocal((T0_S + SECONDS) * 1000));
  [edfFile, jsonFile] = exportRecord(store, ID, { folder: dir, format: 'EDFPLUS', streamTypes: ['EEG'] }).files as [
    string,
    string,
  ];
  await store.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The text a long label becomes: 253 bytes of it, then `...`. */
const cut = (label: string) => `${label.slice(0, MAX_ANNOTATION_TEXT_BYTES - 3)}...`;

describe('EDF+ annotations: sized by what the data records need', () => {
  it('ten 250 KB labels: the file grows with the data, not with the longest label; texts cut to 256 bytes, whole labels in the markers JSON', () => {
    const edf = readEdf(fs.readFileSync(edfFile));
    const dataBytes = SECONDS * RATE_HZ * SENSORS.length * 2;
    const size = fs.statSync(edfFile).size;
    // Sized for the largest label, every one of the 60 data records would carry 250 KB: 15 MB.
    expect(size).toBeLessThan(1.5 * dataBytes);
    expect(2 * edf.signals.at(-1)!.samplesPerRecord).toBeLessThan(MAX_ANNOTATION_TEXT_BYTES + 64);
    console.log(`EDF+ of ${SECONDS} s × ${SENSORS.length} channels with ten 250 KB labels: ${size} bytes`);

    expect(edf.annotations.map((a) => a.texts[0])).toEqual([
      ...LONG.map((l) => cut(l.label)),
      ...BURST.map((b) => b.label),
    ]);
    for (const a of edf.annotations) expect(Buffer.byteLength(a.texts[0]!, 'utf8')).toBeLessThanOrEqual(256);
    [...LONG, ...BURST].forEach(({ atS }, k) =>
      expect(edf.annotations[k]?.onsetS).toBeCloseTo(T0_S + atS - Math.floor(T0_S), 6),
    );
    const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as { markers: { label: string }[] };
    expect(json.markers.slice(0, 10).map((m) => m.label)).toEqual(LONG.map((l) => l.label));
  });

  itWithMne(`MNE reads every annotation, the burst at the end included, at its onset${MNE_SUFFIX}`, () => {
    const run = spawnSync(PYTHON, [SCRIPT, edfFile, '--expect-annotations', String(LONG.length + BURST.length)], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const report = JSON.parse(run.stdout) as { annotations: { onset: number; description: string }[] };
    // MNE's onsets are relative to the first sample.
    expect(report.annotations).toEqual(
      [...LONG.map((l) => ({ ...l, label: cut(l.label) })), ...BURST].map(({ atS, label }) => ({
        onset: expect.closeTo(atS, 6),
        duration: 0,
        description: label,
      })),
    );
  });

  it('cuts a text at a character boundary: at most 256 UTF-8 bytes, ending in ...; shorter texts unchanged', () => {
    const text = '\u00e9\u{1F600}'.repeat(100); // 2 + 4 bytes per pair
    const out = truncateAnnotationText(text);
    expect(Buffer.byteLength(out, 'utf8')).toBeLessThanOrEqual(MAX_ANNOTATION_TEXT_BYTES);
    expect(Buffer.byteLength(out, 'utf8')).toBeGreaterThan(MAX_ANNOTATION_TEXT_BYTES - 7);
    expect(out.endsWith('...')).toBe(true);
    expect(text.startsWith(out.slice(0, -3))).toBe(true);
    expect(out).not.toContain('\ufffd');
    const exact = 'y'.repeat(MAX_ANNOTATION_TEXT_BYTES);
    expect(truncateAnnotationText(exact)).toBe(exact);
  });
});
