import { ERROR, WARNING } from '../protocol';
import type { Connection } from './connection';
import { CortexFault } from './cortexFault';
import type { Timers } from './timers';

/** What {@link AccessRights} takes from the simulator's config. */
export interface AccessConfig {
  /** Apps need the user's approval (`approve`) before authorize; false grants every app at once (default). */
  readonly requireApproval: boolean;
  /** With `requireApproval`, approve an app this long after its first requestAccess; undefined: never by itself. */
  readonly autoApproveAfterMs: number | undefined;
  /** Whether a user is logged in to the Launcher at start. */
  readonly userLoggedIn: boolean;
  /** The EmotivID of the simulated user (warning 2 names it). */
  readonly username: string;
}

/**
 * The first-run path of §1.6 and §2: which apps the user approved in the Launcher, and whether a user is logged in.
 * With `requireApproval`, requestAccess answers `accessGranted: false` until the app is approved (by the test through
 * `approve`, or `autoApproveAfterMs` after its first request); then warning 9 goes to every socket that asked, and
 * authorize works. Logged out, the access methods and authorize fail with -32033 and getUserLogin is empty.
 *
 * ## Example
 * ```ts
 * const access = new AccessRights({ requireApproval: true, autoApproveAfterMs: undefined, userLoggedIn: true,
 *   username: 'sim.user' }, timers, () => connections);
 * access.request('my-client', conn); // false: pending
 * access.approve('my-client'); // warning 9 on conn
 * access.isGranted('my-client'); // true
 * ```
 */
export class AccessRights {
  private readonly granted = new Set<string>();
  private readonly rejected = new Set<string>();
  /** Sockets that asked for access, by client id: warning 9 (or 10) goes to them. */
  private readonly asking = new Map<string, Set<Connection>>();
  private loggedIn: boolean;

  constructor(
    private readonly config: AccessConfig,
    private readonly timers: Timers,
    private readonly connections: () => Iterable<Connection>,
  ) {
    this.loggedIn = config.userLoggedIn;
  }

  /** True when a user is logged in to the Launcher. */
  get userLoggedIn(): boolean {
    return this.loggedIn;
  }

  /** @throws CortexFault -32033 when no user is logged in. */
  requireLogin(): void {
    if (!this.loggedIn) {
      throw new CortexFault(ERROR.USER_NOT_LOGGED_IN, 'No user is logged in: log in to the EMOTIV Launcher first.');
    }
  }

  /** True when the app may authorize (always, without `requireApproval`). */
  isGranted(clientId: string): boolean {
    return !this.config.requireApproval || this.granted.has(clientId);
  }

  /** @throws CortexFault -32102 when the app has not been approved. */
  requireGranted(clientId: string): void {
    if (!this.isGranted(clientId)) {
      throw new CortexFault(
        ERROR.NO_ACCESS_RIGHT,
        'The application has no access right: the user must approve it in the EMOTIV Launcher (requestAccess).',
      );
    }
  }

  /**
   * requestAccess: true when granted; otherwise the Launcher asks the user (once per app) and `conn` will get
   * warning 9 when the user approves, 10 when the user declines.
   */
  request(clientId: string, conn: Connection): boolean {
    if (this.isGranted(clientId)) return true;
    let asking = this.asking.get(clientId);
    if (!asking) {
      asking = new Set();
      this.asking.set(clientId, asking);
      const delayMs = this.config.autoApproveAfterMs;
      if (delayMs !== undefined && !this.rejected.has(clientId))
        this.timers.later(delayMs, () => this.approve(clientId));
    }
    for (const c of asking) if (c.closed) asking.delete(c);
    asking.add(conn);
    return false;
  }

  /** The user approves the app: warning 9 to the sockets that asked; from now on authorize works. */
  approve(clientId: string): void {
    this.rejected.delete(clientId);
    if (this.granted.has(clientId)) return;
    this.granted.add(clientId);
    this.tell(clientId, WARNING.ACCESS_RIGHT_GRANTED, 'The user has granted access right to this application.');
  }

  /** The user declines the app: warning 10 to the sockets that asked; requestAccess may ask again. */
  reject(clientId: string): void {
    this.granted.delete(clientId);
    this.rejected.add(clientId);
    this.tell(clientId, WARNING.ACCESS_RIGHT_REJECTED, 'The user has rejected access right to this application.');
  }

  /** The user logs in (warning 2) or out (warning 3) of the Launcher; every socket hears it. */
  setUserLoggedIn(loggedIn: boolean): void {
    if (loggedIn === this.loggedIn) return;
    this.loggedIn = loggedIn;
    const { username } = this.config;
    for (const c of this.connections()) {
      if (loggedIn) c.warn(WARNING.USER_LOGIN, `The user ${username} has logged in.`);
      else c.warn(WARNING.USER_LOGOUT, `The user ${username} has logged out.`);
    }
  }

  private tell(clientId: string, code: number, message: string): void {
    const asking = this.asking.get(clientId);
    this.asking.delete(clientId);
    for (const c of asking ?? []) if (!c.closed) c.warn(code, message);
  }
}
