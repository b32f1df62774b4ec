import { ERROR } from '../protocol';
import { CortexClientError, CortexError } from '../observables';
import { SimulatorListenError } from '../simulator/simulatorListenError';

/** What to do about the common Cortex errors (§9, §11). */
const HINTS: Readonly<Record<number, string>> = {
  [ERROR.INVALID_LICENSE]: 'omit --license or pass the licence id (not its name)',
  [ERROR.HEADSET_UNAVAILABLE]: 'switch the headset on and connect it (cortex-rx headsets lists them)',
  [ERROR.SESSION_ALREADY_EXISTS]: 'this app already has a session on that headset: close it or pick another headset',
  [ERROR.SESSION_NOT_FOUND]: 'the session closed (its socket or headset went away): start a new one',
  [ERROR.SESSION_NOT_ACTIVATED]: 'activate the session first',
  [ERROR.INVALID_TOKEN]: 'authorize again (the token is not valid for this app)',
  [ERROR.STREAM_UNAVAILABLE]: 'eeg needs an activated session and a licence with the eeg scope',
  [ERROR.MISSING_PARAMS]: 'a required parameter is missing',
  [ERROR.SESSION_LIMIT_REACHED]: 'authorize with debit > 0 (--debit 10)',
  [ERROR.INVALID_CREDENTIALS]: 'check --client-id and --client-secret (or CORTEX_CLIENT_ID / CORTEX_CLIENT_SECRET)',
  [ERROR.APP_NOT_PERMITTED]: 'the licence does not cover this app (e.g. EEG on a non-developer licence)',
};

const CLIENT_HINTS: Readonly<Record<string, string>> = {
  SOCKET_CLOSED: 'is Cortex running? (EMOTIV Launcher, or cortex-rx simulate); for wss:// pass --tls-ca',
  TIMEOUT: 'Cortex did not answer in time',
  SESSION_CLOSED: 'the headset disconnected or the session was closed elsewhere',
  RECORD_STOPPED: 'the record stopped with its session',
  HEADSET_UNAVAILABLE: 'switch the headset on, or name one with --headset',
};

/**
 * One clear line for an error: the Cortex code and message, and what to do about it.
 *
 * ## Example
 * ```ts
 * import { describeError } from './describeError'; // inside src/cli: the command line is the public face
 * describeError(new CortexError(-32019, 'Session limit on this device has been reached.', 'createSession'));
 * // 'createSession: Session limit on this device has been reached. (Cortex error -32019): authorize with debit > 0 (--debit 10)'
 * ```
 */
export function describeError(err: unknown): string {
  if (err instanceof SimulatorListenError) return describeListenError(err);
  if (err instanceof CortexError) {
    const hint = HINTS[err.code];
    return hint ? `${err.message}: ${hint}` : err.message;
  }
  if (err instanceof CortexClientError) {
    const hint = CLIENT_HINTS[err.code];
    return `${err.code}: ${err.message}${hint ? ` (${hint})` : ''}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** `cortex-rx simulate` could not listen: what was asked for, and what to do. */
function describeListenError(err: SimulatorListenError): string {
  switch (err.code) {
    case 'EADDRINUSE':
      return `port ${err.port} is in use (is the EMOTIV Cortex service running? use --port 0)`;
    case 'EADDRNOTAVAIL':
      return `address ${err.host} is not on this machine (use --host 127.0.0.1)`;
    case 'EACCES':
      return `no permission to listen on port ${err.port} (use a port above 1023, or --port 0)`;
    default:
      return err.message;
  }
}
