import { mulberry32 } from './prng';

/** DC offset of raw Cortex EEG samples, in µV: the simulator's signal is centred on it, as real headsets' are. */
export const EEG_DC_OFFSET_UV = 4200;

/** One sinusoid of the synthetic EEG: `amplitudeUv · sin(2π · frequencyHz · t + phaseRad)`. */
export interface SineComponent {
  /** Frequency in Hz, in `[0, sampleRateHz / 2)`. */
  readonly frequencyHz: number;
  /** Peak amplitude in µV (the component's power is `amplitudeUv² / 2` µV²). */
  readonly amplitudeUv: number;
  /** Phase at sample 0, in radians. When omitted, a phase is drawn from the seed (per channel and component). */
  readonly phaseRad?: number;
}

/** Which sinusoids each channel carries: a table keyed by sensor name, with a fallback for unlisted sensors. */
export interface SyntheticSpectrum {
  /** Components of any channel not listed in `channels`. */
  readonly default: readonly SineComponent[];
  /** Components per sensor name (`'O1'`, `'AF3'`, …). */
  readonly channels: Readonly<Record<string, readonly SineComponent[]>>;
}

const ALPHA_HZ = 10;
const THETA_HZ = 6;
const BETA_HZ = 20;

const POSTERIOR: readonly SineComponent[] = Object.freeze([
  { frequencyHz: ALPHA_HZ, amplitudeUv: 20 },
  { frequencyHz: THETA_HZ, amplitudeUv: 2 },
  { frequencyHz: BETA_HZ, amplitudeUv: 2 },
]);
const PARIETAL: readonly SineComponent[] = Object.freeze([
  { frequencyHz: ALPHA_HZ, amplitudeUv: 10 },
  { frequencyHz: THETA_HZ, amplitudeUv: 2 },
  { frequencyHz: BETA_HZ, amplitudeUv: 2 },
]);
const FRONTAL: readonly SineComponent[] = Object.freeze([
  { frequencyHz: THETA_HZ, amplitudeUv: 10 },
  { frequencyHz: ALPHA_HZ, amplitudeUv: 4 },
  { frequencyHz: BETA_HZ, amplitudeUv: 2 },
]);
const ELSEWHERE: readonly SineComponent[] = Object.freeze([
  { frequencyHz: ALPHA_HZ, amplitudeUv: 4 },
  { frequencyHz: THETA_HZ, amplitudeUv: 3 },
  { frequencyHz: BETA_HZ, amplitudeUv: 2 },
]);

/**
 * The default spectral content of `createSyntheticEeg`, as data (peak amplitudes in µV):
 *
 * | sensors                                  | alpha 10 Hz | theta 6 Hz | beta 20 Hz |
 * | ---------------------------------------- | ----------- | ---------- | ---------- |
 * | O1, O2 (occipital)                       | 20          | 2          | 2          |
 * | P7, P8, Pz (parietal)                    | 10          | 2          | 2          |
 * | AF3 F7 F3 FC5 FC6 F4 F8 AF4 (frontal)    | 4           | 10         | 2          |
 * | anything else (T7, T8, …)                | 4           | 3          | 2          |
 *
 * On top of this: white Gaussian noise (σ = `noiseUv`, 2 µV by default, i.e. a flat `2σ²/sampleRateHz` µV²/Hz),
 * the 4200 µV offset, and optional blinks. So the alpha band ([8, 12) Hz) dominates O1/O2 (200 µV² against
 * 2 µV² of theta and beta), and theta ([4, 8) Hz) is 25 times stronger on frontal sensors than on O1/O2.
 *
 * ## Example
 * ```ts
 * import { DEFAULT_SPECTRUM } from 'cortex-rx/simulator';
 *
 * const o1 = DEFAULT_SPECTRUM.channels.O1 ?? DEFAULT_SPECTRUM.default;
 * const alphaPowerUv2 = o1[0].amplitudeUv ** 2 / 2; // 200
 * ```
 */
export const DEFAULT_SPECTRUM: SyntheticSpectrum = Object.freeze({
  default: ELSEWHERE,
  channels: Object.freeze({
    O1: POSTERIOR,
    O2: POSTERIOR,
    P7: PARIETAL,
    P8: PARIETAL,
    Pz: PARIETAL,
    AF3: FRONTAL,
    F7: FRONTAL,
    F3: FRONTAL,
    FC5: FRONTAL,
    FC6: FRONTAL,
    F4: FRONTAL,
    F8: FRONTAL,
    AF4: FRONTAL,
  }),
});

/** Blink weight per sensor: blinks are strongest right above the eyes and fade with distance. */
const BLINK_WEIGHTS: Readonly<Record<string, number>> = Object.freeze({
  Fp1: 1,
  Fp2: 1,
  AF3: 1,
  AF4: 1,
  F7: 0.6,
  F8: 0.6,
});

/** Options of `createSyntheticEeg`. */
export interface SyntheticEegConfig {
  /** Sensor names in output order, e.g. `EPOC_SENSORS`. Names select the components in `DEFAULT_SPECTRUM`. */
  readonly channels: readonly string[];
  /** Sampling rate in Hz (128 or 256 for EPOC headsets). */
  readonly sampleRateHz: number;
  /** Seed of every random draw (noise, phases, blinks); an integer, used modulo 2³². Same seed, same samples. */
  readonly seed: number;
  /** Adds eye blinks on AF3/AF4 (full), F7/F8 (60 %) and Fp1/Fp2 (full). Defaults to false. */
  readonly blinks?: boolean;
  /** Standard deviation of the white Gaussian noise on every channel, in µV. Defaults to 2. */
  readonly noiseUv?: number;
  /** Offset added to every sample, in µV. Defaults to `EEG_DC_OFFSET_UV` (4200). */
  readonly dcOffsetUv?: number;
  /** Replaces the components of the named channels (others keep `DEFAULT_SPECTRUM`); `[]` leaves only noise. */
  readonly components?: Readonly<Record<string, readonly SineComponent[]>>;
  /** Time between blink onsets, drawn uniformly from `[minS, maxS]` seconds. Defaults to `[2, 6]`. */
  readonly blinkIntervalS?: readonly [minS: number, maxS: number];
  /** Blink peak amplitude, drawn uniformly from `[minUv, maxUv]` µV per blink. Defaults to `[100, 200]`. */
  readonly blinkAmplitudeUv?: readonly [minUv: number, maxUv: number];
  /** Blink duration in seconds (a raised-cosine bump). Defaults to 0.3. */
  readonly blinkDurationS?: number;
}

/** A deterministic multi-channel EEG generator; see `createSyntheticEeg`. */
export interface SyntheticEeg {
  /** Sensor names, in the order values are written. */
  readonly channels: readonly string[];
  /** Sampling rate in Hz. */
  readonly sampleRateHz: number;
  /** Index of the next sample to be produced (0 at creation); sample `n` is at `n / sampleRateHz` s. */
  readonly sampleIndex: number;
  /**
   * Writes the next sample (one value per channel, in µV) into `out[0..channels.length)`. Allocates nothing.
   * @throws RangeError when `out` has fewer than `channels.length` values.
   */
  next(out: Float64Array): void;
  /**
   * Writes the next `count` samples into `out`, interleaved (`out[i · channels.length + c]`), exactly as `count`
   * calls of `next` would. Allocates nothing.
   * @throws RangeError when `count` is not a non-negative integer or `out` is too short.
   */
  fill(out: Float64Array, count: number): void;
}

/** Salts so that phases, noise and blinks use independent streams of one seed. */
const PHASE_SALT = 0x9e3779b9;
const BLINK_SALT = 0x85ebca6b;

/**
 * Creates a deterministic synthetic EEG generator for the Cortex simulator, in µV around the 4200 µV offset.
 *
 * Like eeg-pipes' `createEEG`, but seeded (no `Math.random`, no `Date`) and spectrally meaningful: each channel
 * is a sum of sinusoids (`DEFAULT_SPECTRUM`, or `config.components`) plus white Gaussian noise, plus optional
 * blinks. Sinusoids are computed from the sample index (`sin(2π · frac(f · n / fs) + φ)`), not from an
 * accumulated phase, so there is no drift and chunking never matters: `fill(out, 100)` equals 100 `next` calls,
 * and sample 10⁷ is as exact as sample 0. The noise is Box–Muller over mulberry32, drawn in channel order per
 * sample; phases and blinks use their own streams of the same seed, so turning blinks on leaves the rest of the
 * signal unchanged.
 *
 * Blinks (when `config.blinks`): a raised-cosine bump `A · sin²(π t / D)` of duration `D` (0.3 s) and peak `A`
 * (100–200 µV, seeded per blink), every 2–6 s (seeded), on the frontal sensors only.
 *
 * NaN policy: never produces NaN; configuration is validated eagerly.
 *
 * ## Example
 * ```ts
 * import { createSyntheticEeg, EPOC_SENSORS } from 'cortex-rx/simulator';
 * import { welchPsd, bandPowers, CORTEX_BANDS } from 'cortex-rx/dsp';
 *
 * const eeg = createSyntheticEeg({ channels: EPOC_SENSORS, sampleRateHz: 128, seed: 42, blinks: true });
 * const sample = new Float64Array(EPOC_SENSORS.length);
 * eeg.next(sample); // one 14-channel sample, µV
 * const block = new Float64Array(128 * EPOC_SENSORS.length);
 * eeg.fill(block, 128); // the next second, interleaved
 * ```
 *
 * @param config `channels`, `sampleRateHz`, `seed`, `[config.blinks=false]`, `[config.noiseUv=2]`,
 *   `[config.dcOffsetUv=4200]`, `[config.components]`, `[config.blinkIntervalS=[2, 6]]`,
 *   `[config.blinkAmplitudeUv=[100, 200]]`, `[config.blinkDurationS=0.3]`.
 * @returns the generator, positioned at sample 0.
 * @throws RangeError on invalid configuration (empty channels, a non-positive rate, a component at or above
 *   Nyquist, a negative noise level, blink intervals shorter than a blink, …).
 * @see DEFAULT_SPECTRUM, EEG_DC_OFFSET_UV
 */
export function createSyntheticEeg(config: SyntheticEegConfig): SyntheticEeg {
  const { channels, sampleRateHz, seed } = config;
  if (!Array.isArray(channels) || channels.length === 0 || !channels.every((c) => typeof c === 'string')) {
    throw new RangeError(`channels must be a non-empty array of sensor names, got ${String(channels)}`);
  }
  if (!(Number.isFinite(sampleRateHz) && sampleRateHz > 0)) {
    throw new RangeError(`sampleRateHz must be a positive finite number, got ${sampleRateHz}`);
  }
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const noiseUv = config.noiseUv ?? 2;
  if (!(Number.isFinite(noiseUv) && noiseUv >= 0)) {
    throw new RangeError(`noiseUv must be a finite number >= 0, got ${noiseUv}`);
  }
  const dcOffsetUv = config.dcOffsetUv ?? EEG_DC_OFFSET_UV;
  if (!Number.isFinite(dcOffsetUv)) throw new RangeError(`dcOffsetUv must be finite, got ${dcOffsetUv}`);
  const nyquistHz = sampleRateHz / 2;
  const channelCount = channels.length;
  const seed32 = seed >>> 0;

  // Flatten every channel's components into parallel arrays: channel c owns [start[c], start[c + 1]).
  const start = new Int32Array(channelCount + 1);
  const frequencies: number[] = [];
  const amplitudes: number[] = [];
  const phases: number[] = [];
  channels.forEach((name, c) => {
    const overridden = config.components !== undefined && Object.prototype.hasOwnProperty.call(config.components, name);
    const list = overridden
      ? config.components![name]
      : Object.prototype.hasOwnProperty.call(DEFAULT_SPECTRUM.channels, name)
        ? DEFAULT_SPECTRUM.channels[name]
        : DEFAULT_SPECTRUM.default;
    // One phase stream per channel index, so overriding one channel never shifts another channel's phases.
    const phaseRand = mulberry32((seed32 ^ PHASE_SALT ^ Math.imul(c + 1, 0x27d4eb2d)) >>> 0);
    start[c] = frequencies.length;
    list.forEach((component, i) => {
      const { frequencyHz, amplitudeUv, phaseRad } = component;
      if (!(frequencyHz >= 0 && frequencyHz < nyquistHz)) {
        throw new RangeError(
          `components.${name}[${i}].frequencyHz must be within [0, ${nyquistHz}) Hz, got ${frequencyHz}`,
        );
      }
      if (!Number.isFinite(amplitudeUv)) {
        throw new RangeError(`components.${name}[${i}].amplitudeUv must be finite, got ${amplitudeUv}`);
      }
      const drawn = 2 * Math.PI * phaseRand();
      if (phaseRad !== undefined && !Number.isFinite(phaseRad)) {
        throw new RangeError(`components.${name}[${i}].phaseRad must be finite, got ${phaseRad}`);
      }
      frequencies.push(frequencyHz);
      amplitudes.push(amplitudeUv);
      phases.push(phaseRad ?? drawn);
    });
  });
  start[channelCount] = frequencies.length;
  const frequencyHz = Float64Array.from(frequencies);
  const amplitudeUv = Float64Array.from(amplitudes);
  const phaseRad = Float64Array.from(phases);

  // Blinks.
  const blinks = config.blinks ?? false;
  const [intervalMinS, intervalMaxS] = config.blinkIntervalS ?? [2, 6];
  const [blinkMinUv, blinkMaxUv] = config.blinkAmplitudeUv ?? [100, 200];
  const blinkDurationS = config.blinkDurationS ?? 0.3;
  if (!(Number.isFinite(blinkDurationS) && blinkDurationS > 0)) {
    throw new RangeError(`blinkDurationS must be a positive finite number, got ${blinkDurationS}`);
  }
  if (!(Number.isFinite(intervalMaxS) && intervalMinS > blinkDurationS && intervalMinS <= intervalMaxS)) {
    throw new RangeError(
      `blinkIntervalS must satisfy blinkDurationS (${blinkDurationS}) < minS <= maxS, got [${intervalMinS}, ${intervalMaxS}]`,
    );
  }
  if (!(Number.isFinite(blinkMinUv) && Number.isFinite(blinkMaxUv) && blinkMinUv <= blinkMaxUv)) {
    throw new RangeError(`blinkAmplitudeUv must satisfy minUv <= maxUv (finite), got [${blinkMinUv}, ${blinkMaxUv}]`);
  }
  const blinkWeight = new Float64Array(channelCount);
  channels.forEach((name, c) => {
    blinkWeight[c] = blinks && Object.prototype.hasOwnProperty.call(BLINK_WEIGHTS, name) ? BLINK_WEIGHTS[name] : 0;
  });
  const blinkRand = mulberry32((seed32 ^ BLINK_SALT) >>> 0);
  const blinkDurationSamples = Math.max(1, Math.round(blinkDurationS * sampleRateHz));
  const drawInterval = (): number =>
    Math.round((intervalMinS + (intervalMaxS - intervalMinS) * blinkRand()) * sampleRateHz);
  const drawAmplitude = (): number => blinkMinUv + (blinkMaxUv - blinkMinUv) * blinkRand();
  let blinkStart = drawInterval();
  let blinkAmplitudeUv = drawAmplitude();

  // Noise: Box–Muller pairs, the second value of each pair kept for the next draw.
  const noiseRand = mulberry32(seed32);
  let spare = 0;
  let hasSpare = false;
  const gaussian = (): number => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const u1 = 1 - noiseRand(); // (0, 1]: log never sees 0
    const u2 = noiseRand();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    hasSpare = true;
    return radius * Math.cos(2 * Math.PI * u2);
  };

  let index = 0;

  const writeSample = (out: Float64Array, offset: number): void => {
    const n = index;
    // Blink envelope for this sample, shared by the frontal channels.
    let blinkUv = 0;
    if (blinks) {
      if (n >= blinkStart + blinkDurationSamples) {
        blinkStart += drawInterval();
        blinkAmplitudeUv = drawAmplitude();
      }
      if (n >= blinkStart) {
        const s = Math.sin((Math.PI * (n - blinkStart)) / blinkDurationSamples);
        blinkUv = blinkAmplitudeUv * s * s;
      }
    }
    for (let c = 0; c < channelCount; c++) {
      let value = dcOffsetUv;
      for (let j = start[c]; j < start[c + 1]; j++) {
        // Phase from the sample index, reduced to one cycle first, so it never drifts with n.
        const cycles = (frequencyHz[j] * n) / sampleRateHz;
        value += amplitudeUv[j] * Math.sin(2 * Math.PI * (cycles - Math.floor(cycles)) + phaseRad[j]);
      }
      value += noiseUv * gaussian() + blinkWeight[c] * blinkUv;
      out[offset + c] = value;
    }
    index = n + 1;
  };

  return {
    channels: Object.freeze(channels.slice()),
    sampleRateHz,
    get sampleIndex(): number {
      return index;
    },
    next(out: Float64Array): void {
      if (out.length < channelCount) {
        throw new RangeError(`out must have at least ${channelCount} values (one per channel), got ${out.length}`);
      }
      writeSample(out, 0);
    },
    fill(out: Float64Array, count: number): void {
      if (!Number.isSafeInteger(count) || count < 0) {
        throw new RangeError(`count must be a non-negative integer, got ${count}`);
      }
      if (out.length < count * channelCount) {
        throw new RangeError(
          `out must have at least count * channels (${count} * ${channelCount} = ${count * channelCount}) values, got ${out.length}`,
        );
      }
      for (let i = 0; i < count; i++) writeSample(out, i * channelCount);
    },
  };
}

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
