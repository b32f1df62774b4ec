import * as fs from 'fs';
import * as path from 'path';
import type { Marker } from '../../../src/protocol';
import { exportRecord } from '../../../src/simulator/export/exportRecord';
import { isoLocal, parseIso } from '../../../src/simulator/isoTime';
import { readEdf } from '../../support/edfReader';
import {
  SENSORS,
  MOTION,
  T0_S,
  EEG_ROWS,
  MOT_ROWS,
  ID,
  MARKER_TIMES_S,
  expectSignalMatches,
  useExportFixture,
} from './exportFixture';

// exportRecord's EDF+, BDF+ and plain EDF; the record they export is made in ./exportFixture.
const fx = useExportFixture();

describe('exportRecord: EDF+', () => {
  it('writes one EDF+C file an independent reader reads back: labels, rate, records, values, annotations', () => {
    fx.makeRecord();
    const { files } = exportRecord(fx.store, ID, { folder: fx.out, format: 'EDFPLUS', streamTypes: ['EEG'] });
    const stem = path.join(fx.out, `Run_1_eyes_closed_${ID}`);
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
    SENSORS.forEach((s) => expectSignalMatches(edf, `EEG ${s}`, fx.storedColumn('eeg', s), 128));
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
    fx.makeRecord();
    expect(() =>
      exportRecord(fx.store, ID, { folder: fx.out, format: 'EDFPLUS', streamTypes: ['EEG', 'MOTION', 'PM', 'BP'] }),
    ).toThrow('Invalid Parameters: format EDFPLUS exports only EEG and MOTION, got PM, BP.');
    expect(fs.readdirSync(fx.out)).toEqual([]);
    const { files } = exportRecord(fx.store, ID, { folder: fx.out, format: 'EDFPLUS', streamTypes: ['EEG', 'MOTION'] });
    expect(files).toHaveLength(2);
    const edf = readEdf(fs.readFileSync(files[0]!));
    expect(edf.signals.map((s) => s.label)).toEqual([
      ...SENSORS.map((s) => `EEG ${s}`),
      ...MOTION.map((m) => `MISC ${m}`),
      'EDF Annotations',
    ]);
    expect(edf.recordCount).toBe(4);
    MOTION.forEach((m) => expectSignalMatches(edf, `MISC ${m}`, fx.storedColumn('mot', m), 64));
    expect(edf.signals.find((s) => s.label === 'MISC Q0')?.physicalDimension).toBe('');
  });

  it('writes BDF+C with 24-bit samples', () => {
    fx.makeRecord();
    const { files } = exportRecord(fx.store, ID, { folder: fx.out, format: 'BDFPLUS', streamTypes: ['EEG', 'MOTION'] });
    expect(files[0]).toBe(path.join(fx.out, `Run_1_eyes_closed_${ID}.bdf`));
    const bytes = fs.readFileSync(files[0]!);
    expect(bytes[0]).toBe(0xff);
    const edf = readEdf(bytes);
    expect(edf).toMatchObject({ kind: 'BDF+C', is24Bit: true });
    expect(edf.signals.at(-1)?.label).toBe('BDF Annotations');
    expect(edf.signals[0]).toMatchObject({ digitalMin: -8388608, digitalMax: 8388607 });
    SENSORS.forEach((s) => expectSignalMatches(edf, `EEG ${s}`, fx.storedColumn('eeg', s), 128));
    MOTION.forEach((m) => expectSignalMatches(edf, `MISC ${m}`, fx.storedColumn('mot', m), 64));
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
    fx.makeRecord(ID, burst);
    const { files } = exportRecord(fx.store, ID, { folder: fx.out, format: 'EDFPLUS', streamTypes: ['EEG'] });
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
    fx.makeRecord();
    const { files } = exportRecord(fx.store, ID, {
      folder: fx.out,
      format: 'EDF',
      streamTypes: ['EEG', 'MOTION'],
      version: 'V2',
    });
    const stem = path.join(fx.out, `Run_1_eyes_closed_${ID}`);
    expect(files).toEqual([`${stem}_EEG.edf`, `${stem}_MOTION.edf`, `${stem}_markers.json`]);
    const eeg = readEdf(fs.readFileSync(`${stem}_EEG.edf`));
    expect(eeg.kind).toBe('EDF');
    expect(eeg.reserved).toBe('');
    expect(eeg.signals.map((s) => s.label)).toEqual(SENSORS.map((s) => `EEG ${s}`));
    expect(eeg.annotations).toEqual([]);
    SENSORS.forEach((s) => expectSignalMatches(eeg, `EEG ${s}`, fx.storedColumn('eeg', s), 128));
    const mot = readEdf(fs.readFileSync(`${stem}_MOTION.edf`));
    expect(mot.recordCount).toBe(Math.ceil(MOT_ROWS / 64));
    MOTION.forEach((m) => expectSignalMatches(mot, `MISC ${m}`, fx.storedColumn('mot', m), 64));
  });
});
