import type { Observable } from 'rxjs';
import { EMPTY, filter, ignoreElements, map, merge, of, take, throwError, timeout } from 'rxjs';
import { WARNING, type Headset } from '../../protocol';
import type { CortexConnection } from '../connection/cortexConnection';
import { warningSubject } from '../connection/cortexWarning';
import { CortexClientError } from '../cortexError';

/** The warnings that end a connect attempt: connected (104), or failed (100–102). */
const CONNECT_OUTCOMES: readonly number[] = [
  WARNING.HEADSET_CONNECTED,
  WARNING.HEADSET_WRONG_INFORMATION,
  WARNING.HEADSET_CANNOT_CONNECT,
  WARNING.HEADSET_CANNOT_CONNECT_TIMEOUT,
];

/**
 * Connects a headset on a connection: controlDevice connect (for a discovered headset), then warning 104
 * (connected) or 100–102 (failed), within `timeoutMs`. Completes at once for a connected headset.
 *
 * ## Example
 * ```ts
 * connectHeadsetOn(conn, headset, 30_000).subscribe({ complete: () => console.log('connected') });
 * ```
 * @internal
 */
export function connectHeadsetOn(conn: CortexConnection, headset: Headset, timeoutMs: number): Observable<void> {
  if (headset.status === 'connected') return of(undefined);
  const outcome = conn.warnings.pipe(
    filter((w) => warningSubject(w, 'headsetId') === headset.id && CONNECT_OUTCOMES.includes(w.code)),
    take(1),
    map((w) => {
      if (w.code !== WARNING.HEADSET_CONNECTED) {
        throw new CortexClientError(
          'HEADSET_UNAVAILABLE',
          `headset ${headset.id} could not connect (warning ${w.code})`,
          w,
        );
      }
    }),
  );
  const command =
    headset.status === 'discovered' ? conn.call('controlDevice', { command: 'connect', headset: headset.id }) : EMPTY;
  return merge(outcome, command.pipe(ignoreElements())).pipe(
    take(1),
    timeout({
      first: timeoutMs,
      with: () =>
        throwError(
          () =>
            new CortexClientError(
              'HEADSET_UNAVAILABLE',
              `headset ${headset.id} did not connect within ${timeoutMs} ms`,
            ),
        ),
    }),
  );
}
