import type { ColumnLayout } from './columnLayout';
import type { StreamDecoder } from './streamDecoder';
import { sampleNumber } from './sampleValue';

// The decoders of the quality streams (dev, eq): positions found when they are built, not per frame.

const num = sampleNumber;

/** The values at `positions`, by the name at the same index of `names`. */
function namedNumbers(
  names: readonly string[],
  positions: readonly number[],
  values: readonly unknown[],
): Record<string, number> {
  const out: Record<string, number> = Object.create(null) as Record<string, number>;
  for (let i = 0; i < names.length; i++) out[names[i]] = num(values[positions[i]]);
  return out;
}

/**
 * The dev decoder: Battery, Signal, the nested contact-quality array (per sensor, and OVERALL), BatteryPercent.
 *
 * ## Example
 * ```ts
 * const decode = devDecoder(columnLayout('dev', ['Battery', 'Signal', ['AF3', 'OVERALL'], 'BatteryPercent']));
 * ```
 * @internal
 */
export function devDecoder(layout: ColumnLayout): StreamDecoder<'dev'> {
  const { cols, at, expectLength } = layout;
  const nestedAt = cols.findIndex((c) => Array.isArray(c));
  const nested = nestedAt >= 0 ? (cols[nestedAt] as readonly string[]) : [];
  const sensorPositions = nested.flatMap((s, i) => (s === 'OVERALL' ? [] : [i]));
  const sensors = sensorPositions.map((i) => nested[i]);
  const overallAt = nested.indexOf('OVERALL');
  const batteryAt = at('Battery');
  const signalAt = at('Signal');
  const batteryPercentAt = at('BatteryPercent');
  return (values, timeS) => {
    const bad = expectLength(values);
    if (bad) return bad;
    const cq = nestedAt >= 0 ? values[nestedAt] : [];
    if (!Array.isArray(cq) || cq.length !== nested.length)
      return 'dev contact-quality array does not match its columns';
    return {
      _tag: 'dev',
      timeS,
      batteryLevel: num(values[batteryAt]),
      signal: num(values[signalAt]),
      contactQuality: namedNumbers(sensors, sensorPositions, cq),
      overall: overallAt >= 0 ? num(cq[overallAt]) : NaN,
      batteryPercent: num(values[batteryPercentAt]),
    };
  };
}

/** The eq columns that are not a sensor. */
const EQ_FIXED = ['batteryPercent', 'overall', 'sampleRateQuality'];

/**
 * The eq decoder: batteryPercent, overall, sampleRateQuality, and every other column as a sensor's quality.
 *
 * ## Example
 * ```ts
 * const decode = eqDecoder(columnLayout('eq', ['batteryPercent', 'overall', 'sampleRateQuality', 'AF3']));
 * ```
 * @internal
 */
export function eqDecoder(layout: ColumnLayout): StreamDecoder<'eq'> {
  const { labels, at, expectLength } = layout;
  const sensorIdx = labels.flatMap((l, i) => (EQ_FIXED.includes(l) ? [] : [i]));
  const batteryPercentAt = at('batteryPercent');
  const overallAt = at('overall');
  const sampleRateQualityAt = at('sampleRateQuality');
  return (values, timeS) => {
    const bad = expectLength(values);
    if (bad) return bad;
    const quality: Record<string, number> = Object.create(null) as Record<string, number>;
    for (const i of sensorIdx) quality[labels[i]] = num(values[i]);
    return {
      _tag: 'eq',
      timeS,
      batteryPercent: num(values[batteryPercentAt]),
      overall: num(values[overallAt]),
      sampleRateQuality: num(values[sampleRateQualityAt]),
      quality,
    };
  };
}
