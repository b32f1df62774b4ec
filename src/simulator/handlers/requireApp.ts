import { ERROR } from '../../protocol';
import type { AppState } from '../appState';
import { CortexFault } from '../cortexFault';

/**
 * The app of a request that needs a token; the RPC core has checked the token of every such method, so a missing app
 * is an invalid token.
 *
 * ## Example
 * ```ts
 * querySessions: (_p, _conn, app) => sessions.ofApp(requireApp(app)).map((s) => sessions.json(s)),
 * ```
 * @throws CortexFault -32014 when `app` is undefined.
 */
export function requireApp(app: AppState | undefined): AppState {
  if (!app) throw new CortexFault(ERROR.INVALID_TOKEN, 'The Cortex token is invalid.');
  return app;
}
