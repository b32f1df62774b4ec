import { EPOC_SENSORS } from '../src/simulator/headsetModels';
import { createSyntheticEeg } from '../src/simulator/signals/createSyntheticEeg';

/** The band-power input: deterministic EPOC X EEG, interleaved (`data[n · channelCount + c]`, µV). */
export interface SyntheticRecording {
  readonly channels: readonly string[];
  readonly channelCount: number;
  readonly sampleRateHz: number;
  readonly sampleCount: number;
  /** `sampleCount · channelCount` values, sample-major. */
  readonly data: Float64Array;
  /** Seed given to `createSyntheticEeg`. */
  readonly seed: number;
}

/** Sample rate of the band-power input (EPOC X at 256 Hz). */
export const SAMPLE_RATE_HZ = 256;
/** One hour at 256 Hz. */
export const HOUR_SAMPLES = 3600 * SAMPLE_RATE_HZ;
/** Seed of the synthetic EEG: same seed, same samples, on every run. */
export const SEED = 1;

/**
 * One hour (921,600 samples) of 14-channel synthetic EEG from the simulator's own generator
 * (`createSyntheticEeg`: per-channel alpha/theta/beta sinusoids, seeded Gaussian noise, the 4200 µV offset and eye
 * blinks, as the simulator streams it), made once and shared by every contender.
 */
export function syntheticHour(sampleCount = HOUR_SAMPLES): SyntheticRecording {
  const eeg = createSyntheticEeg({ channels: EPOC_SENSORS, sampleRateHz: SAMPLE_RATE_HZ, seed: SEED, blinks: true });
  const channelCount = EPOC_SENSORS.length;
  const data = new Float64Array(sampleCount * channelCount);
  eeg.fill(data, sampleCount);
  return { channels: EPOC_SENSORS, channelCount, sampleRateHz: SAMPLE_RATE_HZ, sampleCount, data, seed: SEED };
}
