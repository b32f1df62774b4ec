import { from, toArray, lastValueFrom, filter } from 'rxjs';
import { welchPsd } from '../dsp/welchPsd';
import type { EegCapture } from '../observables/collect';
import { bandPower } from '../operators/bandPower';
import { epoch } from '../operators/epoch';
import { epochsAround, type MarkerEpoch } from '../operators/epochsAround';
import type { BandPowerFigureData } from './bandPowerFigure';
import { captureSamples } from './captureSamples';
import type { ErpFigureData } from './erpFigure';
import type { PsdFigureData } from './psdFigure';

/** What the plots show of a capture. */
export interface CaptureAnalysis {
  readonly psd: PsdFigureData;
  readonly bandPower: BandPowerFigureData;
  /** The ERP around the capture's markers; undefined without markers (or when no epoch fit). */
  readonly erp: ErpFigureData | undefined;
}

/** Options of {@link analyzeCapture}. */
export interface AnalyzeConfig {
  /** Band-power epochs, seconds (default 2). */
  readonly epochS?: number;
  /** Step between band-power epochs, seconds (default 0.5). */
  readonly hopS?: number;
  /** ERP window before / after each marker, seconds (default 0.2 / 0.8); baseline: the whole pre-marker part. */
  readonly erpBeforeS?: number;
  readonly erpAfterS?: number;
}

const largestPowerOfTwoAtMost = (n: number) => 2 ** Math.floor(Math.log2(n));

/**
 * Computes what the plots show from a capture (live, or read back from an export): the Welch PSD per channel over
 * the whole capture (1 s Hann segments), relative band power per epoch (`epoch` → `bandPower`), and the average of
 * baseline-corrected epochs around the markers (`epochsAround`).
 *
 * ## Example
 * ```ts
 * import { analyzeCapture, psdFigure, renderSvg } from 'cortex-rx/plot';
 * const a = await analyzeCapture(capture);
 * const svg = await renderSvg(psdFigure(a.psd));
 * ```
 */
export async function analyzeCapture(capture: EegCapture, config: AnalyzeConfig = {}): Promise<CaptureAnalysis> {
  const { channels, sampleRateHz: rateHz, data, lengthSamples: n, timesS } = capture;
  const segmentLength = largestPowerOfTwoAtMost(Math.min(n, rateHz));
  if (segmentLength < 8) throw new RangeError(`the capture is too short to analyse: ${n} samples`);

  let frequenciesHz: Float64Array = new Float64Array(0);
  const psdParts: Float64Array[] = [];
  channels.forEach((_, c) => {
    const r = welchPsd(data.subarray(c * n, (c + 1) * n), { sampleRateHz: rateHz, segmentLength });
    frequenciesHz = r.frequenciesHz;
    psdParts.push(r.psd);
  });
  const psd = new Float64Array(psdParts.reduce((s, p) => s + p.length, 0));
  psdParts.forEach((p, c) => psd.set(p, c * p.length));

  const epochLength = Math.min(n, Math.round((config.epochS ?? 2) * rateHz));
  const epochs = await lastValueFrom(
    from(captureSamples(capture)).pipe(
      epoch({ lengthSamples: epochLength, hopSamples: Math.max(1, Math.round((config.hopS ?? 0.5) * rateHz)) }),
      bandPower({
        sampleRateHz: rateHz,
        segmentLength: largestPowerOfTwoAtMost(Math.min(epochLength, rateHz)),
        relative: true,
      }),
      toArray(),
    ),
  );
  const t0 = timesS[0];
  const bandPowerData: BandPowerFigureData = {
    channels,
    bandNames: epochs[0]?.bandNames ?? [],
    timesS: epochs.map((e) => e.startTimeS - t0 + epochLength / rateHz / 2),
    relative: epochs.map((e) => e.relative ?? new Float64Array(0)),
  };

  let erp: ErpFigureData | undefined;
  if (capture.markers.length > 0) {
    const beforeS = config.erpBeforeS ?? 0.2;
    const afterS = config.erpAfterS ?? 0.8;
    const around = await lastValueFrom(
      from(captureSamples(capture)).pipe(
        epochsAround(from(capture.markers), { beforeS, afterS, baselineS: beforeS, sampleRateHz: rateHz }),
        filter((e): e is MarkerEpoch => e._tag === 'markerEpoch'),
        toArray(),
      ),
    );
    if (around.length > 0) {
      const average = new Float64Array(around[0].data.length);
      for (const e of around) for (let i = 0; i < average.length; i++) average[i] += e.data[i] / around.length;
      const { lengthSamples, markerIndex } = around[0];
      erp = {
        channels,
        timesMs: Array.from({ length: lengthSamples }, (_, i) => ((i - markerIndex) / rateHz) * 1000),
        average,
        epochCount: around.length,
      };
    }
  }
  return { psd: { channels, frequenciesHz, psd }, bandPower: bandPowerData, erp };
}
