/**
 * The rates of a virtual headset's low-rate streams (§5.2), in Hz; eeg and mot take theirs from the headset model.
 *
 * @example
 * ```ts
 * import { LOW_RATE_STREAMS_HZ } from './lowRateStreamsHz';
 * const powPeriodS = 1 / LOW_RATE_STREAMS_HZ.pow; // 0.125
 * ```
 */
export const LOW_RATE_STREAMS_HZ = { dev: 2, eq: 2, pow: 8, met: 2, com: 8, fac: 32 } as const;
