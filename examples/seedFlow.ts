// The seed flow of the Cortex docs, reactively: session → stream → record with markers → export.
// Run: npx tsx examples/seedFlow.ts            (starts the embedded simulator)
//      CORTEX_URL=wss://localhost:6868 CORTEX_CLIENT_ID=... CORTEX_CLIENT_SECRET=... npx tsx examples/seedFlow.ts
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
// #region readme
import { connectCortex } from 'cortex-rx';
import { startSimulator } from 'cortex-rx/simulator';
import {
  concatMap,
  endWith,
  filter,
  firstValueFrom,
  ignoreElements,
  interval,
  lastValueFrom,
  merge,
  switchMap,
  take,
} from 'rxjs';

export async function seedFlow(folder: string, url?: string): Promise<string[]> {
  const sim = url ? undefined : await startSimulator({ port: 0, dataDir: join(folder, 'cortex-data') });
  const client = connectCortex({
    url: url ?? sim!.url,
    clientId: process.env.CORTEX_CLIENT_ID ?? 'my-app',
    clientSecret: process.env.CORTEX_CLIENT_SECRET ?? 'my-secret',
  });

  // Subscribing creates the session (connecting a headset if needed); unsubscribing closes it.
  const recordId = await lastValueFrom(
    client.session().pipe(
      switchMap((session) =>
        session.record({ title: 'seed flow', tags: ['demo'] }).pipe(
          switchMap((recording) =>
            merge(
              // 2 s of EEG frames while recording (typed: channels, Float64Array values, markers)
              session.stream('eeg').pipe(
                filter((e) => e._tag === 'eeg'),
                take(2 * session.info.headset.settings.eegRate),
              ),
              // a marker every 400 ms, on the headset clock
              interval(400).pipe(
                take(4),
                concatMap((i) => recording.marker({ label: 'stimulus', value: i })),
              ),
            ).pipe(ignoreElements(), endWith(recording.record.uuid)),
          ),
        ),
      ),
      take(1), // leaving stops the record and closes the session
    ),
  );

  // exportRecord waits for the record's post-processing (warning 30) before exporting.
  const result = await firstValueFrom(
    client.exportRecord({ recordIds: [recordId], folder, format: 'EDFPLUS', streamTypes: ['EEG'] }),
  );
  await sim?.close();
  return result.success.map((s) => s.recordId);
}
// #endregion readme

if (require.main === module) {
  const folder = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'cortex-rx-seed-'));
  seedFlow(folder, process.env.CORTEX_URL).then(
    (ids) => console.log(`exported ${ids.join(', ')} to ${folder}`),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
