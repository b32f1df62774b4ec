// Live band power: the embedded simulator's EEG through epoch → bandPower, printing O1's bands once a second.
// Run: npx tsx examples/liveBandPower.ts [seconds]
// Only the command-line run below needs these.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
// #region readme
import { connectCortex } from 'cortex-rx';
import { bandPower, epoch } from 'cortex-rx/operators';
import { startSimulator } from 'cortex-rx/simulator';
import { lastValueFrom, switchMap, take, tap, toArray } from 'rxjs';

export async function liveBandPower(seconds: number, dataDir: string) {
  const sim = await startSimulator({ port: 0, dataDir, headsets: 'EPOCX@256' });
  const client = connectCortex({ url: sim.url, clientId: 'my-app', clientSecret: 'my-secret' });

  const powers = await lastValueFrom(
    client.session().pipe(
      switchMap((session) => session.stream('eeg')),
      epoch({ lengthSamples: 512, hopSamples: 256 }), // 2 s windows, one per second (gaps reset the window)
      bandPower({ sampleRateHz: 256, segmentLength: 256, relative: true }), // Welch, Hann, CORTEX_BANDS
      tap((p) => {
        const o1 = p.channels!.indexOf('O1');
        const row = p.bandNames.map(
          (band, b) => `${band} ${(100 * p.relative![o1 * p.bandNames.length + b]).toFixed(0)}%`,
        );
        console.log(`O1: ${row.join('  ')}`);
      }),
      take(seconds),
      toArray(),
    ),
  );
  await sim.close();
  return powers;
}
// #endregion readme

if (require.main === module) {
  liveBandPower(Number(process.argv[2] ?? 5), mkdtempSync(join(tmpdir(), 'cortex-rx-live-'))).catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
