import type { StreamName } from '../../protocol';

/**
 * Default stall timeouts per stream, in ms (§5.2 rates): several periods of each stream, at most 1 s for the fast
 * streams (eeg, mot, pow, com, fac) and 2 s for the 2 Hz ones (dev, eq, met at 2 Hz). `sys` is event-driven: never.
 */
const DEFAULT_STALL_TIMEOUT_MS: Readonly<Record<StreamName, number>> = {
  eeg: 1000,
  mot: 1000,
  pow: 1000,
  com: 1000,
  fac: 1000,
  dev: 2000,
  eq: 2000,
  met: 2000,
  sys: 0,
};

/** met comes at 0.1 Hz on a session not activated or without the `pm` scope (§5.2): 2.5 of its periods. */
const MET_LOW_RATE_STALL_TIMEOUT_MS = 25_000;
/** met frames closer than this are the 2 Hz rate. */
const MET_FAST_INTERVAL_MS = 1000;

/**
 * The stall timeout of one stream, for {@link detectStall}: the configured `stallTimeoutMs` (0 turns detection
 * off), else the stream's default. met's default follows its rate: 25 s until frames are seen at 2 Hz, then 2 s,
 * since its rate depends on the licence scope the client cannot see.
 *
 * ## Example
 * ```ts
 * stallTimeoutFor('eeg', undefined)(undefined); // 1000
 * stallTimeoutFor('met', undefined)(500); // 2000
 * ```
 * @param stream the stream
 * @param configuredMs the client's `stallTimeoutMs`, if set
 * @returns the timeout in ms given the shortest interval between frames seen so far
 * @internal
 */
export function stallTimeoutFor(
  stream: StreamName,
  configuredMs: number | undefined,
): (shortestIntervalMs: number | undefined) => number {
  if (stream === 'sys') return () => 0;
  if (configuredMs !== undefined) return () => configuredMs;
  if (stream !== 'met') return () => DEFAULT_STALL_TIMEOUT_MS[stream];
  return (shortestMs) =>
    shortestMs !== undefined && shortestMs < MET_FAST_INTERVAL_MS
      ? DEFAULT_STALL_TIMEOUT_MS.met
      : MET_LOW_RATE_STALL_TIMEOUT_MS;
}
