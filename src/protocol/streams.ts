import * as t from 'io-ts';

/** The data streams of §5.2, in the documented order. */
export const STREAM_NAMES = ['eeg', 'mot', 'dev', 'eq', 'pow', 'met', 'com', 'fac', 'sys'] as const;

/** A stream name. */
export const StreamName = t.keyof(
  { eeg: null, mot: null, dev: null, eq: null, pow: null, met: null, com: null, fac: null, sys: null },
  'StreamName',
);
export type StreamName = t.TypeOf<typeof StreamName>;

/** A column label; `dev` nests the per-sensor contact-quality labels in an inner array (§5.3). */
export const ColumnLabel = t.union([t.string, t.array(t.string)], 'ColumnLabel');
export type ColumnLabel = t.TypeOf<typeof ColumnLabel>;

/** Cortex pow bands in column order (§5.3). */
export const POW_BANDS = ['theta', 'alpha', 'betaL', 'betaH', 'gamma'] as const;

/** The met columns of Cortex >= 2.2.1 (§5.3); always read `cols` from the subscribe result. */
export const MET_COLUMNS = [
  'eng.isActive',
  'eng',
  'exc.isActive',
  'exc',
  'lex',
  'str.isActive',
  'str',
  'rel.isActive',
  'rel',
  'int.isActive',
  'int',
  'foc.isActive',
  'foc',
] as const;

/**
 * The columns Cortex announces in a subscribe result for a stream on a headset (§5.3).
 *
 * ## Example
 * ```ts
 * import { streamColumns } from 'cortex-rx/protocol';
 * streamColumns('eeg', ['AF3', 'T7', 'Pz', 'T8', 'AF4'], []);
 * // ['COUNTER', 'INTERPOLATED', 'AF3', 'T7', 'Pz', 'T8', 'AF4', 'RAW_CQ', 'MARKER_HARDWARE', 'MARKERS']
 * ```
 * @param stream the stream name
 * @param sensors the headset's EEG sensors, in headset order
 * @param motionSensors the headset's motion sensors (`Q0..Q3` or `GYROX..`, then ACC and MAG)
 */
export function streamColumns(
  stream: StreamName,
  sensors: readonly string[],
  motionSensors: readonly string[],
): ColumnLabel[] {
  switch (stream) {
    case 'eeg':
      return ['COUNTER', 'INTERPOLATED', ...sensors, 'RAW_CQ', 'MARKER_HARDWARE', 'MARKERS'];
    case 'mot':
      return ['COUNTER_MEMS', 'INTERPOLATED_MEMS', ...motionSensors];
    case 'dev':
      return ['Battery', 'Signal', [...sensors, 'OVERALL'], 'BatteryPercent'];
    case 'eq':
      return ['batteryPercent', 'overall', 'sampleRateQuality', ...sensors];
    case 'pow':
      return sensors.flatMap((s) => POW_BANDS.map((b) => `${s}/${b}`));
    case 'met':
      return [...MET_COLUMNS];
    case 'com':
      return ['act', 'pow'];
    case 'fac':
      return ['eyeAct', 'uAct', 'uPow', 'lAct', 'lPow'];
    case 'sys':
      // UNVERIFIED in the reference: samples are [detection, event]; these labels name them.
      return ['detection', 'event'];
  }
}
