import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FileFormatError, readEdf } from '../../src/files';
import { naiveDft } from '../support/naiveDft';
import { writeTestEdf, type TestSignal } from '../support/edfWriter';

const EPOC = ['AF3', 'F7', 'F3', 'FC5', 'T7', 'P7', 'O1', 'O2', 'P8', 'T8', 'FC6', 'F4', 'F8', 'AF4'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cortex-rx-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 14 channels of known sinusoids around 4200 µV: 10 Hz (alpha) on O1/O2, 20 Hz elsewhere; F3 written in mV. */
function epocSignals(rateHz: number, seconds: number, samplesPerRecord: number): TestSignal[] {
  return EPOC.map((name, c) => {
    const alpha = name === 'O1' || name === 'O2';
    const inMv = name === 'F3';
    const samples = Float64Array.from({ length: rateHz * seconds }, (_, i) => {
      const uv = 4200 + c + (alpha ? 30 : 8) * Math.sin((2 * Math.PI * (alpha ? 10 : 20) * i) / rateHz + c);
      return inMv ? uv / 1000 : uv;
    });
    return {
      label: `EEG ${name}`,
      dimension: inMv ? 'mV' : 'uV',
      physicalMin: inMv ? 4.1 : 4100,
      physicalMax: inMv ? 4.3 : 4300,
      samplesPerRecord,
      samples,
    };
  });
}

/** The frequency (Hz) of the largest DFT bin between 1 Hz and Nyquist, by the textbook DFT. */
function peakHz(x: Float64Array, rateHz: number): number {
  const mean = x.reduce((a, b) => a + b, 0) / x.length;
  const { real, imag } = naiveDft(Array.from(x, (v) => v - mean));
  let best = 1;
  for (let k = 1; k < x.length / 2; k++) if (real[k] ** 2 + imag[k] ** 2 > real[best] ** 2 + imag[best] ** 2) best = k;
  return (best * rateHz) / x.length;
}

describe('readEdf on files of an independent writer', () => {
  it('EDF+C: channels, rate, length, values within the quantisation (mV scaled to µV), the alpha peak, annotations', () => {
    const path = join(dir, 'epoc.edf');
    const expected = writeTestEdf(path, {
      format: 'EDF+C',
      recordDurationS: 1,
      signals: epocSignals(128, 10, 128),
      annotations: [
        { onsetS: 2.5, text: 'stim=1' },
        { onsetS: 5, durationS: 1.5, text: 'Eyes closed' },
        { onsetS: 7.25, text: 'cue=left' },
      ],
    });
    const rec = readEdf(path);
    expect(rec.format).toBe('EDF+C');
    expect(rec.channels).toEqual(EPOC);
    expect(rec.sampleRateHz).toBe(128);
    expect(rec.lengthSamples).toBe(1280);
    expect(rec.timesS[0]).toBe(0);
    expect(rec.timesS[1279]).toBeCloseTo(1279 / 128, 12);
    expect(rec.startDate).toEqual(new Date(2026, 10, 22, 10, 20, 30));
    EPOC.forEach((name, c) => {
      const scale = name === 'F3' ? 1000 : 1;
      // the writer's quantised value, exactly up to rounding; within half a step of the written sinusoid
      expect(rec.resolutionUv[c]).toBeCloseTo(200 / 65535, 12);
      let worst = 0;
      for (let i = 0; i < 1280; i++) worst = Math.max(worst, Math.abs(rec.data[c * 1280 + i] - expected[c][i] * scale));
      expect(worst).toBeLessThan(1e-9 * scale);
    });
    const o1 = EPOC.indexOf('O1');
    expect(peakHz(rec.data.subarray(o1 * 1280, o1 * 1280 + 256), 128)).toBe(10);
    expect(peakHz(rec.data.subarray(0, 256), 128)).toBe(20);
    expect(rec.markers).toEqual([
      { timeS: 2.5, label: 'stim', value: 1 },
      { timeS: 5, label: 'Eyes closed', value: '' },
      { timeS: 7.25, label: 'cue', value: 'left' },
    ]);
    expect(rec.otherSignals).toEqual([]);
  });

  it('the values are within half a step of the written sinusoids (the file quantisation)', () => {
    const path = join(dir, 'quant.edf');
    const signals = epocSignals(128, 2, 64);
    writeTestEdf(path, { format: 'EDF', recordDurationS: 0.5, signals });
    const rec = readEdf(path);
    expect(rec.format).toBe('EDF');
    expect(rec.markers).toEqual([]);
    signals.forEach((s, c) => {
      const scale = s.dimension === 'mV' ? 1000 : 1;
      let worst = 0;
      for (let i = 0; i < 256; i++) worst = Math.max(worst, Math.abs(rec.data[c * 256 + i] - s.samples[i] * scale));
      expect(worst).toBeLessThanOrEqual(rec.resolutionUv[c] / 2 + 1e-9);
      expect(worst).toBeGreaterThan(0); // the file does quantise
    });
  });

  it('BDF+C (24-bit, 0.5 s records, V scaled to µV) with a sub-second start: times from the first record onset', () => {
    const path = join(dir, 'bio.bdf');
    const rate = 256;
    const samples = Float64Array.from({ length: rate * 4 }, (_, i) => 50e-6 * Math.sin((2 * Math.PI * 10 * i) / rate));
    writeTestEdf(path, {
      format: 'BDF+C',
      recordDurationS: 0.5,
      startOffsetS: 0.25,
      signals: [
        { label: 'Oz', dimension: 'V', physicalMin: -0.001, physicalMax: 0.001, samplesPerRecord: 128, samples },
        {
          label: 'Status',
          dimension: 'Boolean',
          physicalMin: 0,
          physicalMax: 1,
          samplesPerRecord: 128,
          samples: new Float64Array(1024),
        },
      ],
      annotations: [{ onsetS: 1.5, text: 'beep=7' }],
    });
    const rec = readEdf(path);
    expect(rec.format).toBe('BDF+C');
    expect(rec.channels).toEqual(['Oz']);
    expect(rec.sampleRateHz).toBe(256);
    expect(rec.timesS[0]).toBe(0.25);
    expect(rec.timesS[128]).toBe(0.75);
    expect(rec.resolutionUv[0]).toBeCloseTo(2000 / 16777215, 12);
    const worst = Math.max(...Array.from(rec.data, (v, i) => Math.abs(v - samples[i] * 1e6)));
    expect(worst).toBeLessThanOrEqual(rec.resolutionUv[0] / 2 + 1e-9);
    expect(peakHz(rec.data.subarray(0, 512), rate)).toBe(10);
    expect(rec.markers).toEqual([{ timeS: 1.5, label: 'beep', value: 7 }]);
    expect(rec.otherSignals.map((s) => [s.label, s.dimension, s.sampleRateHz, s.data.length])).toEqual([
      ['Status', 'Boolean', 256, 1024],
    ]);
  });

  it('keeps a non-voltage channel at another rate apart, and refuses EEG at two rates unless one is chosen', () => {
    const path = join(dir, 'rates.edf');
    const eeg = (label: string, spr: number): TestSignal => ({
      label,
      dimension: 'uV',
      physicalMin: -100,
      physicalMax: 100,
      samplesPerRecord: spr,
      samples: Float64Array.from({ length: spr * 3 }, (_, i) => (i % 50) - 25),
    });
    const motion: TestSignal = {
      label: 'MISC ACCX',
      dimension: '',
      physicalMin: -2,
      physicalMax: 2,
      samplesPerRecord: 32,
      samples: new Float64Array(96).fill(1),
    };
    writeTestEdf(join(dir, 'motion.edf'), {
      format: 'EDF+C',
      recordDurationS: 1,
      signals: [eeg('EEG C3', 128), motion],
    });
    const withMotion = readEdf(join(dir, 'motion.edf'));
    expect(withMotion.channels).toEqual(['C3']);
    expect(withMotion.otherSignals.map((s) => [s.label, s.sampleRateHz])).toEqual([['MISC ACCX', 32]]);
    expect(Math.abs(withMotion.otherSignals[0].data[5] - 1)).toBeLessThan(1e-4);

    writeTestEdf(path, { format: 'EDF', recordDurationS: 1, signals: [eeg('C3', 128), eeg('ECG', 256)] });
    expect(() => readEdf(path)).toThrow(FileFormatError);
    expect(() => readEdf(path)).toThrow(/EEG channels run at 128, 256 Hz: pass \{ sampleRateHz \}/);
    const fast = readEdf(path, { sampleRateHz: 256 });
    expect(fast.channels).toEqual(['ECG']);
    expect(fast.otherSignals.map((s) => s.label)).toEqual(['C3']);
    expect(() => readEdf(path, { sampleRateHz: 500 })).toThrow(/has no EEG channel at 500 Hz/);
  });

  it('refuses a file that is not EDF, and one shorter than its header says, with the file and the rule', () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'x'.repeat(300));
    expect(() => readEdf(text)).toThrow(new FileFormatError(text, "not an EDF or BDF file (version field 'xxxxxxxx')"));
    const path = join(dir, 'short.edf');
    writeTestEdf(path, { format: 'EDF', recordDurationS: 1, signals: epocSignals(128, 2, 128).slice(0, 2) });
    const { readFileSync } = jest.requireActual<typeof import('fs')>('fs');
    writeFileSync(path, readFileSync(path).subarray(0, 256 * 3 + 300));
    expect(() => readEdf(path)).toThrow(/announces 2 data records of 512 bytes, but the file holds 300 bytes/);
  });
});
