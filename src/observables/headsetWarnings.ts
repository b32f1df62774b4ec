import { WARNING } from '../protocol';
import type { CortexWarning } from './cortexConnection';

/** Warnings after which the headset list may have changed (§1.5). */
export const HEADSET_LIST_WARNINGS: ReadonlySet<number> = new Set([
  WARNING.HEADSET_CONNECTED,
  WARNING.HEADSET_WRONG_INFORMATION,
  WARNING.HEADSET_CANNOT_CONNECT,
  WARNING.HEADSET_CANNOT_CONNECT_TIMEOUT,
  WARNING.HEADSET_DISCONNECTED_TIMEOUT,
  WARNING.HEADSET_SCANNING_FINISHED,
  WARNING.CORTEX_CLOSE_SESSION,
]);

/**
 * The id a warning's message names (`headsetId`, `sessionId`, `recordId`), or undefined.
 *
 * ## Example
 * ```ts
 * import { warningSubject } from 'cortex-rx';
 * warningSubject({ code: 104, message: { headsetId: 'INSIGHT-1' } }, 'headsetId'); // 'INSIGHT-1'
 * ```
 */
export function warningSubject(w: CortexWarning, key: 'headsetId' | 'sessionId' | 'recordId'): string | undefined {
  if (typeof w.message !== 'object') return undefined;
  const v = w.message[key];
  return typeof v === 'string' ? v : undefined;
}
