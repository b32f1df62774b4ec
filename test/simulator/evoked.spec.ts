import { FRAME_TIME_TOLERANCE_S } from '../../src/simulator/frameTimeStamp';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startSimulator } from '../../src/simulator';
import { EPOC_SENSORS, HEADSET_MODELS } from '../../src/simulator/headsetModels';
import {
  createEvokedResponse,
  EVOKED_RESPONSE_CHANNELS,
  type EvokedResponseConfig,
} from '../../src/simulator/signals/createEvokedResponse';
import { VirtualHeadset } from '../../src/simulator/virtualHeadset';
import type { HeadsetSink, RecordedStream } from '../../src/simulator/headsetSink';
import { startHarness, openSession } from '../support/simulatorHarness';
import { until } from '../support/rawClient';

const RATE_HZ = 256;
/** COUNTER, INTERPOLATED, the 14 sensors, RAW_CQ, MARKER_HARDWARE, then MARKERS. */
const MARKERS_COLUMN = 2 + EPOC_SENSORS.length + 2;
const P300: EvokedResponseConfig = { amplitudeUv: 8, latencyS: 0.3, widthS: 0.05 };
/** The documented waveform: a Gaussian from the marker on, cut 5 widths after its peak. */
const gaussianUv = (c: EvokedResponseConfig, sinceMarkerS: number) =>
  sinceMarkerS < 0 || sinceMarkerS > c.latencyS + 5 * c.widthS
    ? 0
    : c.amplitudeUv * Math.exp(-0.5 * ((sinceMarkerS - c.latencyS) / c.widthS) ** 2);

describe('createEvokedResponse', () => {
  it('adds the Gaussian bump after the marker, on the parietal/occipital channels only', () => {
    const evoked = createEvokedResponse(P300, EPOC_SENSORS);
    expect(evoked.channelIndices.map((c) => EPOC_SENSORS[c])).toEqual(['P7', 'O1', 'O2', 'P8']);
    const markerS = 1_700_000_000.1234;
    evoked.trigger(markerS);
    const out = new Float64Array(EPOC_SENSORS.length);
    const start = Math.floor(markerS * RATE_HZ) - 10;
    for (let k = start; k < start + RATE_HZ; k++) {
      const timeS = k / RATE_HZ;
      out.fill(0);
      evoked.addTo(out, timeS);
      const expected = gaussianUv(P300, timeS - markerS);
      EPOC_SENSORS.forEach((name, c) => {
        const onChannel = EVOKED_RESPONSE_CHANNELS.includes(name);
        expect(out[c]).toBeCloseTo(onChannel ? expected : 0, 9);
      });
    }
  });

  it('adds overlapping responses, honours `channels`, and forgets a response once it is over', () => {
    const evoked = createEvokedResponse({ ...P300, channels: ['AF3', 'Nope'] }, EPOC_SENSORS);
    expect(evoked.channelIndices).toEqual([0]);
    evoked.trigger(100);
    evoked.trigger(100.1);
    const out = new Float64Array(EPOC_SENSORS.length);
    evoked.addTo(out, 100.35);
    expect(out[0]).toBeCloseTo(gaussianUv(P300, 0.35) + gaussianUv(P300, 0.25), 9);
    expect(out.slice(1).every((v) => v === 0)).toBe(true);
    out.fill(0);
    evoked.addTo(out, 101); // both over (cut 5 widths after the peak)
    evoked.addTo(out, 100.3); // forgotten: time only moves forward
    expect(out[0]).toBe(0);
  });

  it('checks its configuration eagerly, with the field in the message', () => {
    expect(() => createEvokedResponse({ ...P300, amplitudeUv: NaN }, EPOC_SENSORS)).toThrow(
      'evokedResponse.amplitudeUv must be finite, got NaN',
    );
    expect(() => createEvokedResponse({ ...P300, latencyS: -0.1 }, EPOC_SENSORS)).toThrow(
      'evokedResponse.latencyS must be a finite number >= 0, got -0.1',
    );
    expect(() => createEvokedResponse({ ...P300, widthS: 0 }, EPOC_SENSORS)).toThrow(
      'evokedResponse.widthS must be a positive finite number, got 0',
    );
  });
});

describe('VirtualHeadset evoked response', () => {
  /** A headset with one sink that keeps every recorded eeg row (counter, interpolated, sensors…). */
  function headset(evokedResponse?: EvokedResponseConfig) {
    const rows: Array<{ timeS: number; values: number[] }> = [];
    const sink: HeadsetSink = {
      sessionId: 's',
      isSubscribed: () => false,
      sendFrame: () => undefined,
      metDecimation: 1,
      recordSample: (stream: RecordedStream, timeS: number, values: ArrayLike<number>) => {
        if (stream === 'eeg') rows.push({ timeS, values: Array.from(values) });
      },
    };
    const h = new VirtualHeadset({
      id: 'EPOCX-TEST',
      model: HEADSET_MODELS.EPOCX,
      eegRateHz: RATE_HZ,
      seed: 7,
      blinks: true,
      packetLossRatio: 0,
      initialStatus: 'connected',
      evokedResponse,
    });
    h.sinks.add(sink);
    return { h, rows };
  }

  it('changes exactly the samples after the marker, by the waveform at each sample time; off by default', () => {
    const plain = headset();
    const evoked = headset(P300);
    const t0Ms = 1_700_000_000_000;
    const markerS = (t0Ms + 200.3) / 1000;
    for (let ms = t0Ms; ms <= t0Ms + 1500; ms += 20) {
      if (ms === t0Ms + 220) {
        // injectMarker handled at 220 ms: EEG has been produced up to 150 ms, the marker is at 200.3 ms
        plain.h.triggerEvokedResponse(markerS);
        evoked.h.triggerEvokedResponse(markerS);
      }
      plain.h.tick(ms);
      evoked.h.tick(ms);
    }
    expect(evoked.rows.length).toBeGreaterThan(300);
    expect(evoked.rows.map((r) => r.timeS)).toEqual(plain.rows.map((r) => r.timeS));
    let peak = { timeS: 0, uv: 0 };
    evoked.rows.forEach((row, i) => {
      const expected = gaussianUv(P300, row.timeS - markerS);
      EPOC_SENSORS.forEach((name, c) => {
        const diff = row.values[2 + c] - plain.rows[i].values[2 + c];
        expect(diff).toBeCloseTo(EVOKED_RESPONSE_CHANNELS.includes(name) ? expected : 0, 9);
        if (name === 'O1' && diff > peak.uv) peak = { timeS: row.timeS, uv: diff };
      });
    });
    expect(Math.abs(peak.timeS - (markerS + P300.latencyS))).toBeLessThanOrEqual(0.5 / RATE_HZ);
    expect(peak.uv).toBeGreaterThan(P300.amplitudeUv * 0.99);
  });
});

describe('simulator option evokedResponse', () => {
  it('injectMarker adds the response to the streamed EEG at the marker time + latency', async () => {
    const config: EvokedResponseConfig = { amplitudeUv: 400, latencyS: 0.1, widthS: 0.02 };
    const h = await startHarness({ headsets: 'EPOCX@256', blinks: false, evokedResponse: config });
    try {
      const c = await h.client();
      const { token, sessionId } = await openSession(c, h.sim);
      await c.result('createRecord', { cortexToken: token, session: sessionId, title: 'evoked' });
      await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['eeg'] });
      await until(() => c.data('eeg', sessionId).length > 64, 'eeg before the marker');
      const markerMs = Date.now() + 0.4;
      await c.result('injectMarker', {
        cortexToken: token,
        session: sessionId,
        time: markerMs,
        value: 1,
        label: 'stim',
      });
      const lastTimeS = () => c.data('eeg', sessionId).at(-1)?.time ?? 0;
      await until(() => lastTimeS() > markerMs / 1000 + config.latencyS + 0.05, 'eeg past the response peak');
      const eeg = c.data('eeg', sessionId);
      const at = (timeS: number) =>
        eeg.reduce((best, f) => (Math.abs(f.time - timeS) < Math.abs(best.time - timeS) ? f : best));
      const column = (name: (typeof EPOC_SENSORS)[number]) => 2 + EPOC_SENSORS.indexOf(name);
      const marked = eeg.filter((f) => (f.values[MARKERS_COLUMN] as unknown[]).length > 0);
      expect(marked).toHaveLength(1);
      // A frame's time carries jitter and is rounded to 0.1 ms, as real frames are.
      expect(Math.abs(marked[0].time - markerMs / 1000)).toBeLessThanOrEqual(0.5 / RATE_HZ + FRAME_TIME_TOLERANCE_S);
      const peak = at(markerMs / 1000 + config.latencyS);
      const before = at(markerMs / 1000 - 0.01);
      // The background (alpha ≤ 20 µV, noise 2 µV) moves a channel by well under 100 µV in 110 ms.
      for (const name of ['P7', 'O1', 'O2', 'P8'] as const) {
        const rise = (peak.values[column(name)] as number) - (before.values[column(name)] as number);
        expect(
          Math.abs(
            rise -
              config.amplitudeUv *
                Math.exp(-0.5 * ((peak.time - markerMs / 1000 - config.latencyS) / config.widthS) ** 2),
          ),
        ).toBeLessThan(100);
      }
      for (const name of ['AF3', 'F7', 'T7', 'T8', 'AF4'] as const) {
        expect(Math.abs((peak.values[column(name)] as number) - (before.values[column(name)] as number))).toBeLessThan(
          100,
        );
      }
    } finally {
      await h.close();
    }
  });

  it('refuses a bad evokedResponse before opening anything', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-evoked-'));
    try {
      await expect(
        startSimulator({ port: 0, dataDir, evokedResponse: { amplitudeUv: 5, latencyS: 0.3, widthS: -1 } }),
      ).rejects.toThrow('evokedResponse.widthS must be a positive finite number, got -1');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
