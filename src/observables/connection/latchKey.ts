import type { StreamName } from '../../protocol';

/**
 * What a request claims on a connection, so that new work on it waits for the cleanup of old work (see
 * {@link KeyedLatch}): a headset's session of this app, a stream of a session, or the record of a session.
 * @internal
 */
export type LatchKey =
  | { readonly kind: 'session'; readonly headsetId: string }
  | { readonly kind: 'stream'; readonly sessionId: string; readonly stream: StreamName }
  | { readonly kind: 'record'; readonly sessionId: string };

/**
 * The identity of a key in the latch's table: equal keys give equal text, different keys different text (the
 * parts are joined with a character no Cortex id holds).
 *
 * ## Example
 * ```ts
 * latchKeyText({ kind: 'stream', sessionId: 'a1', stream: 'eeg' }); // 'stream\u0000a1\u0000eeg'
 * ```
 * @internal
 */
export function latchKeyText(key: LatchKey): string {
  switch (key.kind) {
    case 'session':
      return `session\u0000${key.headsetId}`;
    case 'stream':
      return `stream\u0000${key.sessionId}\u0000${key.stream}`;
    case 'record':
      return `record\u0000${key.sessionId}`;
  }
}
