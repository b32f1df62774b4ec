import { encodeEdfHeader, type EdfHeader } from '../../../src/simulator/export/encodeEdfHeader';
import { readEdf } from '../../support/edfReader';

const header: EdfHeader = {
  variant: 'EDF+C',
  patientId: 'X X X jon_snow',
  recordingId: 'Startdate 02-MAY-2024 rec-1 X INSIGHT-1',
  startDate: '02.05.24',
  startTime: '10.20.01',
  recordCount: 0,
  recordDurationText: '1',
  signals: [
    {
      label: 'EEG AF3',
      transducer: 'EMOTIV EEG sensor',
      physicalDimension: 'uV',
      physicalMin: '4100.5',
      physicalMax: '4300.25',
      digitalMin: -32768,
      digitalMax: 32767,
      prefiltering: 'HP:0.16Hz',
      samplesPerRecord: 128,
    },
    {
      label: 'EDF Annotations',
      transducer: '',
      physicalDimension: '',
      physicalMin: '-1',
      physicalMax: '1',
      digitalMin: -32768,
      digitalMax: 32767,
      prefiltering: '',
      samplesPerRecord: 12,
    },
  ],
};

describe('encodeEdfHeader', () => {
  it('lays out 256 + 256 × ns bytes that an independent reader accepts', () => {
    const bytes = encodeEdfHeader(header);
    expect(bytes.length).toBe(256 * 3);
    expect(bytes.subarray(0, 8).toString('ascii')).toBe('0       ');
    expect(bytes.subarray(192, 236).toString('ascii').trimEnd()).toBe('EDF+C');
    const edf = readEdf(bytes);
    expect(edf.signals.map((s) => [s.label, s.physicalMin, s.physicalMax, s.samplesPerRecord])).toEqual([
      ['EEG AF3', 4100.5, 4300.25, 128],
      ['EDF Annotations', -1, 1, 12],
    ]);
  });

  it('writes the BDF version bytes', () => {
    const bytes = encodeEdfHeader({ ...header, variant: 'BDF+C' });
    expect(bytes[0]).toBe(0xff);
    expect(bytes.subarray(1, 8).toString('ascii')).toBe('BIOSEMI');
    expect(bytes.subarray(192, 197).toString('ascii')).toBe('BDF+C');
  });

  it('refuses fields that do not fit or are not printable ASCII', () => {
    expect(() => encodeEdfHeader({ ...header, patientId: 'X'.repeat(81) })).toThrow(
      /patient identification must fit 80 characters/,
    );
    expect(() => encodeEdfHeader({ ...header, patientId: 'X X X José' })).toThrow(/must be printable ASCII/);
    expect(() => encodeEdfHeader({ ...header, recordCount: 123456789 })).toThrow(/number of data records must fit 8/);
  });
});
