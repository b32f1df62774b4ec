/** Shared by the exportRecord specs: a record of known rows and markers in a fresh store. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Marker } from '../../../src/protocol';
import { isoLocal } from '../../../src/simulator/isoTime';
import { RecordStore } from '../../../src/simulator/store/recordStore';
import type { StreamLayout } from '../../../src/simulator/store/storeTypes';
import type { EdfFile } from '../../support/edfReader';

export const SENSORS = ['AF3', 'T7', 'Pz', 'T8', 'AF4'];
export const MOTION = ['Q0', 'Q1', 'Q2', 'Q3', 'ACCX', 'ACCY', 'ACCZ', 'MAGX', 'MAGY', 'MAGZ'];
export const LAYOUTS: StreamLayout[] = [
  { stream: 'eeg', columns: ['COUNTER', 'INTERPOLATED', ...SENSORS, 'RAW_CQ', 'MARKER_HARDWARE'], sampleRateHz: 128 },
  { stream: 'mot', columns: ['COUNTER_MEMS', 'INTERPOLATED_MEMS', ...MOTION], sampleRateHz: 64 },
  { stream: 'met', columns: ['eng.isActive', 'eng', 'foc'], sampleRateHz: 2 },
  { stream: 'pow', columns: SENSORS.flatMap((s) => [`${s}/theta`, `${s}/alpha`]), sampleRateHz: 8 },
];
/** The first sample: a fraction of a second into its second, so the EDF+ start offset is exercised. */
export const T0_S = 1714620001.529;
export const DURATION_S = 3.3;
export const EEG_ROWS = Math.round(DURATION_S * 128); // 422: the fourth 1-s data record is padded
export const MOT_ROWS = Math.round(DURATION_S * 64);
export const NAN_ROW = 7;
export const ID = '6c1f3a52-0d4e-4b8a-9c57-3f1e2d4b5a69';

export const eegValue = (i: number, s: number) =>
  4200 + 60 * Math.sin((2 * Math.PI * (5 + s) * i) / 128) + 3 * Math.cos(i / 7);
export const motValue = (i: number, c: number) =>
  c < 4 ? Math.sin(i / 20 + c) : c < 7 ? 0.01 * c * Math.cos(i / 9) : -40 + c * Math.sin(i / 11);

export const MARKERS: Marker[] = [
  { uuid: 'm-1', type: 'instance', value: 42, label: 'stim_on', port: 'python_app', startDatetime: '', extras: {} },
  { uuid: 'm-2', type: 'interval', value: 'x', label: 'block, "A"', port: 'Software', startDatetime: '', extras: {} },
  { uuid: 'm-3', type: 'instance', value: '', label: 'end', port: 'Software', startDatetime: '', extras: {} },
];
export const MARKER_TIMES_S: [number, number][] = [
  [T0_S + 0.25, T0_S + 0.25],
  [T0_S + 1.1, T0_S + 1.6],
  [T0_S + 2.9, T0_S + 2.9],
];

/** A stopped record with eeg, mot, met and pow rows and three markers. */
function makeRecord(store: RecordStore, id = ID, extraMarkers: readonly Marker[] = []): void {
  const w = store.create({
    record: {
      uuid: id,
      title: 'Run 1: eyes closed',
      startDatetime: isoLocal(T0_S * 1000),
      subject: { subjectName: 'jon snow' },
    },
    appId: 'com.example.app',
    sessionId: 'session-1',
    headset: { id: 'INSIGHT-A1B2C3D4', sensors: SENSORS },
    streams: LAYOUTS,
  });
  for (let i = 0; i < EEG_ROWS; i++) {
    const sensors = SENSORS.map((_, s) => (i === NAN_ROW && s === 0 ? null : eegValue(i, s)));
    w.append('eeg', T0_S + i / 128, [i % 128, 0, ...sensors, 0, 0]);
  }
  for (let i = 0; i < MOT_ROWS; i++)
    w.append('mot', T0_S + i / 64, [i % 64, 0, ...MOTION.map((_, c) => motValue(i, c))]);
  for (let i = 0; i < 7; i++) w.append('met', T0_S + i / 2, [true, i / 10, null]);
  for (let i = 0; i < 26; i++)
    w.append(
      'pow',
      T0_S + i / 8,
      SENSORS.flatMap((_, s) => [i + s, 0.5 * i]),
    );
  MARKERS.forEach((m, k) => {
    const [start, end] = MARKER_TIMES_S[k] as [number, number];
    w.addMarker({ ...m, startDatetime: isoLocal(start * 1000), endDatetime: isoLocal(start * 1000) });
    if (m.type === 'interval') w.updateMarker(m.uuid, { endDatetime: isoLocal(end * 1000) });
  });
  for (const m of extraMarkers) w.addMarker(m);
  w.stop(isoLocal((T0_S + DURATION_S) * 1000));
}

/** RFC 4180 records of a CSV text. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field).toBe(''); // every record ends with CRLF
  return rows;
}

/** The export tests' world: a fresh store and output folder per test, the record maker and column reader on it. */
export interface ExportFixture {
  readonly dir: string;
  readonly out: string;
  readonly store: RecordStore;
  /** A stopped record with eeg, mot, met and pow rows and three markers. */
  makeRecord(id?: string, extraMarkers?: readonly Marker[]): void;
  /** Stored values of a stream's column, NaN for missing. */
  storedColumn(stream: 'eeg' | 'mot', column: string): Float64Array;
}

/** Registers beforeEach/afterEach that make and remove the fixture's folder and store. */
export function useExportFixture(): ExportFixture {
  let dir = '';
  let out = '';
  let store: RecordStore | undefined;
  const opened = (): RecordStore => {
    if (!store) throw new Error('the export fixture is used outside a test');
    return store;
  };
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-rx-export-'));
    out = path.join(dir, 'out');
    fs.mkdirSync(out);
    store = await RecordStore.open(path.join(dir, 'data'));
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get dir() {
      return dir;
    },
    get out() {
      return out;
    },
    get store() {
      return opened();
    },
    makeRecord: (id, extraMarkers) => makeRecord(opened(), id, extraMarkers),
    storedColumn: (stream, column) => storedColumn(opened(), stream, column),
  };
}

/** Stored values of a stream's column, NaN for missing. */
function storedColumn(store: RecordStore, stream: 'eeg' | 'mot', column: string): Float64Array {
  const s = store.readStream(ID, stream);
  const c = s?.columns.indexOf(column) ?? -1;
  const out = new Float64Array(s?.rows ?? 0);
  for (let r = 0; r < out.length; r++) out[r] = s?.values[r * (s?.columns.length ?? 0) + c] as number;
  return out;
}

/** Every stored sample within one quantisation step; missing → the digital minimum; padding repeats the last value. */
export function expectSignalMatches(edf: EdfFile, label: string, stored: Float64Array, samplesPerSecond: number): void {
  const i = edf.signals.findIndex((s) => s.label === label);
  expect(i).toBeGreaterThanOrEqual(0);
  const sig = edf.signals[i]!;
  expect(sig.samplesPerRecord / edf.recordDurationS).toBe(samplesPerSecond);
  const phys = edf.physical[i]!;
  const dig = edf.digital[i]!;
  expect(phys.length).toBe(edf.recordCount * sig.samplesPerRecord);
  const step = (sig.physicalMax - sig.physicalMin) / (sig.digitalMax - sig.digitalMin);
  let worst = 0;
  for (let r = 0; r < phys.length; r++) {
    const want = r < stored.length ? stored[r]! : stored[stored.length - 1]!;
    if (Number.isNaN(want)) expect(dig[r]).toBe(sig.digitalMin);
    else {
      worst = Math.max(worst, Math.abs(phys[r]! - want));
      expect(dig[r]).toBeGreaterThan(sig.digitalMin);
    }
  }
  expect(worst).toBeLessThanOrEqual(step);
}
