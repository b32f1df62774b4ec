import { mulberry32 } from '../prng';
import { DEFAULT_SPECTRUM, EEG_DC_OFFSET_UV, type SineComponent } from './syntheticSpectrum';

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
  /** The blink envelope (µV, before the per-sensor weight) of the last sample produced: > 0 during a blink. */
  readonly blinkUv: number;
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
  const channelCount = channels.length;
  const seed32 = seed >>> 0;
  const { start, frequencyHz, amplitudeUv, phaseRad } = flattenComponents(config, seed32);
  const blinks = createBlinks(config, seed32);
  const gaussian = createGaussian(mulberry32(seed32));

  let index = 0;
  let lastBlinkUv = 0;

  const writeSample = (out: Float64Array, offset: number): void => {
    const n = index;
    // Blink envelope for this sample, shared by the frontal channels.
    const blinkUv = blinks.enabled ? blinks.envelopeAt(n) : 0;
    lastBlinkUv = blinkUv;
    for (let c = 0; c < channelCount; c++) {
      let value = dcOffsetUv;
      for (let j = start[c]; j < start[c + 1]; j++) {
        // Phase from the sample index, reduced to one cycle first, so it never drifts with n.
        const cycles = (frequencyHz[j] * n) / sampleRateHz;
        value += amplitudeUv[j] * Math.sin(2 * Math.PI * (cycles - Math.floor(cycles)) + phaseRad[j]);
      }
      value += noiseUv * gaussian() + blinks.weight[c] * blinkUv;
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
    get blinkUv(): number {
      return lastBlinkUv;
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

/**
 * Every channel's sinusoids as parallel arrays: channel c owns `[start[c], start[c + 1])`. Phases not given are drawn
 * from one stream per channel index, so overriding one channel never shifts another channel's phases.
 */
function flattenComponents(
  config: SyntheticEegConfig,
  seed32: number,
): { start: Int32Array; frequencyHz: Float64Array; amplitudeUv: Float64Array; phaseRad: Float64Array } {
  const { channels, sampleRateHz, components } = config;
  const nyquistHz = sampleRateHz / 2;
  const start = new Int32Array(channels.length + 1);
  const frequencies: number[] = [];
  const amplitudes: number[] = [];
  const phases: number[] = [];
  channels.forEach((name, c) => {
    const overridden = components !== undefined && Object.prototype.hasOwnProperty.call(components, name);
    const list = overridden
      ? components[name]
      : Object.prototype.hasOwnProperty.call(DEFAULT_SPECTRUM.channels, name)
        ? DEFAULT_SPECTRUM.channels[name]
        : DEFAULT_SPECTRUM.default;
    const phaseRand = mulberry32((seed32 ^ PHASE_SALT ^ Math.imul(c + 1, 0x27d4eb2d)) >>> 0);
    start[c] = frequencies.length;
    list.forEach((component: SineComponent, i) => {
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
  start[channels.length] = frequencies.length;
  return {
    start,
    frequencyHz: Float64Array.from(frequencies),
    amplitudeUv: Float64Array.from(amplitudes),
    phaseRad: Float64Array.from(phases),
  };
}

/** The blinks of a generator: the weight per channel and the envelope (µV) at sample n, drawn from the blink stream. */
interface Blinks {
  readonly enabled: boolean;
  readonly weight: Float64Array;
  /** The envelope at sample `n`; `n` must not decrease between calls (the next blink is drawn when one ends). */
  envelopeAt(n: number): number;
}

/** Validates the blink options (even when blinks are off) and builds the blink envelope. */
function createBlinks(config: SyntheticEegConfig, seed32: number): Blinks {
  const { channels, sampleRateHz } = config;
  const enabled = config.blinks ?? false;
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
  const weight = new Float64Array(channels.length);
  channels.forEach((name, c) => {
    weight[c] = enabled && Object.prototype.hasOwnProperty.call(BLINK_WEIGHTS, name) ? BLINK_WEIGHTS[name] : 0;
  });
  const blinkRand = mulberry32((seed32 ^ BLINK_SALT) >>> 0);
  const durationSamples = Math.max(1, Math.round(blinkDurationS * sampleRateHz));
  const drawInterval = (): number =>
    Math.round((intervalMinS + (intervalMaxS - intervalMinS) * blinkRand()) * sampleRateHz);
  const drawAmplitude = (): number => blinkMinUv + (blinkMaxUv - blinkMinUv) * blinkRand();
  let blinkStart = drawInterval();
  let amplitudeUv = drawAmplitude();
  return {
    enabled,
    weight,
    envelopeAt(n: number): number {
      if (n >= blinkStart + durationSamples) {
        blinkStart += drawInterval();
        amplitudeUv = drawAmplitude();
      }
      if (n < blinkStart) return 0;
      const s = Math.sin((Math.PI * (n - blinkStart)) / durationSamples);
      return amplitudeUv * s * s;
    },
  };
}

/** Standard normal draws: Box–Muller pairs, the second value of each pair kept for the next draw. */
function createGaussian(rand: () => number): () => number {
  let spare = 0;
  let hasSpare = false;
  return () => {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    const u1 = 1 - rand(); // (0, 1]: log never sees 0
    const u2 = rand();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    hasSpare = true;
    return radius * Math.cos(2 * Math.PI * u2);
  };
}
