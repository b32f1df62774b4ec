/** Sensors that carry the evoked response unless `EvokedResponseConfig.channels` says otherwise (posterior ones). */
export const EVOKED_RESPONSE_CHANNELS: readonly string[] = Object.freeze([
  'P7',
  'P3',
  'Pz',
  'P4',
  'P8',
  'O1',
  'Oz',
  'O2',
]);

/** The waveform is cut this many `widthS` after its peak, where it is below 4·10⁻⁶ of the peak (exp(−12.5)). */
const EVOKED_CUTOFF_WIDTHS = 5;

/** A deterministic event-related response the simulator adds to the EEG after each injected marker (P300-like). */
export interface EvokedResponseConfig {
  /** Peak amplitude of the Gaussian bump, in µV (negative for a negative deflection). */
  readonly amplitudeUv: number;
  /** Time from the marker to the peak, in seconds (>= 0; 0.3 for a P300). */
  readonly latencyS: number;
  /** Standard deviation of the Gaussian bump, in seconds (> 0). */
  readonly widthS: number;
  /** Sensors that carry the response; names the headset lacks are ignored. Defaults to `EVOKED_RESPONSE_CHANNELS`. */
  readonly channels?: readonly string[];
}

/** The evoked responses of one headset; see `createEvokedResponse`. */
export interface EvokedResponse {
  /** Indices (in the headset's channel order) of the channels that carry the response. */
  readonly channelIndices: readonly number[];
  /** Starts one response for a marker at `markerTimeS` (seconds since the epoch, on the sample clock). */
  trigger(markerTimeS: number): void;
  /**
   * Adds every response active at `timeS` (a sample time, seconds since the epoch) to `out` (one value per
   * channel, µV), and forgets the responses that are over. Sample times must not decrease between calls.
   */
  addTo(out: Float64Array, timeS: number): void;
}

/**
 * Creates the evoked responses of a simulated headset: each `trigger(markerTimeS)` adds, to the samples produced
 * afterwards, `amplitudeUv · exp(−½ · ((t − markerTimeS − latencyS) / widthS)²)` at every sample time
 * `t >= markerTimeS` on the response channels (zero before the marker, cut `5 · widthS` after the peak).
 *
 * Like the blinks of `createSyntheticEeg`, but locked to markers instead of seeded: the waveform is a function of the
 * sample time alone, so an event-locked average of the simulated EEG recovers it exactly (up to the background EEG
 * averaged over the epochs). Overlapping responses add up.
 *
 * NaN policy: never produces NaN; configuration is validated eagerly; a non-finite marker time is ignored.
 *
 * ## Example
 * ```ts
 * import { startSimulator } from 'cortex-rx/simulator';
 *
 * // Every injectMarker adds a 10 µV bump peaking 300 ms after the marker on P7, P8, O1 and O2 (EPOC X).
 * const sim = await startSimulator({ port: 0, evokedResponse: { amplitudeUv: 10, latencyS: 0.3, widthS: 0.05 } });
 * ```
 *
 * @param config `amplitudeUv`, `latencyS`, `widthS`, `[config.channels=EVOKED_RESPONSE_CHANNELS]`.
 * @param channels the headset's sensor names, in sample order.
 * @returns the response generator, with nothing triggered.
 * @throws RangeError when the amplitude is not finite, the latency is negative, the width is not positive, or
 *   `channels` is not an array of names.
 * @see createSyntheticEeg
 */
export function createEvokedResponse(config: EvokedResponseConfig, channels: readonly string[]): EvokedResponse {
  const { amplitudeUv, latencyS, widthS } = config;
  if (!Number.isFinite(amplitudeUv)) {
    throw new RangeError(`evokedResponse.amplitudeUv must be finite, got ${amplitudeUv}`);
  }
  if (!(Number.isFinite(latencyS) && latencyS >= 0)) {
    throw new RangeError(`evokedResponse.latencyS must be a finite number >= 0, got ${latencyS}`);
  }
  if (!(Number.isFinite(widthS) && widthS > 0)) {
    throw new RangeError(`evokedResponse.widthS must be a positive finite number, got ${widthS}`);
  }
  const names = config.channels ?? EVOKED_RESPONSE_CHANNELS;
  if (!Array.isArray(names) || !names.every((c) => typeof c === 'string')) {
    throw new RangeError(`evokedResponse.channels must be an array of sensor names, got ${String(names)}`);
  }
  const channelIndices = Object.freeze(channels.flatMap((name, c) => (names.includes(name) ? [c] : [])));
  const durationS = latencyS + EVOKED_CUTOFF_WIDTHS * widthS;
  let onsetsS: number[] = [];
  return {
    channelIndices,
    trigger(markerTimeS: number): void {
      if (Number.isFinite(markerTimeS) && channelIndices.length > 0) onsetsS.push(markerTimeS);
    },
    addTo(out: Float64Array, timeS: number): void {
      if (onsetsS.length === 0) return;
      let uv = 0;
      for (const onsetS of onsetsS) {
        const sinceMarkerS = timeS - onsetS;
        if (sinceMarkerS < 0 || sinceMarkerS > durationS) continue;
        const z = (sinceMarkerS - latencyS) / widthS;
        uv += amplitudeUv * Math.exp(-0.5 * z * z);
      }
      if (onsetsS.some((onsetS) => timeS - onsetS > durationS)) {
        onsetsS = onsetsS.filter((onsetS) => timeS - onsetS <= durationS);
      }
      if (uv === 0) return;
      for (const c of channelIndices) out[c] += uv;
    },
  };
}
