// Reading an export back: record 3 s with markers on the embedded simulator, export it as CSV, read the CSV back
// into typed arrays and analyse it offline. (EDF+ exports open in MNE: mne.io.read_raw_edf, or EDFbrowser.)
// Run: npx tsx examples/readExport.ts [folder]
import { mkdtempSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { connectCortex } from 'cortex-rx';
import { startSimulator } from 'cortex-rx/simulator';
import { analyzeCapture, readCsvExport } from 'cortex-rx/plot';
import {
  endWith,
  firstValueFrom,
  ignoreElements,
  interval,
  lastValueFrom,
  mergeMap,
  switchMap,
  take,
  takeUntil,
  timer,
} from 'rxjs';

export async function readExport(folder: string) {
  const sim = await startSimulator({ port: 0, dataDir: join(folder, 'cortex-data'), headsets: 'EPOCX@256' });
  const client = connectCortex({ url: sim.url, clientId: 'my-app', clientSecret: 'my-secret' });

  // 3 s record with a marker every 500 ms
  const recordId = await lastValueFrom(
    client.session().pipe(
      switchMap((session) => session.record({ title: 'read me back' })),
      switchMap((recording) =>
        interval(500).pipe(
          mergeMap((i) => recording.marker({ label: 'beep', value: i })),
          takeUntil(timer(3000)),
          ignoreElements(),
          endWith(recording.record.uuid),
        ),
      ),
      take(1),
    ),
  );
  await firstValueFrom(client.exportRecord({ recordIds: [recordId], folder, format: 'CSV', streamTypes: ['EEG'] }));
  await sim.close();

  // read it back: one channel-major Float64Array, sample times, markers
  const files = readdirSync(folder);
  const file = (suffix: string) => join(folder, files.find((f) => f.endsWith(suffix))!);
  const capture = readCsvExport(file('_EEG.csv'), file('_markers.csv'));
  const { psd } = await analyzeCapture(capture);
  const o1 = capture.channels.indexOf('O1');
  const bins = psd.frequenciesHz.length;
  const o1Psd = Array.from(psd.psd.subarray(o1 * bins, (o1 + 1) * bins));
  const peakHz = psd.frequenciesHz[o1Psd.indexOf(Math.max(...o1Psd.slice(1)))];
  return {
    channels: capture.channels,
    sampleRateHz: capture.sampleRateHz,
    durationS: capture.lengthSamples / capture.sampleRateHz,
    markers: capture.markers.map((m) => `${m.label}=${m.value} at +${(m.timeS - capture.timesS[0]).toFixed(3)} s`),
    o1PeakHz: peakHz,
  };
}

if (require.main === module) {
  readExport(process.argv[2] ?? mkdtempSync(join(tmpdir(), 'cortex-rx-read-'))).then(
    (r) => console.log(r),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
