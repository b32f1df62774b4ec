import { firstValueFrom, switchMap, take, toArray } from 'rxjs';
import { connectCortex, type CortexClient } from 'cortex-rx';
import { bandPower, epoch, type BandPowerEpoch } from 'cortex-rx/operators';
import { startHarness, type Harness } from '../support/simulatorHarness';

const FRONTAL = ['AF3', 'F7', 'F3', 'F4', 'F8', 'AF4'];

describe('simulator → connectCortex → eeg → epoch → bandPower (end to end)', () => {
  let h: Harness;
  let client: CortexClient;
  beforeAll(async () => {
    h = await startHarness({ headsets: 'EPOCX@256', seed: 3, blinks: false });
    client = connectCortex({ url: h.sim.url, clientId: 'e2e-app', clientSecret: 'e2e-secret', lingerMs: 0 });
  });
  afterAll(() => h.close());

  it('shows alpha as the largest band on O1 and O2, and larger there than on frontal channels', async () => {
    // 2 s for the first 512-sample window, then one every 0.5 s: three epochs take ~3 s.
    const epochs: BandPowerEpoch[] = await firstValueFrom(
      client.session().pipe(
        switchMap((session) => session.stream('eeg')),
        epoch({ lengthSamples: 512, hopSamples: 128 }),
        bandPower({ sampleRateHz: 256, segmentLength: 256 }),
        take(3),
        toArray(),
      ),
    );
    expect(epochs).toHaveLength(3);
    for (const e of epochs) {
      expect(e.channelCount).toBe(14);
      expect(e.bandNames).toEqual(['theta', 'alpha', 'betaL', 'betaH', 'gamma']);
      const bandCount = e.bandNames.length;
      const alpha = e.bandNames.indexOf('alpha');
      const powers = (name: string) => {
        const c = e.channels!.indexOf(name);
        expect(c).toBeGreaterThanOrEqual(0);
        return Array.from(e.absoluteUv2.subarray(c * bandCount, (c + 1) * bandCount));
      };
      for (const occipital of ['O1', 'O2']) {
        const row = powers(occipital);
        expect(row.every((p) => Number.isFinite(p) && p > 0)).toBe(true);
        expect(row.indexOf(Math.max(...row))).toBe(alpha);
        for (const frontal of FRONTAL) expect(row[alpha]).toBeGreaterThan(powers(frontal)[alpha]);
      }
    }
    // Consecutive epochs start 128 samples (0.5 s) apart.
    expect(epochs[1].startSampleIndex - epochs[0].startSampleIndex).toBe(128);
    // Frame times carry ±0.2 ms of jitter (4 decimals, like real Cortex).
    expect(Math.abs(epochs[1].startTimeS - epochs[0].startTimeS - 0.5)).toBeLessThan(0.0005);
  });
});
