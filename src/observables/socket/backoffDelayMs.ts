import type { ReconnectConfig } from './connectionState';

/**
 * The delay before reconnect attempt `attempt` (1-based): `initialDelayMs · 2^(attempt-1)`, at most `maxDelayMs`.
 *
 * ## Example
 * ```ts
 * backoffDelayMs(3, { maxAttempts: 10, initialDelayMs: 250, maxDelayMs: 10_000 }); // 1000
 * ```
 * @internal
 */
export function backoffDelayMs(attempt: number, config: ReconnectConfig): number {
  return Math.min(config.maxDelayMs, config.initialDelayMs * 2 ** Math.max(0, attempt - 1));
}
