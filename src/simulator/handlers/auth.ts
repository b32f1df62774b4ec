import { ERROR, type ResultOf } from '../../protocol';
import type { AccessRights } from '../accessRights';
import type { AppRegistry } from '../appRegistry';
import type { AppState } from '../appState';
import { CortexFault } from '../cortexFault';
import { isoLocal } from '../isoTime';
import type { HandlerMap } from './handlerTypes';
import { requireApp } from './requireApp';

/** The version the simulator reports in getCortexInfo. */
const SIMULATED_CORTEX_VERSION = '4.8.32';
const MS_PER_DAY = 86_400_000;
/** requestAccess/hasAccessRight while the user has not approved the app (the text is this project's choice). */
const NOT_YET_GRANTED =
  'The user has not granted access right to this application yet: approve it in the EMOTIV Launcher.';

/** The methods of §2: service info, user, access, tokens and licence. */
export type AuthMethod =
  | 'getCortexInfo'
  | 'getUserLogin'
  | 'requestAccess'
  | 'hasAccessRight'
  | 'authorize'
  | 'generateNewToken'
  | 'getUserInformation'
  | 'getLicenseInfo';

/** What the auth handlers use. */
export interface AuthContext {
  readonly config: { readonly username: string };
  readonly apps: AppRegistry;
  /** Approvals of apps and the user's login (the first-run path). */
  readonly access: AccessRights;
  /** Open sessions of every app (the licence's `sessionCount`). */
  readonly sessions: { readonly size: number };
}

/** getLicenseInfo's answer: an offline licence of the app, valid from yesterday for a year. */
function licenseInfo(a: AppState, sessionCount: number): ResultOf<'getLicenseInfo'> {
  return {
    isOnline: false,
    license: {
      applications: [a.appId],
      expired: false,
      isCommercial: false,
      licenseId: a.licenseId,
      licenseName: 'cortex-rx simulator licence',
      localQuota: Number.isFinite(a.quota) ? a.quota : 9999,
      maxDebit: a.maxDebit,
      scopes: [...a.scopes],
      sessionCount,
      validFrom: isoLocal(Date.now() - MS_PER_DAY),
      validTo: isoLocal(Date.now() + 365 * MS_PER_DAY),
    },
  };
}

/**
 * The handlers of §2 (authentication and service info).
 *
 * ## Example
 * ```ts
 * const auth = createAuthHandlers({ config: { username: 'sim.user' }, apps, access, sessions });
 * auth.authorize({ clientId: 'id', clientSecret: 'secret' }, conn, undefined); // { cortexToken }
 * ```
 */
export function createAuthHandlers(ctx: AuthContext): HandlerMap<AuthMethod> {
  const { config, apps, access } = ctx;
  return {
    getCortexInfo: () => ({
      buildDate: '2026-11-01T00:00:00',
      buildNumber: `sim-${SIMULATED_CORTEX_VERSION}`,
      version: SIMULATED_CORTEX_VERSION,
    }),
    getUserLogin: () =>
      access.userLoggedIn
        ? [
            {
              username: config.username,
              currentOSUId: '1000',
              currentOSUsername: 'sim',
              loggedInOSUId: '1000',
              loggedInOSUsername: 'sim',
              lastLoginTime: isoLocal(Date.now()),
            },
          ]
        : [],
    requestAccess: (p, conn) => {
      access.requireLogin();
      apps.appFor(p.clientId, p.clientSecret);
      return access.request(p.clientId, conn)
        ? { accessGranted: true, message: 'The access right to the application has already been granted.' }
        : { accessGranted: false, message: NOT_YET_GRANTED };
    },
    hasAccessRight: (p) => {
      access.requireLogin();
      apps.appFor(p.clientId, p.clientSecret);
      return access.isGranted(p.clientId)
        ? { accessGranted: true, message: 'The user has granted access right to this application.' }
        : { accessGranted: false, message: NOT_YET_GRANTED };
    },
    authorize: (p) => {
      access.requireLogin();
      const app = apps.appFor(p.clientId, p.clientSecret);
      access.requireGranted(p.clientId);
      if (p.license !== undefined && p.license !== '' && p.license !== app.licenseId) {
        throw new CortexFault(ERROR.INVALID_LICENSE, 'Invalid License Key.');
      }
      const debit = p.debit ?? 0;
      if (!Number.isInteger(debit) || debit < 0) {
        throw new CortexFault(
          ERROR.INVALID_PARAMS,
          `Invalid Parameters: 'debit' must be a non-negative integer, got ${debit}.`,
        );
      }
      if (debit > app.maxDebit) {
        throw new CortexFault(
          ERROR.DEBIT_OVER_MAX,
          `The debit ${debit} exceeds the licence's maximum of ${app.maxDebit}.`,
        );
      }
      app.quota += debit;
      return { cortexToken: apps.issueToken(app) };
    },
    generateNewToken: (p, _conn, app) => {
      access.requireLogin();
      const a = requireApp(app);
      if (a !== apps.appFor(p.clientId, p.clientSecret)) {
        throw new CortexFault(ERROR.INVALID_TOKEN, 'The Cortex token does not belong to this application.');
      }
      apps.revokeToken(p.cortexToken);
      return { cortexToken: apps.issueToken(a) };
    },
    getUserInformation: () => {
      access.requireLogin();
      return {
        username: config.username,
        firstName: 'Sim',
        lastName: 'User',
        licenseAgreement: { accepted: true, licenseUrl: 'https://www.emotiv.com/privacy' },
      };
    },
    getLicenseInfo: (_p, _conn, app) => licenseInfo(requireApp(app), ctx.sessions.size),
  };
}
