import { CortexClientError, CortexError, ERROR } from 'cortex-rx';

/** What to do about the common Cortex errors, for a person looking at the page. */
const HINTS: Readonly<Record<number, string>> = {
  [ERROR.HEADSET_UNAVAILABLE]: 'switch the headset on and press Connect again',
  [ERROR.SESSION_ALREADY_EXISTS]:
    'this app already has a session on that headset: close it (another tab?) or pick another headset',
  [ERROR.SESSION_NOT_FOUND]: 'the session closed (its socket or headset went away): press Connect',
  [ERROR.STREAM_UNAVAILABLE]: 'eeg needs an activated session and a licence with the eeg scope',
  [ERROR.SESSION_LIMIT_REACHED]: 'restart cortex-rx web with --debit 10',
  [ERROR.INVALID_CREDENTIALS]: 'check --client-id and --client-secret of cortex-rx web',
  [ERROR.APP_NOT_PERMITTED]: 'the licence does not cover this app (EEG needs a developer licence)',
  [ERROR.INVALID_TOKEN]: 'reload the page to authorize again',
};

function clientHint(code: string, url: string): string | undefined {
  switch (code) {
    case 'SOCKET_CLOSED':
      return url.startsWith('wss:')
        ? `is Cortex running (EMOTIV Launcher)? This browser must trust its certificate: open ${url.replace(/^wss:/, 'https:')} once and accept it, then reload`
        : 'is Cortex running? Restart cortex-rx web, then reload';
    case 'TIMEOUT':
      return 'Cortex did not answer in time: try again';
    case 'SESSION_CLOSED':
      return 'the headset disconnected or the session was closed elsewhere: press Connect';
    case 'RECORD_STOPPED':
      return 'the record stopped with its session (a record cannot outlive a dropped socket): press Record again';
    case 'HEADSET_UNAVAILABLE':
      return 'switch the headset on, then press Connect';
    case 'HEADSET_LOST':
      return 'Cortex dropped the headset after a long silence: switch it on, bring it in range, press Connect';
    default:
      return undefined;
  }
}

/**
 * One line for an error, as the page shows it: the Cortex code and message, and what to do.
 *
 * ## Example
 * ```ts
 * describeProblem(new CortexError(-32019, 'Session limit reached.', 'createSession'), 'wss://localhost:6868');
 * // 'createSession: Session limit reached. (Cortex error -32019): restart cortex-rx web with --debit 10'
 * ```
 * @param err what failed
 * @param url the Cortex url (the hint for a refused socket depends on it)
 */
export function describeProblem(err: unknown, url: string): string {
  if (err instanceof CortexError) {
    const hint = HINTS[err.code];
    return hint ? `${err.message}: ${hint}` : err.message;
  }
  if (err instanceof CortexClientError) {
    const hint = clientHint(err.code, url);
    return `${err.code}: ${err.message}${hint ? ` — ${hint}` : ''}`;
  }
  return err instanceof Error ? err.message : String(err);
}
