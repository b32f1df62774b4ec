// Event-locked epochs: markers injected during a record, epochs around each one, and their average (an ERP).
// The simulator adds a 25 µV bump 200 ms after each marker on parietal/occipital channels; markers 370 ms apart
// make its 10 Hz alpha and 20 Hz beta cancel in the average of 10 epochs.
// Run: npx tsx examples/eventLocked.ts
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { connectCortex } from 'cortex-rx';
import { epochsAround, toMarkerEvent, type MarkerEpoch } from 'cortex-rx/operators';
import { startSimulator } from 'cortex-rx/simulator';
import { concat, concatMap, filter, lastValueFrom, map, of, switchMap, take, toArray, timer } from 'rxjs';

/** Averages channel-major epochs of one shape. */
export function averageEpochs(epochs: readonly MarkerEpoch[]): Float64Array {
  const sum = new Float64Array(epochs[0].data.length);
  for (const e of epochs) for (let i = 0; i < sum.length; i++) sum[i] += e.data[i];
  return sum.map((v) => v / epochs.length);
}

export async function eventLocked(count: number, dataDir: string) {
  const rateHz = 256;
  const sim = await startSimulator({
    port: 0,
    dataDir,
    headsets: `EPOCX@${rateHz}`,
    blinks: false,
    evokedResponse: { amplitudeUv: 25, latencyS: 0.2, widthS: 0.02 },
  });
  const client = connectCortex({ url: sim.url, clientId: 'my-app', clientSecret: 'my-secret' });

  const epochs = await lastValueFrom(
    client.session().pipe(
      switchMap((session) =>
        session.record({ title: 'event-locked' }).pipe(
          switchMap((recording) => {
            // a stimulus every 370 ms on the headset clock: the first marker at "now", the others at exact steps from
            // it, each sent 150 ms ahead of its time (a busy machine's timer may fire late; the times stay exact)
            const stim = (value: number, timeMs?: number) =>
              recording.marker({ label: 'stim', value, timeMs }).pipe(map(toMarkerEvent));
            const markers = timer(500).pipe(
              concatMap(() => stim(0)),
              concatMap((first) =>
                concat(
                  of(first),
                  timer(370 - 150, 370).pipe(
                    take(count - 1),
                    concatMap((i) => stim(i + 1, first.timeS * 1000 + (i + 1) * 370)),
                  ),
                ),
              ),
            );
            return session.stream('eeg').pipe(
              epochsAround(markers, { beforeS: 0.1, afterS: 0.6, baselineS: 0.1, sampleRateHz: rateHz }),
              filter((e): e is MarkerEpoch => e._tag === 'markerEpoch'), // DroppedEpochs say why one is missing
              take(count),
              toArray(),
            );
          }),
        ),
      ),
      take(1), // done: stop the record, close the session
    ),
  );
  await sim.close();
  const average = averageEpochs(epochs);
  const { lengthSamples, markerIndex, channels } = epochs[0];
  const peak = (name: string) => {
    const c = channels!.indexOf(name);
    let best = markerIndex;
    for (let n = markerIndex; n < lengthSamples; n++)
      if (average[c * lengthSamples + n] > average[c * lengthSamples + best]) best = n;
    return {
      channel: name,
      latencyMs: ((best - markerIndex) / rateHz) * 1000,
      amplitudeUv: average[c * lengthSamples + best],
    };
  };
  return { epochs: epochs.length, peaks: ['O1', 'O2', 'F3'].map(peak) };
}

if (require.main === module) {
  eventLocked(10, mkdtempSync(join(tmpdir(), 'cortex-rx-erp-'))).then(
    (r) => console.log(`${r.epochs} epochs; average peaks:`, r.peaks),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
