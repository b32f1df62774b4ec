import { randomBytes, randomUUID } from 'crypto';
import { ERROR } from '../protocol';
import type { AppState } from './appState';
import { CortexFault } from './cortexFault';
import type { AppRegistration } from './simulatorConfig';

/**
 * The apps and tokens of the simulator: checks credentials (against the registered apps when any are, else any
 * non-empty pair), issues and revokes cortexTokens, and finds the app of a token.
 *
 * ## Example
 * ```ts
 * const apps = new AppRegistry(undefined, 48 * 3600 * 1000);
 * const token = apps.issueToken(apps.appFor('my-client', 'my-secret'));
 * apps.appOfToken(token).appId; // 'my-client'
 * ```
 */
export class AppRegistry {
  private readonly apps = new Map<string, AppState>();
  private readonly tokens = new Map<string, { clientId: string; expiresAtMs: number }>();

  /**
   * @param registered the registered apps; when undefined any non-empty clientId/clientSecret pair is accepted.
   * @param tokenLifetimeMs how long a token stays valid.
   */
  constructor(
    private readonly registered: readonly AppRegistration[] | undefined,
    private readonly tokenLifetimeMs: number,
  ) {}

  /** The app of these credentials (known from now on). @throws CortexFault -32021 for bad credentials. */
  appFor(clientId: string, clientSecret: string): AppState {
    if (clientId.length === 0 || clientSecret.length === 0) {
      throw new CortexFault(ERROR.INVALID_CREDENTIALS, 'The client id or client secret is invalid.');
    }
    const known = this.apps.get(clientId);
    const registered = this.registered;
    if (registered) {
      const reg = registered.find((a) => a.clientId === clientId);
      if (!reg || reg.clientSecret !== clientSecret) {
        throw new CortexFault(ERROR.INVALID_CREDENTIALS, 'The client id or client secret is invalid.');
      }
      if (known) return known;
      return this.addApp(reg);
    }
    return known ?? this.addApp({ clientId, clientSecret });
  }

  /** The app a token was issued to. @throws CortexFault -32014 (invalid) or -32015 (expired). */
  appOfToken(token: unknown): AppState {
    if (typeof token !== 'string') throw new CortexFault(ERROR.INVALID_TOKEN, 'The Cortex token is invalid.');
    const info = this.tokens.get(token);
    if (!info) throw new CortexFault(ERROR.INVALID_TOKEN, 'The Cortex token is invalid.');
    if (Date.now() > info.expiresAtMs) throw new CortexFault(ERROR.TOKEN_EXPIRED, 'The Cortex token has expired.');
    const app = this.apps.get(info.clientId);
    if (!app) throw new CortexFault(ERROR.INVALID_TOKEN, 'The Cortex token is invalid.');
    return app;
  }

  /** A new token for the app, valid for the token lifetime. */
  issueToken(app: AppState): string {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { clientId: app.clientId, expiresAtMs: Date.now() + this.tokenLifetimeMs });
    return token;
  }

  /** Forgets a token (generateNewToken replaces it). */
  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  private addApp(reg: AppRegistration): AppState {
    const app: AppState = {
      clientId: reg.clientId,
      appId: reg.appId ?? reg.clientId,
      scopes: reg.scopes ?? ['eeg', 'pm'],
      licenseId: `sim-license-${randomUUID()}`,
      maxDebit: reg.maxDebit ?? 100,
      quota: reg.sessionQuota ?? Infinity,
      optOutAvailable: reg.optOutAvailable ?? true,
      optOut: false,
    };
    this.apps.set(reg.clientId, app);
    return app;
  }
}
