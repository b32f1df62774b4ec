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

/**
 * The met columns of newer Cortex (3.x/4.x, the version the simulator claims; §5.3): attention replaced focus. Older
 * services (>= 2.2.1) sent `..., foc.isActive, foc` instead; always read `cols` from the subscribe result.
 */
export const MET_COLUMNS = [
  'attention.isActive',
  'attention',
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
] as const;

/**
 * The performance metrics of a session object on newer Cortex (§4, issue #210): one entry per met metric, in
 * column order. `displayedName`/`shortDisplayedName` of metrics other than attention are this project's choice.
 */
export const PERFORMANCE_METRICS: ReadonlyArray<{
  readonly apiName: string;
  readonly displayedName: string;
  readonly name: string;
  readonly shortDisplayedName: string;
}> = [
  { apiName: 'attention', displayedName: 'Attention', name: 'attention', shortDisplayedName: 'At' },
  { apiName: 'eng', displayedName: 'Engagement', name: 'engagement', shortDisplayedName: 'En' },
  { apiName: 'exc', displayedName: 'Excitement', name: 'excitement', shortDisplayedName: 'Ex' },
  { apiName: 'str', displayedName: 'Stress', name: 'stress', shortDisplayedName: 'St' },
  { apiName: 'rel', displayedName: 'Relaxation', name: 'relaxation', shortDisplayedName: 'Re' },
  { apiName: 'int', displayedName: 'Interest', name: 'interest', shortDisplayedName: 'In' },
];

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
