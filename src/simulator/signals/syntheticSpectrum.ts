// What the synthetic EEG is made of: its DC offset and the default sinusoids per sensor.

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
