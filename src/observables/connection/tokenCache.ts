import type { Observable } from 'rxjs';
import { catchError, map, of, shareReplay, switchMap, throwError } from 'rxjs';
import { ERROR, type MethodName, type ParamsOf, type ResultOf } from '../../protocol';
import { TOKENLESS_METHODS } from '../../protocol/tokenlessMethods';
import { CortexError } from '../cortexError';
import type { Undo } from './abandonedRequests';
import type { ClientParams } from './clientParams';
import type { RpcChannel } from './rpcChannel';

/**
 * The app's credentials and licence options for authorize (§2).
 * @internal
 */
export interface AppCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly license: string | undefined;
  readonly debit: number | undefined;
}

/**
 * The app's cortexToken on one socket: fetched once (hasAccessRight → requestAccess if needed → authorize) and
 * shared, added to every request of a method that needs one, and renewed once when Cortex says it is invalid or
 * expired (-32014, -32015).
 *
 * ## Example
 * ```ts
 * const tokens = new TokenCache(rpc, { clientId, clientSecret, license: undefined, debit: undefined });
 * tokens.call('querySessions', {}).subscribe((sessions) => console.log(sessions.length));
 * ```
 * @internal
 */
export class TokenCache {
  private token$: Observable<string> | undefined;

  constructor(
    private readonly rpc: RpcChannel,
    private readonly credentials: AppCredentials,
  ) {}

  /** The app's token on this socket, shared by every caller until it is renewed. */
  token(): Observable<string> {
    if (!this.token$) {
      const { clientId, clientSecret, license, debit } = this.credentials;
      this.token$ = this.rpc.request('hasAccessRight', { clientId, clientSecret }).pipe(
        switchMap((access) =>
          access.accessGranted ? of(access) : this.rpc.request('requestAccess', { clientId, clientSecret }),
        ),
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
