import type { Observable, Observer, SchedulerLike } from 'rxjs';
import { asyncScheduler, catchError, filter, map, of, shareReplay, switchMap, take, tap, throwError } from 'rxjs';
import { throwIfEmpty, timeout } from 'rxjs';
import { ERROR, WARNING, type MethodName, type ParamsOf, type ResultOf } from '../../protocol';
import { TOKENLESS_METHODS } from '../../protocol/tokenlessMethods';
import { CortexClientError, CortexError } from '../cortexError';
import type { AccessState } from './accessState';
import type { Undo } from './abandonedRequests';
import type { ClientParams } from './clientParams';
import type { CortexWarning } from './cortexWarning';
import type { RpcChannel } from './rpcChannel';

/** How long the token flow waits for the user to approve the app (warning 9) by default: 2 minutes. */
export const DEFAULT_ACCESS_TIMEOUT_MS = 120_000;

/**
 * The app's credentials and licence options for authorize (§2).
 * @internal
 */
export interface AppCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly license: string | undefined;
  readonly debit: number | undefined;
  /** How long to wait for warning 9 once requestAccess answered `accessGranted: false` (default 2 min). */
  readonly accessTimeoutMs?: number;
  /** Where the access states go (`client.access`). */
  readonly access?: Observer<AccessState>;
  /** Scheduler of the approval deadline (tests). */
  readonly scheduler?: SchedulerLike;
}

/**
 * The app's cortexToken on one socket: fetched once (hasAccessRight → requestAccess if needed → authorize) and
 * shared, added to every request of a method that needs one, and renewed once when Cortex says it is invalid or
 * expired (-32014, -32015). When requestAccess answers `accessGranted: false` (first run: the user has not approved
 * the app in the Launcher), it reports `pending` on the access states and waits for warning 9 (granted) before
 * authorize, up to `accessTimeoutMs` (`ACCESS_TIMEOUT`); warning 10 ends the wait with `ACCESS_REJECTED`.
 *
 * ## Example
 * ```ts
 * const tokens = new TokenCache(rpc, { clientId, clientSecret, license: undefined, debit: undefined }, conn.warnings);
 * tokens.call('querySessions', {}).subscribe((sessions) => console.log(sessions.length));
 * ```
 * @internal
 */
export class TokenCache {
  private token$: Observable<string> | undefined;

  constructor(
    private readonly rpc: RpcChannel,
    private readonly credentials: AppCredentials,
    private readonly warnings: Observable<CortexWarning>,
  ) {}

  /** The app's token on this socket, shared by every caller until it is renewed. */
  token(): Observable<string> {
    if (!this.token$) {
      const { clientId, clientSecret, license, debit } = this.credentials;
      this.token$ = this.rpc.request('hasAccessRight', { clientId, clientSecret }).pipe(
        switchMap((access) =>
          access.accessGranted ? of(access) : this.rpc.request('requestAccess', { clientId, clientSecret }),
        ),
        switchMap((access) => (access.accessGranted ? of(access) : this.approval(access.message))),
        tap(() => this.credentials.access?.next({ _tag: 'granted', clientId })),
        switchMap(() =>
          this.rpc.request('authorize', {
            clientId,
            clientSecret,
            ...(license !== undefined ? { license } : {}),
            ...(debit !== undefined ? { debit } : {}),
          }),
        ),
        map((r) => r.cortexToken),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.token$;
  }

  /** Reports `pending` and waits for warning 9 (granted) or 10 (rejected), up to `accessTimeoutMs`. */
  private approval(cortexMessage: string): Observable<unknown> {
    const { clientId, accessTimeoutMs = DEFAULT_ACCESS_TIMEOUT_MS, scheduler } = this.credentials;
    const message = `waiting for the user to approve the app ${clientId} in the EMOTIV Launcher (Cortex: "${cortexMessage}")`;
    this.credentials.access?.next({ _tag: 'pending', clientId, message });
    return this.warnings.pipe(
      filter((w) => w.code === WARNING.ACCESS_RIGHT_GRANTED || w.code === WARNING.ACCESS_RIGHT_REJECTED),
      take(1),
      throwIfEmpty(() => new CortexClientError('SOCKET_CLOSED', 'the socket closed while waiting for approval')),
      timeout({
        first: accessTimeoutMs,
        scheduler: scheduler ?? asyncScheduler,
        with: () =>
          throwError(
            () =>
              new CortexClientError(
                'ACCESS_TIMEOUT',
                `authorize: the app ${clientId} was not approved in the EMOTIV Launcher within ${accessTimeoutMs} ms (no warning 9)`,
              ),
          ),
      }),
      tap((w) => {
        if (w.code === WARNING.ACCESS_RIGHT_REJECTED) {
          throw new CortexClientError(
            'ACCESS_REJECTED',
            `authorize: the user declined the app ${clientId} (warning 10)`,
            w,
          );
        }
      }),
    );
  }

  /**
   * Like `RpcChannel.request`, adding this app's cortexToken to methods that need one; on a token error (-32014,
   * -32015) the token is renewed with authorize and the request retried once.
   */
  call<M extends MethodName>(method: M, params: ClientParams<M>, undo?: Undo<M>): Observable<ResultOf<M>> {
    if (TOKENLESS_METHODS.has(method) || params.cortexToken !== undefined)
      return this.rpc.request(method, params as ParamsOf<M>, undo);
    const attempt = () =>
      this.token().pipe(
        switchMap((cortexToken) => this.rpc.request(method, { ...params, cortexToken } as ParamsOf<M>, undo)),
      );
    return attempt().pipe(
      catchError((err: unknown) => {
        if (err instanceof CortexError && (err.code === ERROR.INVALID_TOKEN || err.code === ERROR.TOKEN_EXPIRED)) {
          this.token$ = undefined;
          return attempt();
        }
        return throwError(() => err);
      }),
    );
  }
}
