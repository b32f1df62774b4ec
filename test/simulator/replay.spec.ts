import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { filter, firstValueFrom, lastValueFrom, switchMap, take, timer, toArray } from 'rxjs';
import { connectCortex, type CortexClient, type EegFrame } from '../../src';
import { readEdf } from '../../src/files';
import { EPOC_SENSORS } from '../../src/simulator';
import { writeTestEdf, type TestSignal } from '../support/edfWriter';
import { startHarness, type Harness } from '../support/simulatorHarness';

const RATE = 128;
const LENGTH = 2 * RATE; // a 2 s file, so a test sees it loop
let dir: string;
let harness: Harness;
let client: CortexClient;
let rampExpected: Float64Array[];
let epocExpected: Float64Array[];
const SHUFFLED: string[] = [...EPOC_SENSORS].reverse();

/** Channel 0 of the ramp file is a ramp (every sample distinct), so a test can find where in the file a frame is. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cortex-rx-replay-'));
  const signal = (label: string, f: (i: number) => number): TestSignal => ({
    label,
    dimension: 'uV',
    physicalMin: 3000,
    physicalMax: 5000,
    samplesPerRecord: RATE,
    samples: Float64Array.from({ length: LENGTH }, (_, i) => f(i)),
  });
  rampExpected = writeTestEdf(join(dir, 'ramp-01.edf'), {
    format: 'EDF+C',
    recordDurationS: 1,
    signals: [
      signal('EEG Cz', (i) => 3500 + 3 * i),
      signal('EEG Pz', (i) => 4200 + 50 * Math.sin((2 * Math.PI * 10 * i) / RATE)),
    ],
    annotations: [
      { onsetS: 0.5, text: 'stim=1' },
      { onsetS: 1.5, text: 'cue=left' },
    ],
  });
  // EPOC X's sensors in another order: replayed as an EPOC X, in EPOC order
  epocExpected = writeTestEdf(join(dir, 'epoc.bdf'), {
    format: 'BDF+C',
    recordDurationS: 1,
    signals: SHUFFLED.map((name, c) => signal(`EEG ${name}`, (i) => 4000 + c * 10 + ((i * 7) % 100))),
  });
  harness = await startHarness({
    headsets: 'INSIGHT',
    replay: [join(dir, 'ramp-01.edf'), join(dir, 'epoc.bdf')],
    dataDir: join(dir, 'data'),
  });
  client = connectCortex({ url: harness.sim.url, clientId: 'replay-test', clientSecret: 'secret' });
});
afterAll(async () => {
  await harness?.close();
  rmSync(dir, { recursive: true, force: true });
});

const eegOf = (headset: string, count: number) =>
  lastValueFrom(
    client.session({ headset }).pipe(
      switchMap((s) => s.stream('eeg')),
      filter((f): f is EegFrame => f._tag === 'eeg'),
      take(count),
      toArray(),
    ),
  );

describe('the simulator replays a recording (startSimulator({ replay }), cortex-rx simulate --replay)', () => {
  it('a generic headset named from the file streams the file sample by sample through the client, looping, annotations as hardware markers', async () => {
    const id = harness.sim.headsetIds.find((h) => h.startsWith('RAMP01-'));
    expect(id).toBeDefined();
    // Replayed headsets are listed first, in the order given: a client taking the first headset streams the file.
    expect(harness.sim.headsetIds.map((h) => h.split('-')[0])).toEqual(['RAMP01', 'EPOCX', 'INSIGHT']);
    const frames = await eegOf(id as string, LENGTH + 100);
    expect(frames[0].channels).toEqual(['Cz', 'Pz']);
    const start = rampExpected[0].findIndex((v) => Math.abs(v - frames[0].values[0]) < 0.001);
    expect(start).toBeGreaterThanOrEqual(0);
    frames.forEach((f, i) => {
      const k = (start + i) % LENGTH;
      // the wire carries 3 decimals (µV)
      expect(Math.abs(f.values[0] - rampExpected[0][k])).toBeLessThanOrEqual(0.0005 + 1e-9);
      expect(Math.abs(f.values[1] - rampExpected[1][k])).toBeLessThanOrEqual(0.0005 + 1e-9);
      if (i > 0) expect(f.timeS - frames[i - 1].timeS).toBeCloseTo(1 / RATE, 3);
    });
    const marked = frames.flatMap((f, i) => (f.markers.length > 0 ? [{ k: (start + i) % LENGTH, f }] : []));
    expect(marked.length).toBeGreaterThanOrEqual(2);
    for (const { k, f } of marked) {
      expect([64, 192]).toContain(k);
      expect(f.hardwareMarker).toBe(1);
      expect(f.markers).toEqual([
        {
          type: 'instance',
          port: 'Hardware',
          time: expect.any(Number),
          ...(k === 64 ? { label: 'stim', value: 1 } : { label: 'cue', value: 'left' }),
        },
      ]);
      expect(Math.abs((f.markers[0].time as number) / 1000 - f.timeS)).toBeLessThan(0.001);
    }
    expect(frames.filter((f) => f.markers.length === 0).every((f) => f.hardwareMarker === 0)).toBe(true);
  });

  it('a file with EPOC X sensors is an EPOC X at the file rate; a record of it exports (EDF+) the file samples', async () => {
    const id = harness.sim.headsetIds.find((h) => h.startsWith('EPOCX-')) as string;
    expect(id).toBeDefined();
    const headsets = await firstValueFrom(client.headsets());
    const headset = headsets.find((h) => h.id === id);
    expect(headset?.sensors).toEqual([...EPOC_SENSORS]);
    expect(headset?.settings.eegRate).toBe(RATE);
    const recordId = await lastValueFrom(
      client.session({ headset: id }).pipe(
        switchMap((s) => s.record({ title: 'replayed' })),
        switchMap((recording) => timer(1500).pipe(switchMap(() => [recording.record.uuid]))),
        take(1),
      ),
    );
    const folder = join(dir, 'export');
    mkdirSync(folder);
    await firstValueFrom(
      client.exportRecord({ recordIds: [recordId], folder, format: 'EDFPLUS', streamTypes: ['EEG'] }),
    );
    const file = readdirSync(folder).find((f) => f.endsWith('.edf')) as string;
    const exported = readEdf(join(folder, file));
    expect(exported.channels).toEqual([...EPOC_SENSORS]);
    expect(exported.sampleRateHz).toBe(RATE);
    expect(exported.lengthSamples).toBeGreaterThan(RATE);
    // channel AF3 is file channel SHUFFLED.indexOf('AF3'): find the position of the first exported sample, then
    // every exported sample of every channel (the last data record may be padded) is the file's, within the export's quantisation and the wire's 3 decimals
    const n = exported.lengthSamples;
    const src = (name: string) => epocExpected[SHUFFLED.indexOf(name)];
    const candidates = Array.from({ length: LENGTH }, (_, k) => k).filter((k) =>
      EPOC_SENSORS.every(
        (name, c) => Math.abs(exported.data[c * n] - src(name)[k]) <= exported.resolutionUv[c] + 0.001,
      ),
    );
    expect(candidates.length).toBeGreaterThan(0);
    const ok = candidates.some((start) =>
      EPOC_SENSORS.every((name, c) => {
        for (let i = 0; i < n - RATE; i++) {
          if (Math.abs(exported.data[c * n + i] - src(name)[(start + i) % LENGTH]) > exported.resolutionUv[c] + 0.001)
            return false;
        }
        return true;
      }),
    );
    expect(ok).toBe(true);
  });
});
