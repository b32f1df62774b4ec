import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { FileFormatError, fromCsvExport, fromEdf, readEdf } from '../../src/files';
import { bandPower, epoch, toMarkerEvent } from '../../src/operators';
import { readCsvExport } from '../../src/plot';
import type { EegFrame } from '../../src/observables';
import { writeTestEdf, type TestSignal } from '../support/edfWriter';

const RATE = 128;
const CHANNELS = ['O1', 'O2', 'AF3'];
let dir: string;
let edfPath: string;

/** 3 channels, 6 s: O1/O2 carry 10 Hz (alpha), AF3 carries 20 Hz; four annotations, one past the last sample. */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cortex-rx-fromedf-'));
  edfPath = join(dir, 'run.edf');
  const signals: TestSignal[] = CHANNELS.map((name, c) => ({
    label: `EEG ${name}`,
    dimension: 'uV',
    physicalMin: 4000,
    physicalMax: 4400,
    samplesPerRecord: RATE,
    samples: Float64Array.from(
      { length: RATE * 6 },
      (_, i) => 4200 + 40 * Math.sin((2 * Math.PI * (c < 2 ? 10 : 20) * i) / RATE + c),
    ),
  }));
  writeTestEdf(edfPath, {
    format: 'EDF+C',
    recordDurationS: 1,
    signals,
    annotations: [
      { onsetS: 0.5, text: 'stim=1' },
      { onsetS: 2.503, text: 'stim=2' },
      { onsetS: 4, durationS: 1, text: 'rest' },
      { onsetS: 9, text: 'late' },
    ],
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const openFds = () => readdirSync('/proc/self/fd').length;

describe('fromEdf', () => {
  it.each([1, 100, 256, 10_000])(
    'emits the file sample by sample as eeg frames (chunkSamples %i)',
    async (chunkSamples) => {
      const rec = readEdf(edfPath);
      const frames = await lastValueFrom(fromEdf(edfPath, { chunkSamples }).pipe(toArray()));
      expect(frames).toHaveLength(rec.lengthSamples);
      frames.forEach((f, i) => {
        expect(f._tag).toBe('eeg');
        expect(f.channels).toEqual(CHANNELS);
        expect(f.timeS).toBe(rec.timesS[i]);
        expect(f.counter).toBe(i % RATE);
        expect(Array.from(f.values)).toEqual(CHANNELS.map((_, c) => rec.data[c * rec.lengthSamples + i]));
      });
      // each annotation on the sample nearest its onset; the one past the end on the last sample
      const carrying = frames.flatMap((f, i) =>
        f.markers.length > 0 ? [[i, f.hardwareMarker, f.markers.length]] : [],
      );
      expect(carrying).toEqual([
        [64, 1, 1],
        [320, 1, 1],
        [512, 1, 1],
        [767, 1, 1],
      ]);
      const markers = frames.flatMap((f) => f.markers.map(toMarkerEvent));
      expect(markers.map((m) => [m.timeS, m.label, m.value])).toEqual(
        rec.markers.map((m) => [m.timeS, m.label, m.value]),
      );
      expect(frames[512].markers[0]).toMatchObject({ type: 'interval', durationS: 1, port: 'EDF' });
    },
  );

  it('runs the operators unchanged: epoch → bandPower finds alpha on O1/O2 and high beta on AF3', async () => {
    const powers = await lastValueFrom(
      fromEdf(edfPath).pipe(
        epoch({ lengthSamples: 256, hopSamples: 128 }),
        bandPower({ sampleRateHz: RATE, segmentLength: 128 }),
        toArray(),
      ),
    );
    expect(powers).toHaveLength(5);
    const top = (p: (typeof powers)[number], c: number) => {
      const row = Array.from(p.absoluteUv2.subarray(c * p.bandNames.length, (c + 1) * p.bandNames.length));
      return p.bandNames[row.indexOf(Math.max(...row))];
    };
    for (const p of powers) expect([top(p, 0), top(p, 1), top(p, 2)]).toEqual(['alpha', 'alpha', 'betaH']);
  });

  it("'fast' yields to the event loop between chunks, and completing or unsubscribing closes the file", async () => {
    const before = openFds();
    let immediateRan = false;
    let framesBeforeImmediate = -1;
    let count = 0;
    const done = new Promise<void>((resolve) => {
      fromEdf(edfPath, { chunkSamples: 128 }).subscribe({
        next: () => {
          if (count++ === 0) {
            expect(openFds()).toBe(before + 1);
            setImmediate(() => {
              immediateRan = true;
              framesBeforeImmediate = count;
            });
          }
        },
        complete: resolve,
      });
    });
    await done;
    expect(immediateRan).toBe(true);
    expect(framesBeforeImmediate).toBeLessThan(RATE * 6);
    expect(openFds()).toBe(before);

    const first = await firstValueFrom(fromEdf(edfPath, { chunkSamples: 64 }));
    expect(first.timeS).toBe(0);
    expect(openFds()).toBe(before);
  });

  it("'realtime' emits the same frames as 'fast'", async () => {
    const fast = await lastValueFrom(fromEdf(edfPath).pipe(take(40), toArray()));
    const paced = await lastValueFrom(fromEdf(edfPath, { pace: 'realtime' }).pipe(take(40), toArray()));
    expect(paced.map((f) => [f.timeS, ...f.values])).toEqual(fast.map((f) => [f.timeS, ...f.values]));
  });

  it('errors (not throws) with FileFormatError for a file that is not EDF; refuses a bad chunk size', async () => {
    const path = join(dir, 'bad.edf');
    writeFileSync(path, 'no header here');
    const stream = fromEdf(path);
    await expect(lastValueFrom(stream)).rejects.toBeInstanceOf(FileFormatError);
    expect(() => fromEdf(edfPath, { chunkSamples: 0 })).toThrow('chunkSamples must be a positive integer, got 0');
  });
});

describe('fromCsvExport', () => {
  it('streams a CSV export as the eeg frames readCsvExport reads, markers on their nearest samples', async () => {
    const eegCsv = join(dir, 'run_EEG.csv');
    const t0 = 1_764_600_000;
    const lines = ['Timestamp,EEG.COUNTER,EEG.INTERPOLATED,EEG.AF3,EEG.O1,EEG.RAW_CQ,EEG.MARKER_HARDWARE'];
    for (let i = 0; i < 300; i++) {
      const af3 = i === 17 ? '' : (4200 + Math.sin(i)).toFixed(3);
      lines.push(`${(t0 + i / RATE).toFixed(6)},${i % RATE},${i === 5 ? 1 : 0},${af3},${(4100 + i).toFixed(3)},0,0`);
    }
    writeFileSync(eegCsv, `${lines.join('\r\n')}\r\n`);
    const markersCsv = join(dir, 'run_markers.csv');
    writeFileSync(
      markersCsv,
      `uuid,label,value,startTimeS\nu-1,stim,3,${t0 + 100 / RATE + 0.001}\nu-2,"a, b",x,${t0 + 250 / RATE}\n`,
    );
    const frames: EegFrame[] = await lastValueFrom(
      fromCsvExport(eegCsv, { markersCsvPath: markersCsv, chunkSamples: 64 }).pipe(toArray()),
    );
    const whole = readCsvExport(eegCsv, markersCsv);
    expect(frames).toHaveLength(whole.lengthSamples);
    expect(frames[0].channels).toEqual(whole.channels);
    frames.forEach((f, i) => {
      expect(f.timeS).toBe(whole.timesS[i]);
      expect(f.counter).toBe(i % RATE);
      expect(f.interpolated).toBe(i === 5);
      expect(Array.from(f.values)).toEqual([whole.data[i], whole.data[whole.lengthSamples + i]]);
    });
    expect(frames.flatMap((f, i) => f.markers.map((m) => [i, m.label, m.value, m.uuid]))).toEqual([
      [100, 'stim', 3, 'u-1'],
      [250, 'a, b', 'x', 'u-2'],
    ]);
    expect(frames.flatMap((f) => f.markers.map(toMarkerEvent))).toEqual(whole.markers);
  });
});
