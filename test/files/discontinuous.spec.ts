import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { lastValueFrom, toArray } from 'rxjs';
import { fromEdf, readEdf } from '../../src/files';
import { detectGaps, type DetectedGap } from '../../src/operators';
import type { EegFrame } from '../../src/observables';
import { writeTestEdf, type TestEdf } from '../support/edfWriter';

const RATE = 128;
/** Four 1-s records; the third starts 2.5 s after the second ends (EDF+D): 320 samples the file does not hold. */
const ONSETS_S = [0, 1, 4.5, 5.5];
const MISSING = 2.5 * RATE;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cortex-rx-edfd-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 7 Hz sinusoid on Cz, by each sample's time (so the wave goes on across the break), and one annotation. */
function discontinuous(format: TestEdf['format']): { path: string; expected: Float64Array } {
  const path = join(dir, `d.${format.startsWith('BDF') ? 'bdf' : 'edf'}`);
  const timeOf = (i: number) => (ONSETS_S[Math.floor(i / RATE)] as number) + (i % RATE) / RATE;
  const samples = Float64Array.from(
    { length: ONSETS_S.length * RATE },
    (_, i) => 40 * Math.sin(2 * Math.PI * 7 * timeOf(i)),
  );
  const [expected] = writeTestEdf(path, {
    format,
    recordDurationS: 1,
    recordOnsetsS: ONSETS_S,
    signals: [
      { label: 'EEG Cz', dimension: 'uV', physicalMin: -100, physicalMax: 100, samplesPerRecord: RATE, samples },
    ],
    annotations: [{ onsetS: 4.75, text: 'after-break=2' }],
  });
  return { path, expected: expected as Float64Array };
}

describe('discontinuous files (EDF+D, BDF+D) of an independent writer', () => {
  it.each(['EDF+D', 'BDF+D'] as const)('%s: readEdf gives each record its onset, values and annotations', (format) => {
    const { path, expected } = discontinuous(format);
    const rec = readEdf(path);
    expect(rec.format).toBe(format);
    expect(rec.sampleRateHz).toBe(RATE);
    expect(rec.data.length).toBe(ONSETS_S.length * RATE);
    expect(Array.from(rec.timesS.filter((_, i) => i % RATE === 0))).toEqual(ONSETS_S);
    expect(rec.timesS[2 * RATE - 1]).toBeCloseTo(1 + (RATE - 1) / RATE, 12);
    const worst = Math.max(...Array.from(rec.data, (v, i) => Math.abs(v - (expected[i] as number))));
    expect(worst).toBeLessThan(1e-9);
    expect(rec.markers).toEqual([{ timeS: 4.75, label: 'after-break', value: 2 }]);
  });

  it('fromEdf: frames keep the file times, and detectGaps reports the break with the samples the file lacks', async () => {
    const { path } = discontinuous('EDF+D');
    const events = await lastValueFrom(
      fromEdf(path, { chunkSamples: 100 }).pipe(detectGaps({ sampleRateHz: RATE }), toArray()),
    );
    const frames = events.filter((e): e is EegFrame => e._tag === 'eeg');
    const gaps = events.filter((e): e is DetectedGap => e._tag === 'gap');
    expect(frames).toHaveLength(ONSETS_S.length * RATE);
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ missingSamples: MISSING, toTimeS: 4.5 });
    expect(gaps[0]?.fromTimeS).toBeCloseTo(1 + (RATE - 1) / RATE, 12);
    // The gap comes right before the first frame after the break; COUNTER jumps with the time.
    const at = events.indexOf(gaps[0] as DetectedGap);
    expect((events[at + 1] as EegFrame).timeS).toBe(4.5);
    expect((events[at + 1] as EegFrame).counter).toBe((4.5 * RATE) % RATE);
    expect(frames.find((f) => f.markers.length > 0)?.timeS).toBe(4.75);
  });

  it('a continuous file gives no gap: COUNTER is the sample index modulo the rate', async () => {
    const path = join(dir, 'c.edf');
    const samples = Float64Array.from({ length: 3 * RATE }, (_, i) => Math.sin(i));
    writeTestEdf(path, {
      format: 'EDF+C',
      recordDurationS: 1,
      startOffsetS: 0.3,
      signals: [{ label: 'Cz', dimension: 'uV', physicalMin: -2, physicalMax: 2, samplesPerRecord: RATE, samples }],
    });
    const events = await lastValueFrom(fromEdf(path).pipe(detectGaps({ sampleRateHz: RATE }), toArray()));
    expect(events.filter((e) => e._tag === 'gap')).toEqual([]);
    expect(events.map((e) => (e as EegFrame).counter)).toEqual(Array.from({ length: 3 * RATE }, (_, i) => i % RATE));
  });
});

describe('plain BDF (24BIT, no annotations) of an independent writer', () => {
  it('reads channels, rate and values within the 24-bit step; no markers', () => {
    const path = join(dir, 'plain.bdf');
    const samples = Float64Array.from(
      { length: 2 * 256 },
      (_, i) => 4000 + 25 * Math.sin((2 * Math.PI * 10 * i) / 256),
    );
    const [expected] = writeTestEdf(path, {
      format: 'BDF',
      recordDurationS: 1,
      signals: [{ label: 'O1', dimension: 'uV', physicalMin: 0, physicalMax: 8000, samplesPerRecord: 256, samples }],
    });
    const rec = readEdf(path);
    expect(rec.format).toBe('BDF');
    expect(rec.channels).toEqual(['O1']);
    expect(rec.sampleRateHz).toBe(256);
    expect(rec.timesS[256]).toBe(1);
    expect(rec.resolutionUv[0]).toBeCloseTo(8000 / 16777215, 12);
    const worst = Math.max(...Array.from(rec.data, (v, i) => Math.abs(v - (expected as Float64Array)[i]!)));
    expect(worst).toBeLessThan(1e-9);
    expect(Math.max(...Array.from(rec.data, (v, i) => Math.abs(v - samples[i]!)))).toBeLessThanOrEqual(
      rec.resolutionUv[0]! / 2 + 1e-9,
    );
    expect(rec.markers).toEqual([]);
  });
});
