import type { ColumnLayout } from './columnLayout';
import { Float64Slab } from './float64Slab';
import { SCANNED, type ScannedFrame } from './scannedFrame';
import type { StreamDecoder } from './streamDecoder';
import { sampleNumber } from './sampleValue';
import type { EegFrame, EegMarker, MotionFrame, PowFrame } from './streamFrames';

// The decoders of the sample streams (eeg, mot, pow): values into Float64Array views of a slab. They run for
// every sample of every headset; everything that depends only on the columns is computed when they are built.

/** Bound once: called per value of every frame. */
const num = sampleNumber;
const NON_CHANNEL = new Set([
  'COUNTER',
  'INTERPOLATED',
  'RAW_CQ',
  'MARKER_HARDWARE',
  'MARKERS',
  'COUNTER_MEMS',
  'INTERPOLATED_MEMS',
]);
/** The markers of a sample that has none (nearly all): one shared frozen array. */
const NO_MARKERS: readonly EegMarker[] = Object.freeze([]);

function toFloat64(values: readonly unknown[], indices: readonly number[], out: Float64Array): Float64Array {
  for (let i = 0; i < indices.length; i++) out[i] = num(values[indices[i]]);
  return out;
}

/** The scanned values at `indices` as sample numbers, into `out`: what `toFloat64` makes of the parsed values. */
function scannedToFloat64(scan: ScannedFrame, indices: readonly number[], out: Float64Array): Float64Array {
  for (let i = 0; i < indices.length; i++) out[i] = scan.numberAt(indices[i]);
  return out;
}

/** The positions of the sensor columns (every label but the counters, flags and markers). */
function channelPositions(layout: ColumnLayout): number[] {
  return layout.labels.flatMap((l, i) => (NON_CHANNEL.has(l) || l === '[nested]' ? [] : [i]));
}

/**
 * The eeg decoder: sensors in µV as a slab view, COUNTER, INTERPOLATED, RAW_CQ, MARKER_HARDWARE and MARKERS.
 *
 * ## Example
 * ```ts
 * const decode = eegDecoder(columnLayout('eeg', ['COUNTER', 'INTERPOLATED', 'AF3', 'RAW_CQ', 'MARKER_HARDWARE', 'MARKERS']));
 * ```
 * @internal
 */
export function eegDecoder(layout: ColumnLayout): StreamDecoder<'eeg'> {
  const { at, expectLength } = layout;
  const counterAt = at('COUNTER');
  const interpAt = at('INTERPOLATED');
  const rawCqAt = at('RAW_CQ');
  const hwAt = at('MARKER_HARDWARE');
  const markersAt = at('MARKERS');
  const channelIdx = channelPositions(layout);
  const channels = channelIdx.map((i) => layout.labels[i]);
  const slab = new Float64Slab(channelIdx.length);
  // A scanned frame's MARKERS column is `[]` or not an array at all (one with markers is parsed, never scanned).
  const fromScan = (scan: ScannedFrame, timeS: number): EegFrame | string => {
    const bad = layout.expectCount(scan.count);
    if (bad) return bad;
    if (markersAt >= 0 && scan.kinds[markersAt] !== SCANNED.emptyArray) return 'eeg MARKERS column must be an array';
    return {
      _tag: 'eeg',
      timeS,
      counter: scan.numberAt(counterAt),
      interpolated: scan.numberAt(interpAt) === 1,
      channels,
      values: scannedToFloat64(scan, channelIdx, slab.take()),
      rawCq: rawCqAt >= 0 ? scan.numberAt(rawCqAt) : NaN,
      hardwareMarker: hwAt >= 0 ? scan.numberAt(hwAt) : 0,
      markers: NO_MARKERS,
    };
  };
  const decode = (values: readonly unknown[], timeS: number): EegFrame | string => {
    const bad = expectLength(values);
    if (bad) return bad;
    const markers = markersAt >= 0 ? values[markersAt] : [];
    if (!Array.isArray(markers)) return 'eeg MARKERS column must be an array';
    return {
      _tag: 'eeg',
      timeS,
      counter: num(values[counterAt]),
      interpolated: num(values[interpAt]) === 1,
      channels,
      values: toFloat64(values, channelIdx, slab.take()),
      rawCq: rawCqAt >= 0 ? num(values[rawCqAt]) : NaN,
      hardwareMarker: hwAt >= 0 ? num(values[hwAt]) : 0,
      markers:
        markers.length === 0 ? NO_MARKERS : markers.filter((m): m is EegMarker => typeof m === 'object' && m !== null),
    };
  };
  return Object.assign(decode, { fromScan });
}

/**
 * The mot decoder: COUNTER_MEMS, INTERPOLATED_MEMS, and the motion channels as a slab view.
 *
 * ## Example
 * ```ts
 * const decode = motionDecoder(columnLayout('mot', ['COUNTER_MEMS', 'INTERPOLATED_MEMS', 'Q0', 'Q1', 'Q2', 'Q3']));
 * ```
 * @internal
 */
export function motionDecoder(layout: ColumnLayout): StreamDecoder<'mot'> {
  const { at, expectLength } = layout;
  const counterAt = at('COUNTER_MEMS');
  const interpAt = at('INTERPOLATED_MEMS');
  const channelIdx = channelPositions(layout);
  const channels = channelIdx.map((i) => layout.labels[i]);
  const slab = new Float64Slab(channelIdx.length);
  const decode = (values: readonly unknown[], timeS: number): MotionFrame | string =>
    expectLength(values) ?? {
      _tag: 'mot',
      timeS,
      counter: num(values[counterAt]),
      interpolated: num(values[interpAt]) === 1,
      channels,
      values: toFloat64(values, channelIdx, slab.take()),
    };
  const fromScan = (scan: ScannedFrame, timeS: number): MotionFrame | string =>
    layout.expectCount(scan.count) ?? {
      _tag: 'mot',
      timeS,
      counter: scan.numberAt(counterAt),
      interpolated: scan.numberAt(interpAt) === 1,
      channels,
      values: scannedToFloat64(scan, channelIdx, slab.take()),
    };
  return Object.assign(decode, { fromScan });
}

/**
 * The pow decoder: every column (`<sensor>/<band>`) as a slab view.
 *
 * ## Example
 * ```ts
 * const decode = powDecoder(columnLayout('pow', ['AF3/theta', 'AF3/alpha']));
 * ```
 * @internal
 */
export function powDecoder(layout: ColumnLayout): StreamDecoder<'pow'> {
  const { labels, expectLength } = layout;
  const all = labels.map((_, i) => i);
  const slab = new Float64Slab(all.length);
  const decode = (values: readonly unknown[], timeS: number): PowFrame | string =>
    expectLength(values) ?? { _tag: 'pow', timeS, columns: labels, values: toFloat64(values, all, slab.take()) };
  const fromScan = (scan: ScannedFrame, timeS: number): PowFrame | string =>
    layout.expectCount(scan.count) ?? {
      _tag: 'pow',
      timeS,
      columns: labels,
      values: scannedToFloat64(scan, all, slab.take()),
    };
  return Object.assign(decode, { fromScan });
}
