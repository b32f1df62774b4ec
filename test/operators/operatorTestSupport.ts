import { TestScheduler } from 'rxjs/testing';
import type { GapEvent, Sample } from '../../src/operators';

/** Tolerance of `closeEqual`: numbers match when `|a − e| <= atol + rtol · |e|` (NaN matches NaN). */
export interface Tolerance {
  readonly rtol?: number;
  readonly atol?: number;
}

/**
 * Deep equality with numeric tolerance: numbers (and typed-array elements) within the tolerance, arrays and typed
 * arrays by length and element, objects by their defined keys (an `undefined` field equals a missing one, as in
 * `toEqual`), anything else by `Object.is`. Returns the path of the first mismatch, or `undefined`.
 */
export function closeMismatch(actual: unknown, expected: unknown, tol: Tolerance, path = '$'): string | undefined {
  const { rtol = 0, atol = 0 } = tol;
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Number.isNaN(expected) || Number.isNaN(actual)) {
      return Number.isNaN(expected) && Number.isNaN(actual) ? undefined : `${path}: ${actual} vs ${expected}`;
    }
    if (actual === expected) return undefined;
    const within = Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    return within ? undefined : `${path}: ${actual} vs ${expected}`;
  }
  if (expected instanceof Error || actual instanceof Error) {
    const same =
      expected instanceof Error &&
      actual instanceof Error &&
      actual.constructor === expected.constructor &&
      actual.message === expected.message;
    return same ? undefined : `${path}: ${String(actual)} vs ${String(expected)}`;
  }
  const isList = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || ArrayBuffer.isView(v);
  if (isList(expected) || isList(actual)) {
    if (!isList(expected) || !isList(actual)) return `${path}: ${describe(actual)} vs ${describe(expected)}`;
    if (Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected)) {
      return `${path}: ${describe(actual)} vs ${describe(expected)}`;
    }
    if (actual.length !== expected.length) return `${path}: length ${actual.length} vs ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = closeMismatch(actual[i], expected[i], tol, `${path}[${i}]`);
      if (m !== undefined) return m;
    }
    return undefined;
  }
  if (typeof expected === 'object' && expected !== null && typeof actual === 'object' && actual !== null) {
    const defined = (o: object) =>
      Object.keys(o)
        .filter((k) => (o as Record<string, unknown>)[k] !== undefined)
        .sort();
    const a = defined(actual);
    const e = defined(expected);
    if (a.join() !== e.join()) return `${path}: keys [${a}] vs [${e}]`;
    for (const k of e) {
      const m = closeMismatch(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        tol,
        `${path}.${k}`,
      );
      if (m !== undefined) return m;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${path}: ${describe(actual)} vs ${describe(expected)}`;
}

function describe(v: unknown): string {
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${(v as unknown as ArrayLike<number>).length})`;
  if (Array.isArray(v)) return `Array(${v.length})`;
  return String(v);
}

/** Asserts `closeMismatch` finds nothing; on a mismatch, shows jest's diff and the first mismatching path. */
export function expectDeepClose(
  actual: unknown,
  expected: unknown,
  tol: Tolerance = { rtol: 1e-12, atol: 1e-12 },
): void {
  const mismatch = closeMismatch(actual, expected, tol);
  if (mismatch === undefined) return;
  expect(actual).toEqual(expected); // the readable diff, when the structure differs
  throw new Error(`values differ beyond rtol ${tol.rtol ?? 0}, atol ${tol.atol ?? 0} at ${mismatch}`);
}

/** A TestScheduler whose frame assertion tolerates DSP rounding (`rtol`, `atol` 1e-12 by default). */
export function dspScheduler(tol: Tolerance = { rtol: 1e-12, atol: 1e-12 }): TestScheduler {
  return new TestScheduler((actual, expected) => expectDeepClose(actual, expected, tol));
}

/** A sample with `values` and `timeS` (and `channels` when given). */
export function sample(values: readonly number[], timeS: number, channels?: readonly string[]): Sample {
  const array = Float64Array.from(values);
  return channels === undefined ? { values: array, timeS } : { values: array, timeS, channels };
}

/** A gap event, as `session.stream()` emits it (with the extra fields of a `StreamGap`). */
export const GAP: GapEvent = { _tag: 'gap', stream: 'eeg', reason: 'disconnected', lastTimeS: 1 } as GapEvent;

/** mulberry32: seeded uniform floats in [0, 1), so test signals are deterministic. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` multi-channel samples at `sampleRateHz`: channel `c` is a `(5 + 3c)` Hz sine of amplitude 10 µV on a
 * 4200 µV offset plus seeded uniform noise of ±2 µV.
 */
export function syntheticSamples(
  count: number,
  channelCount: number,
  sampleRateHz: number,
  seed = 1,
  channels?: readonly string[],
): Sample[] {
  const rand = seededUniform(seed);
  return Array.from({ length: count }, (_, n) => {
    const values = new Float64Array(channelCount);
    for (let c = 0; c < channelCount; c++) {
      values[c] = 4200 + 10 * Math.sin((2 * Math.PI * (5 + 3 * c) * n) / sampleRateHz) + 4 * (rand() - 0.5);
    }
    const timeS = 1000 + n / sampleRateHz;
    return channels === undefined ? { values, timeS } : { values, timeS, channels };
  });
}

/** Channel `c` of `samples` as one array. */
export function channelOf(samples: readonly Sample[], c: number): Float64Array {
  return Float64Array.from(samples, (s) => s.values[c]);
}
