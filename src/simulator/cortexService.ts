import type { Socket } from 'net';
import type { WebSocket, RawData } from 'ws';
import { WARNING } from '../protocol';
import { AccessRights } from './accessRights';
import { AppRegistry } from './appRegistry';
import { Connection } from './connection';
import { FaultInjector } from './faultInjector';
import { createHandlers } from './handlers/createHandlers';
import { headsetById } from './handlers/headsetById';
import type { FlexMapping } from './handlers/flexMappings';
import { unloadProfile } from './handlers/profiles';
import type { StoredSubject } from './handlers/subjects';
import { loseHeadset } from './headsetLoss';
import { handleFrame } from './rpc/handleFrame';
import type { RpcContext } from './rpc/rpcContext';
import { SessionTable } from './sessionTable';
import type { ResolvedSimulatorConfig } from './simulatorConfig';
import { ProfileStore, type Profile } from './store/profileStore';
import type { RecordStore } from './store/recordStore';
import { Timers } from './timers';
import type { VirtualHeadset } from './virtualHeadset';

/** The headsets' clock: every tick produces the samples that became due since the last one. */
const TICK_INTERVAL_MS = 10;

/**
 * The Cortex service of the simulator: it composes the rooms and owns the client sockets. The app/token registry
 * ({@link AppRegistry}), the sessions ({@link SessionTable}), the faults ({@link FaultInjector}) and the handlers by
 * domain (`handlers/`) hold the state; the RPC core (`rpc/handleFrame`) turns each frame into a response. The socket
 * server is in `startSimulator`.
 *
 * ## Example
 * ```ts
 * const service = new CortexService(config, headsets, await RecordStore.open(config.dataDir));
 * wss.on('connection', (ws, request) => service.attach(ws, request.socket));
 * // on close
 * service.shutdown();
 * ```
 */
export class CortexService {
  readonly faults: FaultInjector;
  /** Which apps the user approved, and whether a user is logged in (`sim.approveAccess`, `sim.setUserLoggedIn`). */
  readonly access: AccessRights;
  /** Requests received per method since start (tests check what a client sent). */
  readonly requestCounts = new Map<string, number>();
  /** Data frames handed to client sockets since start (after the drop-frames fault). */
  dataFramesSent = 0;
  /** Data frames dropped since start because their socket was over its send budget, per stream. */
  readonly framesDropped = new Map<string, number>();
  /** Sockets closed (1008) since start because their client did not read. */
  slowClientsClosed = 0;
  private readonly connections = new Set<Connection>();
  private readonly sessions: SessionTable;
  private readonly timers = new Timers();
  private readonly rpc: RpcContext;
  private readonly ticker: NodeJS.Timeout;
  /** The headsets in a fixed order, and where the next tick starts in it. */
  private readonly headsetOrder: readonly VirtualHeadset[];
  private firstHeadset = 0;
  private nextConnectionId = 1;

  constructor(
    private readonly config: ResolvedSimulatorConfig,
    private readonly headsets: ReadonlyMap<string, VirtualHeadset>,
    store: RecordStore,
    private readonly profiles: ProfileStore = ProfileStore.open(undefined),
  ) {
    this.faults = new FaultInjector({
      disconnectHeadset: (headsetId) =>
        loseHeadset(
          {
            timers: this.timers,
            sessions: this.sessions,
            connections: () => this.connections,
            headsetLossTimeoutMs: config.headsetLossTimeoutMs,
            log: config.log,
          },
          headsetById(headsets, headsetId),
        ),
      killClients: (appId) => this.killClients(appId),
      forceDetection: (headsetId, detection) =>
        headsetById(headsets, headsetId).detections.force(detection, Date.now() / 1000),
    });
    this.sessions = new SessionTable(config, this.timers, {
      dropFrame: () => this.faults.shouldDropFrame(),
      frameSent: () => {
        this.dataFramesSent++;
      },
      frameDropped: (stream) => {
        this.framesDropped.set(stream, (this.framesDropped.get(stream) ?? 0) + 1);
      },
    });
    this.sessions.onHeadsetGone((headset) => this.unloadProfilesOfHeadset(headset.id));
    const apps = new AppRegistry(config.apps, config.tokenLifetimeMs);
    this.access = new AccessRights(config, this.timers, () => this.connections);
    const handlers = createHandlers({
      config,
      apps,
      access: this.access,
      headsets,
      sessions: this.sessions,
      store,
      timers: this.timers,
      subjects: new Map<string, StoredSubject>(),
      profiles,
      flexMappings: new Map<string, FlexMapping>(),
    });
    this.rpc = { config, apps, handlers, faults: this.faults, timers: this.timers, requestCounts: this.requestCounts };
    this.headsetOrder = [...headsets.values()];
    this.ticker = setInterval(() => this.tick(), TICK_INTERVAL_MS);
  }

  /**
   * Takes over a new client socket.
   * @param ws the WebSocket
   * @param socket the TCP socket under it (`request.socket` of the upgrade), to batch a tick's writes
   */
  attach(ws: WebSocket, socket?: Socket): void {
    const conn = new Connection(this.nextConnectionId++, ws, socket, this.config);
    conn.onSlowClose = (reason) => {
      this.slowClientsClosed++;
      this.config.log(`connection ${conn.id} closed (1008): ${reason}`);
      // Its sessions close now; the socket itself goes once ws's closing handshake ends or times out.
      this.detach(conn);
    };
    this.connections.add(conn);
    ws.on('message', (data: RawData, isBinary: boolean) => handleFrame(this.rpc, conn, data, isBinary));
    ws.on('close', () => this.detach(conn));
    ws.on('error', () => this.detach(conn));
  }

  /** Number of open sessions (all apps), for tests and the churn checks. */
  get openSessionCount(): number {
    return this.sessions.size;
  }

  /** Number of connected client sockets. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /**
   * Unloads the profile loaded on a headset that is gone, with warning 15 (CORTEX_AUTO_UNLOAD_PROFILE) to every
   * connected client: another app may then load it. The headset-disconnect path calls it.
   * @returns the number of profiles unloaded (0 or 1).
   */
  unloadProfilesOfHeadset(headsetId: string): number {
    return this.autoUnload((p) => p.loadedOn === headsetId);
  }

  /** Stops timers and closes every session (records are stopped and flushed). */
  shutdown(): void {
    clearInterval(this.ticker);
    // Before the sessions close: stopping their records must not schedule post-processing warnings.
    this.timers.shutdown();
    for (const conn of [...this.connections]) this.detach(conn);
  }

  /** Kills client sockets abruptly: all, or those with a session of the app (by app id or client id). */
  private killClients(appId?: string): number {
    let killed = 0;
    for (const conn of [...this.connections]) {
      const owns =
        appId === undefined || [...conn.sessions].some((s) => s.app.appId === appId || s.app.clientId === appId);
      if (!owns) continue;
      conn.ws.terminate();
      this.detach(conn);
      killed++;
    }
    return killed;
  }

  /**
   * One clock for every headset. The sockets are corked meanwhile, so that a tick's frames (up to hundreds with many
   * headsets) cost one write each, not one per frame: with 64 headsets at 256 Hz the per-frame writes were the largest
   * cost of the tick. Each tick starts one headset further on: a client over its send budget loses the frames of
   * whichever headsets come after the budget runs out, and the rotation spreads that loss over all of them instead of
   * starving the last ones.
   */
  private tick(): void {
    const now = Date.now();
    const corked = [...this.connections];
    for (const c of corked) c.cork();
    try {
      const n = this.headsetOrder.length;
      this.firstHeadset = n === 0 ? 0 : (this.firstHeadset + 1) % n;
      for (let i = 0; i < n; i++) this.headsetOrder[(this.firstHeadset + i) % n]?.tick(now);
    } finally {
      for (const c of corked) c.uncork();
    }
  }

  private detach(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    this.connections.delete(conn);
    // Sessions belong to the app's connection: when it goes, they close and their records stop (§1.1, §4).
    for (const session of [...conn.sessions]) this.sessions.close(session);
    // Profiles belong to the connection that loaded them: Cortex unloads them with warning 15 (§1.5).
    this.autoUnload((p) => p.loadedByConn === conn.id);
  }

  private autoUnload(match: (p: Profile) => boolean): number {
    const gone = this.profiles.all().filter((p) => p.loadedOn !== undefined && match(p));
    for (const profile of gone) {
      const message = { behavior: 'Profile unloaded by Cortex.', headset: profile.loadedOn, profile: profile.name };
      unloadProfile(this.profiles, this.headsets, profile);
      for (const c of this.connections) c.warn(WARNING.CORTEX_AUTO_UNLOAD_PROFILE, message);
    }
    return gone.length;
  }
}
