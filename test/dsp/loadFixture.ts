import { readFileSync } from 'fs';
import { join } from 'path';
import type { DetrendKind, WindowKind } from '../../src/dsp';

/**
 * Reads a JSON fixture written by test/fixtures/dsp/make_fixtures.py (floats in repr form, so exact doubles).
 * The type parameter is the shape the spec expects; the script is the source of truth for it.
 */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'dsp', name), 'utf8')) as T;
}

/** signal.json: the shared input. */
export interface SignalFixture {
  readonly sampleRateHz: number;
  readonly x: number[];
}

/** The input signal as a Float64Array, optionally truncated to `length` samples. */
export function loadSignal(length?: number): Float64Array {
  const { x } = loadFixture<SignalFixture>('signal.json');
  return Float64Array.from(length === undefined ? x : x.slice(0, length));
}

/** One case of welch.json: scipy.signal.welch's parameters and its output. */
export interface WelchCase {
  readonly name: string;
  readonly inputLength: number;
  readonly params: {
    readonly sampleRateHz: number;
    readonly segmentLength: number;
    readonly overlapLength?: number;
    readonly window: WindowKind;
    readonly detrend: DetrendKind;
    readonly average: 'mean' | 'median';
  };
  readonly frequenciesHz: number[];
  readonly psd: number[];
}
