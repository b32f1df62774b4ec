import { ERROR, WARNING } from '../../protocol';
import { CortexFault } from '../cortexFault';
import type { SessionTable } from '../sessionTable';
import type { VirtualHeadset } from '../virtualHeadset';
import type { HandlerMap } from './handlerTypes';
import { requireApp } from './requireApp';

/** The methods of §4: opening, activating, closing and listing sessions. */
export type SessionMethod = 'createSession' | 'updateSession' | 'querySessions';

/** What the session handlers use. */
export interface SessionsContext {
  readonly config: { readonly maxSessionsPerApp: number };
  readonly headsets: ReadonlyMap<string, VirtualHeadset>;
  readonly sessions: SessionTable;
}

/**
 * The handlers of §4 (sessions).
 *
 * ## Example
 * ```ts
 * const handlers = createSessionsHandlers({ config, headsets, sessions });
 * handlers.createSession({ cortexToken, status: 'active' }, conn, app); // on the first connected headset
 * ```
 */
export function createSessionsHandlers(ctx: SessionsContext): HandlerMap<SessionMethod> {
  const { config, headsets, sessions } = ctx;
  return {
    createSession: (p, conn, app) => {
      const a = requireApp(app);
      // A headset connected only by USB cable streams nothing: no session on it (§4).
      const usable = (h: VirtualHeadset | undefined): h is VirtualHeadset =>
        h?.status === 'connected' && h.connectedBy !== 'usb cable';
      const headset = p.headset === undefined ? [...headsets.values()].find(usable) : headsets.get(p.headset);
      if (!usable(headset)) {
        throw new CortexFault(ERROR.HEADSET_UNAVAILABLE, 'The headset is currently not available.');
      }
      const owned = sessions.ofApp(a);
      if (owned.some((s) => s.headset === headset)) {
        throw new CortexFault(
          ERROR.SESSION_ALREADY_EXISTS,
          `There is already a session for headset ${headset.id} in this application.`,
        );
      }
      if (owned.length >= config.maxSessionsPerApp) {
        throw new CortexFault(
          ERROR.LIMIT_EXCEEDED,
          `Too many sessions: at most ${config.maxSessionsPerApp} per application.`,
        );
      }
      return sessions.json(sessions.open(a, conn, headset, p.status === 'active'));
    },
    updateSession: (p, conn, app) => {
      const session = sessions.of(app, p.session);
      if (p.status === 'active') {
        session.activate();
        return sessions.json(session);
      }
      conn.warn(WARNING.CORTEX_STOP_ALL_STREAMS, {
        behavior: `Cortex has stopped all the subscriptions of session ${session.id}.`,
        sessionId: session.id,
      });
      sessions.close(session);
      return sessions.json(session);
    },
    querySessions: (_p, _conn, app) => sessions.ofApp(requireApp(app)).map((s) => sessions.json(s)),
  };
}
