/** Frame times carry this much seeded jitter at most (either way), like a real service's clock reads. */
const TIME_JITTER_S = 0.0002;
/** Frame times have this many decimals, like real frames (`1570583903.9613`, §1.4). */
const TIME_DECIMALS = 4;

/**
 * How far a data frame's `time` may lie from its sample's own time: the jitter, half the last decimal, and 1 µs for
 * a double's resolution at epoch seconds (2.4e-7 s). A test comparing a frame's time with a sample or slot boundary
 * allows this much.
 *
 * @example
 * ```ts
 * import { FRAME_TIME_TOLERANCE_S } from './frameTimeStamp';
 * expect(Math.abs(frame.time - sampleS)).toBeLessThanOrEqual(FRAME_TIME_TOLERANCE_S); // 0.25 ms
 * ```
 */
export const FRAME_TIME_TOLERANCE_S = TIME_JITTER_S + 0.5 * 10 ** -TIME_DECIMALS + 1e-6;

/**
 * A frame's `time` as real frames show it: `timeS` with up to ±0.2 ms of jitter (from `random`, in [0, 1)), 4
 * decimals, never a JSON integer.
 *
 * @example
 * ```ts
 * import { frameTimeStamp } from './frameTimeStamp';
 * frameTimeStamp(1570583903.96125, () => 0.5); // '1570583903.9613'
 * ```
 */
export function frameTimeStamp(timeS: number, random: () => number): string {
  return (timeS + (random() * 2 - 1) * TIME_JITTER_S).toFixed(TIME_DECIMALS);
}
