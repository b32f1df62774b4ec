import type { StreamName } from '../protocol';

/** The JetStream stream the relay writes to (created when missing). */
export const CORTEX_STREAM = 'CORTEX';

/** A NATS subject token: no dots, whitespace or wildcards. */
const TOKEN = /^[^.\s*>]+$/;

/**
 * Throws a RangeError naming the value when a headset id cannot be a NATS subject token.
 * @internal
 */
export function assertSubjectToken(value: string, what: string): void {
  if (!TOKEN.test(value)) {
    throw new RangeError(`${what} "${value}" cannot be a NATS subject token (no '.', '*', '>' or whitespace)`);
  }
}

/**
 * The subject a headset's stream is published to: `cortex.<headsetId>.<stream>`, or `cortex.<headsetId>.markers`
 * for the markers.
 *
 * ## Example
 * ```ts
 * import { streamSubject } from 'cortex-rx/nats';
 * streamSubject('EPOCX-A1B2C3D4', 'eeg'); // 'cortex.EPOCX-A1B2C3D4.eeg'
 * ```
 * @param headsetId the headset id (a subject token: no dots or whitespace)
 * @param stream a stream name, or `markers`
 */
export function streamSubject(headsetId: string, stream: StreamName | 'markers'): string {
  assertSubjectToken(headsetId, 'headset id');
  return `cortex.${headsetId}.${stream}`;
}

/**
 * The subject of a column layout: `cortex.<headsetId>.<stream>.layout.<layoutId as 8 hex digits>`.
 * @internal
 */
export function layoutSubject(headsetId: string, stream: StreamName, layoutId: number): string {
  return `${streamSubject(headsetId, stream)}.layout.${layoutId.toString(16).padStart(8, '0')}`;
}
