import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { lastValueFrom, tap, count as countOf } from 'rxjs';
import { fromEdf, readEdf } from '../src/files';
import { bandPower, epoch } from '../src/operators';
import { EPOC_SENSORS } from '../src/simulator/headsetModels';
import { createSyntheticEeg } from '../src/simulator/signals/createSyntheticEeg';
import { writeTestEdf } from '../test/support/edfWriter';
import { forceGc } from './heap';

const RATE_HZ = 128;

/** What the recorded-file line reports. */
export interface EdfFileResult {
  readonly seconds: number;
  readonly channels: number;
  readonly sampleRateHz: number;
  readonly fileBytes: number;
  /** fromEdf → epoch(256, hop 128) → bandPower, wall time and samples per second. */
  readonly streamS: number;
  readonly streamSamplesPerS: number;
  readonly bandPowerEpochs: number;
  /** Largest growth of live heap + buffers over the start while streaming (after a forced GC every 65 536 samples). */
  readonly streamPeakBytes: number;
  /** readEdf (the whole file into memory). */
  readonly readEdfS: number;
  /** MNE's `read_raw_edf(preload=True)` of the same file, when /usr/bin/python3 has mne. */
  readonly mneReadS: number | undefined;
}

const heapNow = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external + m.arrayBuffers;
};

/**
 * Writes `seconds` of 14-channel EPOC X EEG (the simulator's generator) as EDF+ at 128 Hz with the test suite's
 * independent writer, then times fromEdf → epoch → bandPower over it (and its peak memory), readEdf of it, and MNE's
 * read of it when MNE is installed.
 */
export async function runEdfFile(seconds: number): Promise<EdfFileResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cortex-rx-bench-edf-'));
  try {
    const path = join(dir, 'hour.edf');
    const n = seconds * RATE_HZ;
    const eeg = createSyntheticEeg({ channels: EPOC_SENSORS, sampleRateHz: RATE_HZ, seed: 1, blinks: true });
    const interleaved = new Float64Array(n * EPOC_SENSORS.length);
    eeg.fill(interleaved, n);
    const k = EPOC_SENSORS.length;
    writeTestEdf(path, {
      format: 'EDF+C',
      recordDurationS: 1,
      signals: EPOC_SENSORS.map((name, c) => ({
        label: `EEG ${name}`,
        dimension: 'uV',
        physicalMin: 3700,
        physicalMax: 4700,
        samplesPerRecord: RATE_HZ,
        samples: Float64Array.from({ length: n }, (_, i) => interleaved[i * k + c]),
      })),
      annotations: Array.from({ length: Math.floor(seconds / 10) }, (_, k) => ({
        onsetS: k * 10 + 0.5,
        text: `stim=${k}`,
      })),
    });
    forceGc();
    const base = heapNow();
    let peak = -Infinity;
    let samples = 0;
    const t0 = performance.now();
    const epochs = await lastValueFrom(
      fromEdf(path).pipe(
        tap(() => {
          // Live memory: after a forced GC every 65 536 samples (8.5 min of 128 Hz), so garbage not yet collected
          // does not count.
          if (samples++ % 65536 === 0) {
            forceGc();
            peak = Math.max(peak, heapNow() - base);
          }
        }),
        epoch({ lengthSamples: 256, hopSamples: 128 }),
        bandPower({ sampleRateHz: RATE_HZ, segmentLength: 128 }),
        countOf(),
      ),
    );
    const streamS = (performance.now() - t0) / 1000;
    forceGc();
    const t1 = performance.now();
    readEdf(path);
    const readEdfS = (performance.now() - t1) / 1000;
    const mne = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        'import sys, time, mne\nt = time.perf_counter()\nmne.io.read_raw_edf(sys.argv[1], preload=True, verbose="error")\nprint(time.perf_counter() - t)',
        path,
      ],
      { encoding: 'utf8' },
    );
    return {
      seconds,
      channels: EPOC_SENSORS.length,
      sampleRateHz: RATE_HZ,
      fileBytes: statSync(path).size,
      streamS,
      streamSamplesPerS: samples / streamS,
      bandPowerEpochs: epochs,
      streamPeakBytes: peak,
      readEdfS,
      mneReadS: mne.status === 0 ? Number(mne.stdout.trim()) : undefined,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
