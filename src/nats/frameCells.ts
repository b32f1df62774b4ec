import type { EegMarker, StreamFrames } from '../observables';
import type { StreamName } from '../protocol';

// How each stream's typed frame becomes numeric cells (Float64 or Float32 on the wire) plus, for what is not a
// number (markers, action names, met's booleans), a JSON "extra" per sample. The layout names (channels, pow
// columns, sensors) are published once per layout, not per message.

/**
 * The cell mapping of one stream.
 * @internal
 */
export interface FrameCells<S extends StreamName> {
  /** The names the layout carries (channels, columns, sensors); [] for streams without numeric columns. */
  names(frame: StreamFrames[S]): readonly string[];
  /** Numeric cells per sample for `names`. */
  width(names: readonly string[]): number;
  /** Writes the sample's cells at `out[at..]`; returns its extra (JSON-able) or undefined. */
  write(frame: StreamFrames[S], out: Float64Array, at: number): unknown;
  /** The frame back from its cells (a view of `cells`), its extra, its time and the layout names. */
  read(cells: Float64Array, extra: unknown, timeS: number, names: readonly string[]): StreamFrames[S];
}

/** The markers of a sample that has none: one shared frozen array, as the client gives. */
const NO_MARKERS: readonly EegMarker[] = Object.freeze([]);

function record(names: readonly string[], cells: Float64Array, from: number): Record<string, number> {
  const out = Object.create(null) as Record<string, number>;
  for (let i = 0; i < names.length; i++) out[names[i]] = cells[from + i];
  return out;
}

const eeg: FrameCells<'eeg'> = {
  names: (f) => f.channels,
  width: (names) => 4 + names.length,
  write: (f, out, at) => {
    out[at] = f.counter;
    out[at + 1] = f.interpolated ? 1 : 0;
    out[at + 2] = f.rawCq;
    out[at + 3] = f.hardwareMarker;
    out.set(f.values, at + 4);
    return f.markers.length > 0 ? f.markers : undefined;
  },
  read: (c, extra, timeS, names) => ({
    _tag: 'eeg',
    timeS,
    counter: c[0],
    interpolated: c[1] === 1,
    channels: names,
    values: c.subarray(4),
    rawCq: c[2],
    hardwareMarker: c[3],
    markers: Array.isArray(extra) ? (extra as EegMarker[]) : NO_MARKERS,
  }),
};

const mot: FrameCells<'mot'> = {
  names: (f) => f.channels,
  width: (names) => 2 + names.length,
  write: (f, out, at) => {
    out[at] = f.counter;
    out[at + 1] = f.interpolated ? 1 : 0;
    out.set(f.values, at + 2);
    return undefined;
  },
  read: (c, _extra, timeS, names) => ({
    _tag: 'mot',
    timeS,
    counter: c[0],
    interpolated: c[1] === 1,
    channels: names,
    values: c.subarray(2),
  }),
};

const pow: FrameCells<'pow'> = {
  names: (f) => f.columns,
  width: (names) => names.length,
  write: (f, out, at) => {
    out.set(f.values, at);
    return undefined;
  },
  read: (c, _extra, timeS, names) => ({ _tag: 'pow', timeS, columns: names, values: c }),
};

const dev: FrameCells<'dev'> = {
  names: (f) => Object.keys(f.contactQuality),
  width: (names) => 4 + names.length,
  write: (f, out, at) => {
    out[at] = f.batteryLevel;
    out[at + 1] = f.signal;
    out[at + 2] = f.overall;
    out[at + 3] = f.batteryPercent;
    let i = at + 4;
    for (const v of Object.values(f.contactQuality)) out[i++] = v;
    return undefined;
  },
  read: (c, _extra, timeS, names) => ({
    _tag: 'dev',
    timeS,
    batteryLevel: c[0],
    signal: c[1],
    contactQuality: record(names, c, 4),
    overall: c[2],
    batteryPercent: c[3],
  }),
};

const eq: FrameCells<'eq'> = {
  names: (f) => Object.keys(f.quality),
  width: (names) => 3 + names.length,
  write: (f, out, at) => {
    out[at] = f.batteryPercent;
    out[at + 1] = f.overall;
    out[at + 2] = f.sampleRateQuality;
    let i = at + 3;
    for (const v of Object.values(f.quality)) out[i++] = v;
    return undefined;
  },
  read: (c, _extra, timeS, names) => ({
    _tag: 'eq',
    timeS,
    batteryPercent: c[0],
    overall: c[1],
    sampleRateQuality: c[2],
    quality: record(names, c, 3),
  }),
};

/** The detection streams (met, com, fac, sys: a few samples a second, mostly text): all in the extra. */
function detection<S extends 'met' | 'com' | 'fac' | 'sys'>(tag: S): FrameCells<S> {
  return {
    names: () => [],
    width: () => 0,
    write: (f) => {
      const { _tag, timeS, ...rest } = f as StreamFrames[S] & { readonly _tag: S; readonly timeS: number };
      void _tag;
      void timeS;
      return rest;
    },
    read: (_c, extra, timeS) => ({ ...(extra as object), _tag: tag, timeS }) as StreamFrames[S],
  };
}

/**
 * The cell mapping of every stream.
 * @internal
 */
export const FRAME_CELLS: { readonly [S in StreamName]: FrameCells<S> } = {
  eeg,
  mot,
  pow,
  dev,
  eq,
  met: detection('met'),
  com: detection('com'),
  fac: detection('fac'),
  sys: detection('sys'),
};
