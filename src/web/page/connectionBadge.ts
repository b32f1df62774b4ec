import type { ConnectionState } from 'cortex-rx';

/** The connection state shown in the page's header. */
export type BadgeState = 'connecting' | 'connected' | 'reconnecting' | 'stalled';

/** Drives the header's `<output>`: its text and `data-state` say connecting, connected, reconnecting or stalled. */
export interface ConnectionBadge {
  /** A socket state from `client.connection`. */
  socket(state: ConnectionState): void;
  /** The session's EEG stopped (true) or came back (false) while the socket stayed up. */
  stalled(isStalled: boolean, detail?: string): void;
}

/**
 * A `ConnectionBadge` on an element: the socket state wins over a stall only when the socket is down.
 *
 * ## Example
 * ```ts
 * const badge = createConnectionBadge(document.querySelector('#connection')!);
 * client.connection.subscribe((s) => badge.socket(s));
 * ```
 * @param el the element whose text and `data-state` show the state
 */
export function createConnectionBadge(el: HTMLElement): ConnectionBadge {
  let socketUp = false;
  let isStalled = false;
  let detail = '';
  const show = (): void => {
    const state: BadgeState = !socketUp
      ? el.dataset.state === 'connecting'
        ? 'connecting'
        : 'reconnecting'
      : isStalled
        ? 'stalled'
        : 'connected';
    el.dataset.state = state;
    el.textContent = detail ? `${state} · ${detail}` : state;
  };
  return {
    socket: (s) => {
      socketUp = s._tag === 'connected';
      if (s._tag === 'connected') {
        el.dataset.state = 'connected';
        detail = '';
      } else {
        detail = `retry in ${(s.retryInMs / 1000).toFixed(1)} s`;
        if (el.dataset.state !== 'connecting') el.dataset.state = 'reconnecting';
      }
      show();
    },
    stalled: (stalledNow, text) => {
      isStalled = stalledNow;
      if (socketUp) detail = stalledNow ? (text ?? '') : '';
      show();
    },
  };
}
