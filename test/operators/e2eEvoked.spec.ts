import { lastValueFrom, map, mergeMap, Subject, type Subscription } from 'rxjs';
import { connectCortex, type CortexSession, type Recording } from 'cortex-rx';
import { detectGaps } from '../../src/operators/detectGaps';
import { epochsAround, type DroppedEpoch, type MarkerEpoch } from '../../src/operators/epochsAround';
import type { MarkerEvent } from '../../src/operators/markerEvent';
import { toMarkerEvent } from '../../src/operators/toMarkerEvent';
import { startHarness, type Harness } from '../support/simulatorHarness';
import { sleep, until } from '../support/rawClient';

const RATE_HZ = 256;
const EVOKED = { amplitudeUv: 25, latencyS: 0.2, widthS: 0.02 };
/** Default evoked channels present on an EPOC X. */
const EVOKED_CHANNELS = ['P7', 'O1', 'O2', 'P8'];
const EPOCHS = { beforeS: 0.1, afterS: 0.5, baselineS: 0.1, sampleRateHz: RATE_HZ };
const MARKER_COUNT = 10;
/**
 * 370 ms between markers, so that the background sinusoids of the synthetic EEG cancel in the average of ten epochs:
 * alpha (10 Hz) advances 3.7 cycles per marker and beta (20 Hz) 7.4, so ten epochs see alpha at ten evenly spaced
 * phases and beta at five (each twice): both sum to zero; theta (6 Hz, 2.22 cycles) is cut to 9 %. What remains is
 * noise (2 µV / √10) and the sub-sample offsets of the markers. Its responses do not overlap the baseline or the
 * window of the next marker (they are 3.5 widths away at the edges).
 */
const MARKER_SPACING_MS = 370;

describe('evoked response end to end: simulator → client → epochsAround → average', () => {
  let h: Harness;
  const subs: Subscription[] = [];
  afterEach(async () => {
    subs.splice(0).forEach((s) => s.unsubscribe());
    await sleep(20);
    await h?.close();
  });

  it('recovers the bump at its latency on its channels, and nothing elsewhere', async () => {
    h = await startHarness({ headsets: 'EPOCX@256', blinks: false, evokedResponse: EVOKED });
    const client = connectCortex({ url: h.sim.url, clientId: 'erp-app', clientSecret: 'erp-secret', lingerMs: 0 });
    const session = await new Promise<CortexSession>((resolve, reject) =>
      subs.push(client.session({ headset: h.sim.headsetIds[0] }).subscribe({ next: resolve, error: reject })),
    );

    // A: markers as the client got them back from injectMarker (ISO startDatetime), arriving before their samples
    const injected$ = new Subject<MarkerEvent>();
    const fromClient: Array<MarkerEpoch | DroppedEpoch> = [];
    subs.push(
      session
        .stream('eeg')
        .pipe(detectGaps({ sampleRateHz: RATE_HZ }), epochsAround(injected$, EPOCHS))
        .subscribe((e) => fromClient.push(e)),
    );
    // B: markers from the MARKERS column of the eeg samples themselves (time in ms), arriving with their samples
    const eeg$ = session.stream('eeg');
    const columnMarkers$ = eeg$.pipe(mergeMap((f) => (f._tag === 'eeg' ? f.markers.map(toMarkerEvent) : [])));
    const fromColumn: Array<MarkerEpoch | DroppedEpoch> = [];
    subs.push(eeg$.pipe(epochsAround(columnMarkers$, EPOCHS)).subscribe((e) => fromColumn.push(e)));

    const recording = await new Promise<Recording>((resolve, reject) =>
      subs.push(session.record({ title: 'oddball' }).subscribe({ next: resolve, error: reject })),
    );

    // Each marker is injected ahead of its time, like a stimulus scheduled on the Cortex clock (the system clock in
    // the simulator); the evoked response follows each marker. 300 ms ahead: a marker whose sample was already sent
    // (a request slowed by a busy machine past the EEG's 50 ms latency) would go only into the record, not into the
    // MARKERS column that path B reads.
    const AHEAD_MS = 300;
    const firstMs = Date.now() + AHEAD_MS + 100;
    for (let k = 0; k < MARKER_COUNT; k++) {
      const timeMs = firstMs + k * MARKER_SPACING_MS;
      await sleep(Math.max(0, timeMs - AHEAD_MS - Date.now()));
      const marker = await lastValueFrom(
        recording.marker({ label: 'stim', value: k, timeMs }).pipe(map(toMarkerEvent)),
      );
      expect(marker.timeS).toBeCloseTo(timeMs / 1000, 6);
      injected$.next(marker);
    }
    // Every epoch both ways (on a busy machine the last samples may come late): a condition, not a fixed wait.
    await until(
      () => fromClient.length >= MARKER_COUNT && fromColumn.length >= MARKER_COUNT,
      'every epoch from both marker sources',
      30_000,
    );

    expect(fromClient.filter((e) => e._tag === 'droppedEpoch')).toEqual([]);
    const epochs = fromClient as MarkerEpoch[];
    expect(epochs.map((e) => e.marker.value)).toEqual([...Array(MARKER_COUNT).keys()]);
    // The same epochs, whichever way the markers came
    expect(fromColumn.map((e) => (e._tag === 'markerEpoch' ? [e.startTimeS, Array.from(e.data)] : e))).toEqual(
      epochs.map((e) => [e.startTimeS, Array.from(e.data)]),
    );

    const { channels, channelCount, lengthSamples, markerIndex } = epochs[0];
    expect(markerIndex).toBe(26); // round(0.1 · 256)
    expect(lengthSamples).toBe(26 + 1 + 128);
    // Half a period, plus the ±0.2 ms jitter and 4-decimal rounding of frame times (like real Cortex).
    for (const e of epochs)
      expect(Math.abs(e.startTimeS + markerIndex / RATE_HZ - e.marker.timeS)).toBeLessThanOrEqual(
        0.5 / RATE_HZ + 0.00026,
      );
    const average = new Float64Array(channelCount * lengthSamples);
    for (const e of epochs) for (let i = 0; i < average.length; i++) average[i] += e.data[i] / epochs.length;

    // Per channel, after the marker: where the average peaks (relative to marker + latency), its value, and its largest |value|.
    const latencySamples = Math.round(EVOKED.latencyS * RATE_HZ);
    const summary = channels!.map((name, c) => {
      const post = average.subarray(c * lengthSamples + markerIndex, (c + 1) * lengthSamples);
      let argmax = 0;
      for (let i = 1; i < post.length; i++) if (post[i] > post[argmax]) argmax = i;
      return {
        name,
        peakOffsetSamples: argmax - latencySamples,
        peakUv: post[argmax],
        maxAbsUv: Math.max(...Array.from(post, Math.abs)),
      };
    });
    const context = JSON.stringify(
      summary.map((x) => ({ ...x, peakUv: x.peakUv.toFixed(1), maxAbsUv: x.maxAbsUv.toFixed(1) })),
    );
    for (const x of summary) {
      if (EVOKED_CHANNELS.includes(x.name)) {
        expect([
          x.name,
          Math.abs(x.peakOffsetSamples) <= 2,
          Math.abs(x.peakUv - EVOKED.amplitudeUv) < 0.2 * EVOKED.amplitudeUv,
          context,
        ]).toEqual([x.name, true, true, context]);
      } else {
        expect([x.name, x.maxAbsUv < 0.25 * EVOKED.amplitudeUv, context]).toEqual([x.name, true, context]);
      }
    }
  }, 90_000);
});
