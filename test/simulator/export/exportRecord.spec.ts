import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Marker } from '../../../src/protocol';
import { ExportError } from '../../../src/simulator/export/exportError';
import { exportRecord } from '../../../src/simulator/export/exportRecord';
import { isoLocal, parseIso } from '../../../src/simulator/isoTime';
import { RecordStore } from '../../../src/simulator/store/recordStore';
import type { StreamLayout } from '../../../src/simulator/store/storeTypes';
import { readEdf, type EdfFile } from '../../support/edfReader';

const SENSORS = ['AF3', 'T7', 'Pz', 'T8', 'AF4'];
const MOTION = ['Q0', 'Q1', 'Q2', 'Q3', 'ACCX', 'ACCY', 'ACCZ', 'MAGX', 'MAGY', 'MAGZ'];
const LAYOUTS: StreamLayout[] = [
  { stream: 'eeg', columns: ['COUNTER', 'INTERPOLATED', ...SENSORS, 'RAW_CQ', 'MARKER_HARDWARE'], sampleRateHz: 128 },
  { stream: 'mot', columns: ['COUNTER_MEMS', 'INTERPOLATED_MEMS', ...MOTION], sampleRateHz: 64 },
  { stream: 'met', columns: ['eng.isActive', 'eng', 'foc'], sampleRateHz: 2 },
  { stream: 'pow', columns: SENSORS.flatMap((s) => [`${s}/theta`, `${s}/alpha`]), sampleRateHz: 8 },
];
/** The first sample: a fraction of a second into its second, so the EDF+ start offset is exercised. */
const T0_S = 1714620001.529;
const DURATION_S = 3.3;
const EEG_ROWS = Math.round(DURATION_S * 128); // 422: the fourth 1-s data record is padded
const MOT_ROWS = Math.round(DURATION_S * 64);
const NAN_ROW = 7;
const ID = '6c1f3a52-0d4e-4b8a-9c57-3f1e2d4b5a69';

const eegValue = (i: number, s: number) =>
  4200 + 60 * Math.sin((2 * Math.PI * (5 + s) * i) / 128) + 3 * Math.cos(i / 7);
const motValue = (i: number, c: number) =>
  c < 4 ? Math.sin(i / 20 + c) : c < 7 ? 0.01 * c * Math.cos(i / 9) : -40 + c * Math.sin(i / 11);

const MARKERS: Marker[] = [
  { uuid: 'm-1', type: 'instance', value: 42, label: 'stim_on', port: 'python_app', startDatetime: '', extras: {} },
  { uuid: 'm-2', type: 'interval', value: 'x', label: 'block, "A"', port: 'Software', startDatetime: '', extras: {} },
  { uuid: 'm-3', type: 'instance', value: '', label: 'end', port: 'Software', startDatetime: '', extras: {} },
];
const MARKER_TIMES_S: [number, number][] = [
  [T0_S + 0.25, T0_S + 0.25],
  [T0_S + 1.1, T0_S + 1.6],
  [T0_S + 2.9, T0_S + 2.9],
];

let dir: string;
let out: string;
let store: RecordStore;

/** A stopped record with eeg, mot, met and pow rows and three markers. */
function makeRecord(id = ID, extraMarkers: readonly Marker[] = []): void {
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
function parseCsv(text: string): string[][] {
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

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cortex-rx-export-'));
  out = path.join(dir, 'out');
  fs.mkdirSync(out);
  store = await RecordStore.open(path.join(dir, 'data'));
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('exportRecord: refusals', () => {
  it('refuses with Cortex-like codes and precise messages, writing nothing', () => {
    makeRecord();
    const running = store.create({
      record: { uuid: 'running', title: 't', startDatetime: isoLocal(T0_S * 1000) },
      appId: 'a',
      sessionId: 's',
      headset: { id: 'h', sensors: SENSORS },
      streams: LAYOUTS,
    });
    const attempt = (recordId: string, config: Parameters<typeof exportRecord>[2]) => {
      try {
        exportRecord(store, recordId, config);
      } catch (e) {
        expect(e).toBeInstanceOf(ExportError);
        const { code, reason, message } = e as ExportError;
        return { code, reason, message };
      }
      throw new Error('export did not throw');
    };
    expect(attempt('nope', { folder: out, format: 'CSV', streamTypes: ['EEG'] })).toEqual({
      code: -32047,
      reason: 'RECORD_NOT_FOUND',
      message: 'Record nope does not exist.',
    });
    expect(attempt('running', { folder: out, format: 'CSV', streamTypes: ['EEG'] })).toMatchObject({
      code: -32017,
      reason: 'RECORD_RUNNING',
    });
    expect(attempt(ID, { folder: path.join(dir, 'missing'), format: 'CSV', streamTypes: ['EEG'] })).toMatchObject({
      code: -32602,
      reason: 'FOLDER_NOT_FOUND',
      message: expect.stringContaining("'folder' must be an existing directory"),
    });
    expect(attempt(ID, { folder: out, format: 'EDFPLUS', streamTypes: ['PM', 'BP'] })).toEqual({
      code: -32602,
      reason: 'UNSUPPORTED',
      message: 'Invalid Parameters: format EDFPLUS exports only EEG and MOTION, got PM, BP.',
    });
    expect(attempt(ID, { folder: out, format: 'CSV', streamTypes: [] })).toMatchObject({ reason: 'UNSUPPORTED' });
    expect(attempt(ID, { folder: out, format: 'XLS' as 'CSV', streamTypes: ['EEG'] })).toMatchObject({
      reason: 'UNSUPPORTED',
    });
    expect(fs.readdirSync(out)).toEqual([]);
    running.stop(isoLocal(Date.now()));
  });

  it('refuses a stream the record does not store', () => {
    store
      .create({
        record: { uuid: 'eeg-only', title: 't', startDatetime: isoLocal(T0_S * 1000) },
        appId: 'a',
        sessionId: 's',
        headset: { id: 'h', sensors: SENSORS },
        streams: [LAYOUTS[0] as StreamLayout],
      })
      .stop(isoLocal(T0_S * 1000));
    expect(() => exportRecord(store, 'eeg-only', { folder: out, format: 'CSV', streamTypes: ['PM'] })).toThrow(
      "Invalid Parameters: record eeg-only has no 'met' stream to export as PM.",
    );
    expect(() => exportRecord(store, 'eeg-only', { folder: out, format: 'EDFPLUS', streamTypes: ['EEG'] })).toThrow(
      'Invalid Parameters: record eeg-only has no eeg samples to export.',
    );
  });
});

describe('exportRecord: CSV', () => {
  it('writes every stored row at full precision, and the markers', () => {
    makeRecord();
    const { files } = exportRecord(store, ID, {
      folder: out,
      format: 'CSV',
      streamTypes: ['EEG', 'MOTION', 'PM', 'BP'],
    });
    const stem = path.join(out, `Run_1_eyes_closed_${ID}`);
    expect(files).toEqual(['EEG', 'MOTION', 'PM', 'BP', 'markers'].map((t) => `${stem}_${t}.csv`));

    for (const [type, stream] of [
      ['EEG', 'eeg'],
      ['MOTION', 'mot'],
      ['PM', 'met'],
      ['BP', 'pow'],
    ] as const) {
      const rows = parseCsv(fs.readFileSync(`${stem}_${type}.csv`, 'utf8'));
      const stored = store.readStream(ID, stream);
      expect(rows[0]).toEqual(['Timestamp', ...(stored?.columns ?? [])]);
      expect(rows.length - 1).toBe(stored?.rows);
      rows.slice(1).forEach((fields, r) => {
        expect(fields[0]).toBe(stored?.timesS[r]?.toFixed(6));
        fields.slice(1).forEach((f, c) => {
          const v = stored?.values[r * (stored?.columns.length ?? 0) + c] as number;
          // Shortest round-trip: parsing the text gives back the stored double exactly; NaN is an empty field.
          if (Number.isNaN(v)) expect(f).toBe('');
          else expect(Number(f)).toBe(v);
        });
      });
    }
    const eegLines = fs.readFileSync(`${stem}_EEG.csv`, 'utf8').split('\r\n');
    expect(eegLines[1 + NAN_ROW]?.split(',')[3]).toBe('');

    const markers = parseCsv(fs.readFileSync(`${stem}_markers.csv`, 'utf8'));
    expect(markers[0]).toEqual([
      'uuid',
      'type',
      'label',
      'value',
      'port',
      'startTimeS',
      'endTimeS',
      'startDatetime',
      'endDatetime',
    ]);
    expect(markers.slice(1)).toEqual(
      MARKERS.map((m, k) => {
        const [start, end] = MARKER_TIMES_S[k] as [number, number];
        return [
          m.uuid,
          m.type,
          m.label,
          String(m.value),
          m.port,
          start.toFixed(6),
          end.toFixed(6),
          isoLocal(start * 1000),
          isoLocal(end * 1000),
        ];
      }),
    );
    expect(fs.readFileSync(`${stem}_markers.csv`, 'utf8')).toContain('"block, ""A"""');
  });

  it('prefixes columns with the stream in V2', () => {
    makeRecord();
    exportRecord(store, ID, { folder: out, format: 'CSV', streamTypes: ['PM', 'BP'], version: 'V2' });
    const head = (type: string) =>
      fs.readFileSync(path.join(out, `Run_1_eyes_closed_${ID}_${type}.csv`), 'utf8').split('\r\n')[0];
    expect(head('PM')).toBe('Timestamp,PM.eng.isActive,PM.eng,PM.foc');
    expect(head('BP')?.startsWith('Timestamp,POW.AF3/theta,POW.AF3/alpha,')).toBe(true);
  });
});

/** Stored values of a stream's column, NaN for missing. */
function storedColumn(stream: 'eeg' | 'mot', column: string): Float64Array {
  const s = store.readStream(ID, stream);
  const c = s?.columns.indexOf(column) ?? -1;
  const out = new Float64Array(s?.rows ?? 0);
  for (let r = 0; r < out.length; r++) out[r] = s?.values[r * (s?.columns.length ?? 0) + c] as number;
  return out;
}

/** Every stored sample within one quantisation step; missing → the digital minimum; padding repeats the last value. */
function expectSignalMatches(edf: EdfFile, label: string, stored: Float64Array, samplesPerSecond: number): void {
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

describe('exportRecord: EDF+', () => {
  it('writes one EDF+C file an independent reader reads back: labels, rate, records, values, annotations', () => {
    makeRecord();
    const { files } = exportRecord(store, ID, { folder: out, format: 'EDFPLUS', streamTypes: ['EEG'] });
    const stem = path.join(out, `Run_1_eyes_closed_${ID}`);
    expect(files).toEqual([`${stem}.edf`, `${stem}_markers.json`]);
    const edf = readEdf(fs.readFileSync(`${stem}.edf`));

    expect(edf.kind).toBe('EDF+C');
    expect(edf.signals.map((s) => s.label)).toEqual([...SENSORS.map((s) => `EEG ${s}`), 'EDF Annotations']);
    expect(edf.signals[0]).toMatchObject({
      physicalDimension: 'uV',
      digitalMin: -32768,
      digitalMax: 32767,
      prefiltering: 'HP:0.16Hz LP:43Hz N:50Hz N:60Hz',
    });
    expect(edf.recordDurationS).toBe(1);
    expect(edf.recordCount).toBe(Math.ceil(EEG_ROWS / 128));
    SENSORS.forEach((s) => expectSignalMatches(edf, `EEG ${s}`, storedColumn('eeg', s), 128));
    // The physical range covers the data with a margin, and resolves well under a microvolt.
    const af3 = edf.signals[0]!;
    expect(af3.physicalMin).toBeLessThan(4200 - 60);
    expect(af3.physicalMax).toBeGreaterThan(4200 + 60);
    expect((af3.physicalMax - af3.physicalMin) / 65535).toBeLessThan(0.01);

    // Start: the local second of the first sample; the first record starts the fraction after it.
    const first = new Date(Math.floor(T0_S) * 1000);
    const two = (n: number) => String(n).padStart(2, '0');
    expect(edf.startDate).toBe(
      `${two(first.getDate())}.${two(first.getMonth() + 1)}.${two(first.getFullYear() % 100)}`,
    );
    expect(edf.startTime).toBe(`${two(first.getHours())}.${two(first.getMinutes())}.${two(first.getSeconds())}`);
    expect(edf.start.getTime()).toBe(first.getTime());
    expect(edf.recordOnsetsS).toEqual([0.529, 1.529, 2.529, 3.529]);
    expect(edf.patientId).toBe('X X X jon_snow');
    expect(edf.recordingId).toMatch(new RegExp(`^Startdate \\d\\d-[A-Z]{3}-\\d{4} ${ID} X INSIGHT-A1B2C3D4$`));

    // Annotations: onsets relative to the header second, durations for intervals, texts label=value.
    const startSecond = Math.floor(T0_S);
    expect(edf.annotations.map((a) => a.texts)).toEqual([['stim_on=42'], ['block, "A"=x'], ['end']]);
    edf.annotations.forEach((a, k) => {
      const [start, end] = MARKER_TIMES_S[k] as [number, number];
      expect(a.onsetS).toBeCloseTo(start - startSecond, 6);
      if (end > start) expect(a.durationS).toBeCloseTo(end - start, 6);
      else expect(a.durationS).toBeUndefined();
    });

    const json = JSON.parse(fs.readFileSync(`${stem}_markers.json`, 'utf8'));
    expect(json.recordId).toBe(ID);
    expect(parseIso(json.dataStartDatetime)).toBe(T0_S * 1000);
    expect(
      json.markers.map((m: { uuid: string; onsetS: number; durationS?: number }) => [m.uuid, m.onsetS, m.durationS]),
    ).toEqual([
      ['m-1', 0.25, undefined],
      ['m-2', 1.1, 0.5],
      ['m-3', 2.9, undefined],
    ]);
  });

  it('adds the motion channels at their own rate (PM and BP are not EDF streams: refused)', () => {
    makeRecord();
    expect(() =>
      exportRecord(store, ID, { folder: out, format: 'EDFPLUS', streamTypes: ['EEG', 'MOTION', 'PM', 'BP'] }),
    ).toThrow('Invalid Parameters: format EDFPLUS exports only EEG and MOTION, got PM, BP.');
    expect(fs.readdirSync(out)).toEqual([]);
    const { files } = exportRecord(store, ID, { folder: out, format: 'EDFPLUS', streamTypes: ['EEG', 'MOTION'] });
    expect(files).toHaveLength(2);
    const edf = readEdf(fs.readFileSync(files[0]!));
    expect(edf.signals.map((s) => s.label)).toEqual([
      ...SENSORS.map((s) => `EEG ${s}`),
      ...MOTION.map((m) => `MISC ${m}`),
      'EDF Annotations',
    ]);
    expect(edf.recordCount).toBe(4);
    MOTION.forEach((m) => expectSignalMatches(edf, `MISC ${m}`, storedColumn('mot', m), 64));
    expect(edf.signals.find((s) => s.label === 'MISC Q0')?.physicalDimension).toBe('');
  });

  it('writes BDF+C with 24-bit samples', () => {
    makeRecord();
    const { files } = exportRecord(store, ID, { folder: out, format: 'BDFPLUS', streamTypes: ['EEG', 'MOTION'] });
    expect(files[0]).toBe(path.join(out, `Run_1_eyes_closed_${ID}.bdf`));
    const bytes = fs.readFileSync(files[0]!);
    expect(bytes[0]).toBe(0xff);
    const edf = readEdf(bytes);
    expect(edf).toMatchObject({ kind: 'BDF+C', is24Bit: true });
    expect(edf.signals.at(-1)?.label).toBe('BDF Annotations');
    expect(edf.signals[0]).toMatchObject({ digitalMin: -8388608, digitalMax: 8388607 });
    SENSORS.forEach((s) => expectSignalMatches(edf, `EEG ${s}`, storedColumn('eeg', s), 128));
    MOTION.forEach((m) => expectSignalMatches(edf, `MISC ${m}`, storedColumn('mot', m), 64));
    expect(edf.annotations.map((a) => a.texts[0])).toEqual(['stim_on=42', 'block, "A"=x', 'end']);
  });

  it('spreads a burst of annotations over the data records: all kept, in onset order, with their onsets', () => {
    const burst: Marker[] = Array.from({ length: 40 }, (_, k) => {
      const at = isoLocal((T0_S + 2 + k / 50) * 1000);
      return {
        uuid: `b-${k}`,
        type: 'instance',
        value: k,
        label: `burst_${k}`,
        port: 'p',
        startDatetime: at,
        endDatetime: at,
      };
    });
    makeRecord(ID, burst);
    const { files } = exportRecord(store, ID, { folder: out, format: 'EDFPLUS', streamTypes: ['EEG'] });
    const edf = readEdf(fs.readFileSync(files[0]!));
    const texts = edf.annotations.map((a) => a.texts[0]);
    expect(texts).toEqual([
      'stim_on=42',
      'block, "A"=x',
      ...burst.map((b) => `${b.label}=${b.value}`),
      'end', // at +2.9 s, after the burst (+2 to +2.78 s)
    ]);
    burst.forEach((_, k) =>
      expect(edf.annotations[2 + k]?.onsetS).toBeCloseTo(T0_S + 2 + k / 50 - Math.floor(T0_S), 6),
    );
    const annotationBytes = 2 * edf.signals.at(-1)!.samplesPerRecord;
    // The 40 TALs of ~24 bytes in one second are spread over the 4 data records: a record holds about a quarter of
    // them, where sizing for the busiest record reserved room for all 40 in every record.
    expect(annotationBytes).toBeLessThan(20 * 24);
    expect(annotationBytes * edf.recordCount).toBeGreaterThan(40 * 20);
  });
});

describe('exportRecord: plain EDF', () => {
  it('writes one EDF per stream without annotations, plus markers JSON', () => {
    makeRecord();
    const { files } = exportRecord(store, ID, {
      folder: out,
      format: 'EDF',
      streamTypes: ['EEG', 'MOTION'],
      version: 'V2',
    });
    const stem = path.join(out, `Run_1_eyes_closed_${ID}`);
    expect(files).toEqual([`${stem}_EEG.edf`, `${stem}_MOTION.edf`, `${stem}_markers.json`]);
    const eeg = readEdf(fs.readFileSync(`${stem}_EEG.edf`));
    expect(eeg.kind).toBe('EDF');
    expect(eeg.reserved).toBe('');
    expect(eeg.signals.map((s) => s.label)).toEqual(SENSORS.map((s) => `EEG ${s}`));
    expect(eeg.annotations).toEqual([]);
    SENSORS.forEach((s) => expectSignalMatches(eeg, `EEG ${s}`, storedColumn('eeg', s), 128));
    const mot = readEdf(fs.readFileSync(`${stem}_MOTION.edf`));
    expect(mot.recordCount).toBe(Math.ceil(MOT_ROWS / 64));
    MOTION.forEach((m) => expectSignalMatches(mot, `MISC ${m}`, storedColumn('mot', m), 64));
  });
});
