import * as fs from 'fs';
import * as path from 'path';
import { ExportError } from '../../../src/simulator/export/exportError';
import { exportRecord } from '../../../src/simulator/export/exportRecord';
import { isoLocal } from '../../../src/simulator/isoTime';
import type { StreamLayout } from '../../../src/simulator/store/storeTypes';
import {
  SENSORS,
  LAYOUTS,
  T0_S,
  NAN_ROW,
  ID,
  MARKERS,
  MARKER_TIMES_S,
  parseCsv,
  useExportFixture,
} from './exportFixture';

// exportRecord's refusals and CSV; the record they export is made in ./exportFixture.
const fx = useExportFixture();

describe('exportRecord: refusals', () => {
  it('refuses with Cortex-like codes and precise messages, writing nothing', () => {
    fx.makeRecord();
    const running = fx.store.create({
      record: { uuid: 'running', title: 't', startDatetime: isoLocal(T0_S * 1000) },
      appId: 'a',
      sessionId: 's',
      headset: { id: 'h', sensors: SENSORS },
      streams: LAYOUTS,
    });
    const attempt = (recordId: string, config: Parameters<typeof exportRecord>[2]) => {
      try {
        exportRecord(fx.store, recordId, config);
      } catch (e) {
        expect(e).toBeInstanceOf(ExportError);
        const { code, reason, message } = e as ExportError;
        return { code, reason, message };
      }
      throw new Error('export did not throw');
    };
    expect(attempt('nope', { folder: fx.out, format: 'CSV', streamTypes: ['EEG'] })).toEqual({
      code: -32047,
      reason: 'RECORD_NOT_FOUND',
      message: 'Record nope does not exist.',
    });
    expect(attempt('running', { folder: fx.out, format: 'CSV', streamTypes: ['EEG'] })).toMatchObject({
      code: -32017,
      reason: 'RECORD_RUNNING',
    });
    expect(attempt(ID, { folder: path.join(fx.dir, 'missing'), format: 'CSV', streamTypes: ['EEG'] })).toMatchObject({
      code: -32602,
      reason: 'FOLDER_NOT_FOUND',
      message: expect.stringContaining("'folder' must be an existing directory"),
    });
    expect(attempt(ID, { folder: fx.out, format: 'EDFPLUS', streamTypes: ['PM', 'BP'] })).toEqual({
      code: -32602,
      reason: 'UNSUPPORTED',
      message: 'Invalid Parameters: format EDFPLUS exports only EEG and MOTION, got PM, BP.',
    });
    expect(attempt(ID, { folder: fx.out, format: 'CSV', streamTypes: [] })).toMatchObject({ reason: 'UNSUPPORTED' });
    expect(attempt(ID, { folder: fx.out, format: 'XLS' as 'CSV', streamTypes: ['EEG'] })).toMatchObject({
      reason: 'UNSUPPORTED',
    });
    expect(fs.readdirSync(fx.out)).toEqual([]);
    running.stop(isoLocal(Date.now()));
  });

  it('refuses a stream the record does not store', () => {
    fx.store
      .create({
        record: { uuid: 'eeg-only', title: 't', startDatetime: isoLocal(T0_S * 1000) },
        appId: 'a',
        sessionId: 's',
        headset: { id: 'h', sensors: SENSORS },
        streams: [LAYOUTS[0] as StreamLayout],
      })
      .stop(isoLocal(T0_S * 1000));
    expect(() => exportRecord(fx.store, 'eeg-only', { folder: fx.out, format: 'CSV', streamTypes: ['PM'] })).toThrow(
      "Invalid Parameters: record eeg-only has no 'met' stream to export as PM.",
    );
    expect(() =>
      exportRecord(fx.store, 'eeg-only', { folder: fx.out, format: 'EDFPLUS', streamTypes: ['EEG'] }),
    ).toThrow('Invalid Parameters: record eeg-only has no eeg samples to export.');
  });
});

describe('exportRecord: CSV', () => {
  it('writes every stored row at full precision, and the markers', () => {
    fx.makeRecord();
    const { files } = exportRecord(fx.store, ID, {
      folder: fx.out,
      format: 'CSV',
      streamTypes: ['EEG', 'MOTION', 'PM', 'BP'],
    });
    const stem = path.join(fx.out, `Run_1_eyes_closed_${ID}`);
    expect(files).toEqual(['EEG', 'MOTION', 'PM', 'BP', 'markers'].map((t) => `${stem}_${t}.csv`));

    for (const [type, stream] of [
      ['EEG', 'eeg'],
      ['MOTION', 'mot'],
      ['PM', 'met'],
      ['BP', 'pow'],
    ] as const) {
      const rows = parseCsv(fs.readFileSync(`${stem}_${type}.csv`, 'utf8'));
      const stored = fx.store.readStream(ID, stream);
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
    fx.makeRecord();
    exportRecord(fx.store, ID, { folder: fx.out, format: 'CSV', streamTypes: ['PM', 'BP'], version: 'V2' });
    const head = (type: string) =>
      fs.readFileSync(path.join(fx.out, `Run_1_eyes_closed_${ID}_${type}.csv`), 'utf8').split('\r\n')[0];
    expect(head('PM')).toBe('Timestamp,PM.eng.isActive,PM.eng,PM.foc');
    expect(head('BP')?.startsWith('Timestamp,POW.AF3/theta,POW.AF3/alpha,')).toBe(true);
  });
});
