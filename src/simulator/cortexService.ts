import { randomBytes, randomUUID } from 'crypto';
import { existsSync, statSync } from 'fs';
import type { Socket } from 'net';
import type { WebSocket, RawData } from 'ws';
import {
  ERROR,
  MAX_JSON_DEPTH,
  METHODS,
  WARNING,
  findJsonHazard,
  isMethodName,
  describeDecodeErrors,
  streamColumns,
  STREAM_NAMES,
  type CortexRecord,
  type Marker,
  type MethodName,
  type ParamsOf,
  type ResultOf,
  type Session,
  type StreamName,
} from '../protocol';
import { TOKENLESS_METHODS } from '../protocol/tokenlessMethods';
import { CortexFault } from './cortexFault';
import { isoLocal } from './isoTime';
import type { RecordStore } from './store/recordStore';
import type { RecordWriter, StreamLayout } from './store/storeTypes';
import { exportRecord } from './export/exportRecord';
import type { AppRegistration, ResolvedSimulatorConfig } from './simulatorConfig';
import type { HeadsetSink, RecordedStream, VirtualHeadset } from './virtualHeadset';

/** The version the simulator reports in getCortexInfo. */
const SIMULATED_CORTEX_VERSION = '4.8.32';
/** met runs at 2 Hz on activated sessions with scope pm, else at 0.1 Hz: one sample in 20 (§5.2). */
const MET_LOW_RATE_DECIMATION = 20;
/** createRecord refuses titles longer than this (§6). */
const MAX_RECORD_TITLE_CHARS = 200;
/** createSubject refuses names longer than this (§8.1). */
const MAX_SUBJECT_NAME_CHARS = 30;

interface AppState {
  readonly clientId: string;
  readonly appId: string;
  readonly scopes: readonly string[];
  readonly licenseId: string;
  readonly maxDebit: number;
  /** Activations left; Infinity when the licence has no quota. */
  quota: number;
}

/** A client socket and what it owns. */
class Connection {
  readonly sessions = new Set<SessionState>();
  pending = 0;
  closed = false;
  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    /** The TCP socket under `ws` (the upgrade request's), corked while a tick writes its frames. */
    private readonly socket: Socket | undefined,
  ) {}

  /** Holds writes until {@link uncork}: a tick's frames leave in one write instead of one per frame. */
  cork(): void {
    if (!this.closed) this.socket?.cork();
  }

  uncork(): void {
    // Always paired with cork(): an uncork of a socket closed meanwhile is harmless.
    this.socket?.uncork();
  }

  send(message: object): void {
    this.sendRaw(JSON.stringify(message));
  }

  /** Sends a text frame; false when the socket is gone. */
  sendRaw(text: string): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return false;
    this.ws.send(text);
    return true;
  }

  warn(code: number, message: string | object): void {
    this.send({ jsonrpc: '2.0', warning: { code, message } });
  }
}

class SessionState implements HeadsetSink {
  status: 'opened' | 'activated' | 'closed' = 'opened';
  readonly streams = new Set<StreamName>();
  readonly recordIds: string[] = [];
  readonly started = isoLocal(Date.now());
  stopped: string | undefined;
  writer: RecordWriter | undefined;
  /** Samples before this time (epoch s) predate the record: EEG is sent with a small latency. */
  recordStartS = 0;
  metDecimation = MET_LOW_RATE_DECIMATION;
  licenseId = '';

  constructor(
    readonly id: string,
    readonly app: AppState,
    readonly conn: Connection,
    readonly headset: VirtualHeadset,
    private readonly service: CortexService,
  ) {}

  get sessionId(): string {
    return this.id;
  }

  isSubscribed(stream: StreamName): boolean {
    return this.streams.has(stream);
  }

  sendFrame(_stream: StreamName, frame: string): void {
    if (this.service.faults.shouldDropFrame()) return;
    if (this.conn.sendRaw(frame)) this.service.dataFramesSent++;
  }

  recordSample(stream: RecordedStream, timeS: number, values: ArrayLike<number>): void {
    if (this.writer && timeS >= this.recordStartS) this.writer.append(stream, timeS, values);
  }

  toJSON(owner: string): Session {
    return {
      appId: this.app.appId,
      headset: this.headset.toJSON(),
      id: this.id,
      license: this.licenseId,
      owner,
      performanceMetrics: [],
      recordIds: [...this.recordIds],
      recording: this.writer !== undefined,
      started: this.started,
      status: this.status,
      ...(this.stopped ? { stopped: this.stopped } : {}),
      streams: [...this.streams],
    };
  }
}

/**
 * Faults a test can inject into a running simulator (`sim.faults`).
 *
 * ## Example
 * ```ts
 * import { startSimulator } from 'cortex-rx/simulator';
 * const sim = await startSimulator({ port: 0 });
 * sim.faults.dropFrames({ count: 10 }); // the next 10 data frames are lost: the COUNTER shows the gap
 * sim.faults.delayResponses({ delayMs: 15_000, methods: ['createSession'] }); // past the client's timeout
 * sim.faults.disconnectHeadset(sim.headsetIds[0]); // warnings 0 and 1, its sessions close
 * sim.faults.killClients(); // every client socket dies without a close handshake
 * ```
 */
export class SimulatorFaults {
  private dropRatio = 0;
  private dropCount = 0;
  private dropCounter = 0;
  /** Frames dropped so far by {@link dropFrames}. */
  framesDropped = 0;
  /** Delay of every response, in ms, and the methods it applies to (all when undefined). */
  responseDelay: { delayMs: number; methods: ReadonlySet<string> | undefined } | undefined;

  constructor(private readonly service: CortexService) {}

  /** Drops the next `count` data frames, or one frame in `1/ratio` (deterministically, every n-th). */
  dropFrames(config: { count?: number; ratio?: number }): void {
    this.dropCount = config.count ?? 0;
    this.dropRatio = config.ratio ?? 0;
    this.dropCounter = 0;
  }

  /** Delays responses by `delayMs` (only those of `methods` when given); `delayMs` 0 removes the fault. */
  delayResponses(config: { delayMs: number; methods?: readonly string[] }): void {
    this.responseDelay =
      config.delayMs > 0 ? { delayMs: config.delayMs, methods: config.methods ? new Set(config.methods) : undefined } : undefined;
  }

  /** Disconnects a headset as if it were switched off: its sessions get warnings 0 and 1 and close. */
  disconnectHeadset(headsetId: string): void {
    this.service.disconnectHeadset(headsetId, true);
  }

  /** Kills client sockets abruptly (no close handshake): all of them, or those of one app. */
  killClients(appId?: string): number {
    return this.service.killClients(appId);
  }

  /** @internal */
  shouldDropFrame(): boolean {
    if (this.dropCount > 0) {
      this.dropCount--;
      this.framesDropped++;
      return true;
    }
    if (this.dropRatio > 0) {
      this.dropCounter += this.dropRatio;
      if (this.dropCounter >= 1) {
        this.dropCounter -= 1;
        this.framesDropped++;
        return true;
      }
    }
    return false;
  }
}

type Handler<M extends MethodName> = (
  params: ParamsOf<M>,
  conn: Connection,
  app: AppState | undefined,
) => ResultOf<M> | Promise<ResultOf<M>>;
type Handlers = { readonly [M in MethodName]: Handler<M> };

interface Profile {
  uuid: string;
  name: string;
  loadedOn: string | undefined;
  loadedByApp: string | undefined;
}

/**
 * The Cortex service logic of the simulator: apps and tokens, headsets, sessions, streams, records, markers,
 * subjects and profiles, behind one JSON-RPC dispatcher. The socket server is in {@link startSimulator}.
 * @internal
 */
export class CortexService {
  readonly faults = new SimulatorFaults(this);
  private readonly connections = new Set<Connection>();
  private readonly apps = new Map<string, AppState>();
  private readonly tokens = new Map<string, { clientId: string; expiresAtMs: number }>();
  private readonly sessions = new Map<string, SessionState>();
  private readonly postProcessing = new Set<string>();
  private readonly subjects = new Map<string, ResultOf<'createSubject'>>();
  private readonly profiles = new Map<string, Profile>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ticker: NodeJS.Timeout;
  private nextConnectionId = 1;
  private shutDown = false;
  /** Data frames handed to client sockets since start (after the drop-frames fault). */
  dataFramesSent = 0;
  private readonly handlers: Handlers;

  constructor(
    private readonly config: ResolvedSimulatorConfig,
    readonly headsets: ReadonlyMap<string, VirtualHeadset>,
    private readonly store: RecordStore,
  ) {
    this.handlers = this.makeHandlers();
    // One clock for every headset: each tick produces the samples that became due since the last one. The sockets
    // are corked meanwhile, so that a tick's frames (up to hundreds with many headsets) cost one write each, not one
    // per frame: with 64 headsets at 256 Hz the per-frame writes were the largest cost of the tick.
    this.ticker = setInterval(() => {
      const now = Date.now();
      const corked = [...this.connections];
      for (const c of corked) c.cork();
      try {
        for (const h of this.headsets.values()) h.tick(now);
      } finally {
        for (const c of corked) c.uncork();
      }
    }, 10);
  }

  /**
   * Takes over a new client socket.
   * @param ws the WebSocket
   * @param socket the TCP socket under it (`request.socket` of the upgrade), to batch a tick's writes
   */
  attach(ws: WebSocket, socket?: Socket): void {
    const conn = new Connection(this.nextConnectionId++, ws, socket);
    this.connections.add(conn);
    ws.on('message', (data: RawData, isBinary: boolean) => this.onFrame(conn, data, isBinary));
    ws.on('close', () => this.detach(conn));
    ws.on('error', () => this.detach(conn));
  }

  /** Number of open sessions (all apps), for tests and the churn checks. */
  get openSessionCount(): number {
    return this.sessions.size;
  }

  /** Requests received per method since start (tests check what a client sent). */
  readonly requestCounts = new Map<string, number>();

  /** Number of connected client sockets. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops timers and closes every session (records are stopped and flushed). */
  shutdown(): void {
    clearInterval(this.ticker);
    // Set before the sessions close: stopping their records would schedule post-processing warnings.
    this.shutDown = true;
    for (const conn of [...this.connections]) this.detach(conn);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  /** @internal used by the faults */
  killClients(appId?: string): number {
    let killed = 0;
    for (const conn of [...this.connections]) {
      const owns = appId === undefined || [...conn.sessions].some((s) => s.app.appId === appId || s.app.clientId === appId);
      if (!owns) continue;
      conn.ws.terminate();
      this.detach(conn);
      killed++;
    }
    return killed;
  }

  /** @internal */
  disconnectHeadset(headsetId: string, notify: boolean): void {
    const headset = this.headsets.get(headsetId);
    if (!headset) throw new CortexFault(ERROR.HEADSET_UNAVAILABLE, 'The headset is currently not available.');
    for (const session of [...this.sessions.values()]) {
      if (session.headset !== headset) continue;
      if (notify) {
        session.conn.warn(WARNING.CORTEX_STOP_ALL_STREAMS, {
          behavior: `Cortex has stopped all the subscriptions of session ${session.id}.`,
          sessionId: session.id,
        });
        session.conn.warn(WARNING.CORTEX_CLOSE_SESSION, {
          behavior: `Session ${session.id} was closed because headset ${headsetId} disconnected.`,
          sessionId: session.id,
        });
      }
      this.closeSession(session);
    }
    headset.markDisconnected();
  }

  private later(delayMs: number, fn: () => void): void {
    // After shutdown nothing is scheduled: a timer would outlive the simulator (and keep a test worker alive).
    if (this.shutDown) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, delayMs);
    this.timers.add(t);
  }

  private detach(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    this.connections.delete(conn);
    // Sessions belong to the app's connection: when it goes, they close and their records stop (§1.1, §4).
    for (const session of [...conn.sessions]) this.closeSession(session);
  }

  private closeSession(session: SessionState): void {
    if (session.status === 'closed') return;
    this.stopRecording(session);
    session.status = 'closed';
    session.stopped = isoLocal(Date.now());
    session.streams.clear();
    session.headset.sinks.delete(session);
    session.conn.sessions.delete(session);
    this.sessions.delete(session.id);
  }

  private stopRecording(session: SessionState): CortexRecord | undefined {
    const writer = session.writer;
    if (!writer) return undefined;
    session.writer = undefined;
    const stored = writer.stop(isoLocal(Date.now()));
    const recordId = writer.recordId;
    this.postProcessing.add(recordId);
    const conn = session.conn;
    this.later(this.config.postProcessingDelayMs, () => {
      this.postProcessing.delete(recordId);
      conn.warn(WARNING.CORTEX_RECORD_POST_PROCESSING_DONE, { behavior: 'Post-processing finished.', recordId });
    });
    return stored.record;
  }

  // ---- frames ----

  private onFrame(conn: Connection, data: RawData, isBinary: boolean): void {
    const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
    if (isBinary) {
      conn.send(errorResponse(null, ERROR.INVALID_REQUEST, 'Invalid Request: binary frames are not supported.'));
      return;
    }
    if (bytes > this.config.maxFrameBytes) {
      conn.send(
        errorResponse(null, ERROR.INVALID_REQUEST, `Invalid Request: frame of ${bytes} bytes exceeds the limit of ${this.config.maxFrameBytes} bytes.`),
      );
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      // A SyntaxError, or a RangeError where the engine parses deep nesting recursively.
      conn.send(errorResponse(null, ERROR.PARSE_ERROR, 'Parse error: the frame is not valid JSON.'));
      return;
    }
    void this.onMessage(conn, message).catch((err: unknown) => {
      this.config.log(`internal error: ${err instanceof Error ? err.stack : String(err)}`);
    });
  }

  private async onMessage(conn: Connection, message: unknown): Promise<void> {
    // Checked before anything walks the request: io-ts decoding and JSON.stringify recurse, and 100k nested arrays
    // (which JSON.parse accepts) would overflow the stack.
    const tooDeep = findJsonHazard(message, MAX_JSON_DEPTH, { allowNonFinite: true });
    if (tooDeep) {
      conn.send(
        errorResponse(requestIdOf(message), ERROR.INVALID_REQUEST, `Invalid Request: nested deeper than ${MAX_JSON_DEPTH} levels at '${tooDeep.path}'.`),
      );
      return;
    }
    if (Array.isArray(message)) {
      conn.send(errorResponse(null, ERROR.INVALID_REQUEST, 'Invalid Request: batch requests are not supported.'));
      return;
    }
    if (typeof message !== 'object' || message === null) {
      conn.send(errorResponse(null, ERROR.INVALID_REQUEST, 'Invalid Request: a request must be a JSON object.'));
      return;
    }
    const req = message as Record<string, unknown>;
    const rawId = own(req, 'id');
    const id = requestIdOf(req);
    if (rawId !== undefined && id === null) {
      conn.send(errorResponse(null, ERROR.INVALID_REQUEST, 'Invalid Request: id must be a finite number or a string.'));
      return;
    }
    if (own(req, 'jsonrpc') !== '2.0') {
      conn.send(errorResponse(id, ERROR.INVALID_REQUEST, 'Invalid Request: jsonrpc must be "2.0".'));
      return;
    }
    const method = own(req, 'method');
    if (typeof method !== 'string') {
      conn.send(errorResponse(id, ERROR.INVALID_REQUEST, 'Invalid Request: method must be a string.'));
      return;
    }
    if (!isMethodName(method)) {
      conn.send(errorResponse(id, ERROR.METHOD_NOT_FOUND, `Method not found: ${method}.`));
      return;
    }
    this.requestCounts.set(method, (this.requestCounts.get(method) ?? 0) + 1);
    // Omitted params are none; present, they must be an object (JSON-RPC 2.0 §4.2: null is not a structured value).
    const rawParams = own(req, 'params') === undefined ? {} : own(req, 'params');
    if (typeof rawParams !== 'object' || rawParams === null || Array.isArray(rawParams)) {
      conn.send(errorResponse(id, ERROR.INVALID_PARAMS, 'Invalid Parameters: params must be an object (named params).'));
      return;
    }
    const hazard = findJsonHazard(rawParams, MAX_JSON_DEPTH);
    if (hazard !== undefined) {
      // A non-finite number (a literal like 1e400 parses to Infinity): no parameter can take one.
      const name = hazard.path;
      if (rawId !== undefined) {
        conn.send(errorResponse(id, ERROR.INVALID_PARAMS, `Invalid Parameters: '${name}' must be a finite number.`, { behavior: `'${name}' overflows a double` }));
      }
      return;
    }
    if (conn.pending >= this.config.maxPendingRequests) {
      conn.send(
        errorResponse(id, ERROR.LIMIT_EXCEEDED, `Too many pending requests: at most ${this.config.maxPendingRequests} per connection.`),
      );
      return;
    }
    conn.pending++;
    let response: object;
    try {
      const result = await this.dispatch(method, rawParams as Record<string, unknown>, conn);
      response = { id, jsonrpc: '2.0', result };
    } catch (err) {
      if (err instanceof CortexFault) {
        response = errorResponse(id, err.code, err.message, err.data);
      } else {
        this.config.log(`internal error in ${method}: ${err instanceof Error ? err.stack : String(err)}`);
        response = errorResponse(id, ERROR.INTERNAL_ERROR, 'Internal error.');
      }
    }
    const delay = this.faults.responseDelay;
    if (delay && (delay.methods === undefined || delay.methods.has(method))) {
      await new Promise<void>((resolve) => this.later(delay.delayMs, resolve));
    }
    conn.pending--;
    // JSON-RPC 2.0 §4.1: a notification (no id) gets no response.
    if (rawId === undefined) return;
    let text: string;
    try {
      text = JSON.stringify(response);
    } catch (err) {
      this.config.log(`internal error serialising the answer to ${method}: ${err instanceof Error ? err.message : String(err)}`);
      text = JSON.stringify(errorResponse(id, ERROR.INTERNAL_ERROR, 'Internal error.'));
    }
    conn.sendRaw(text);
  }

  private async dispatch(method: MethodName, raw: Record<string, unknown>, conn: Connection): Promise<unknown> {
    let app: AppState | undefined;
    if (!TOKENLESS_METHODS.has(method)) {
      const token = own(raw, 'cortexToken');
      if (token === undefined) {
        throw new CortexFault(ERROR.MISSING_PARAMS, 'Missing the required parameters.', {
          behavior: 'This parameter is required: cortexToken',
        });
      }
      app = this.appOfToken(token);
    }
    const decoded = METHODS[method].params.decode(raw);
    if (decoded._tag === 'Left') {
      const issues = describeDecodeErrors(decoded.left);
      const missing = issues.filter((i) => i.actual === undefined).map((i) => i.path);
      if (missing.length > 0) {
        throw new CortexFault(ERROR.MISSING_PARAMS, 'Missing the required parameters.', {
          behavior: `This parameter is required: ${missing.join(', ')}`,
        });
      }
      const first = issues[0];
      throw new CortexFault(
        ERROR.INVALID_PARAMS,
        `Invalid Parameters: '${first.path}' must be ${first.expected}, got ${safeStringify(first.actual)}.`,
        { behavior: issues.map((i) => `${i.path}: expected ${i.expected}`).join('; ') },
      );
    }
    const handler = this.handlers[method] as Handler<MethodName>;
    return handler(decoded.right as ParamsOf<MethodName>, conn, app);
  }

  // ---- apps and tokens ----

  private appFor(clientId: string, clientSecret: string): AppState {
    if (clientId.length === 0 || clientSecret.length === 0) {
      throw new CortexFault(ERROR.INVALID_CREDENTIALS, 'The client id or client secret is invalid.');
    }
    const known = this.apps.get(clientId);
    const registered = this.config.apps;
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

  private addApp(reg: AppRegistration): AppState {
    const app: AppState = {
      clientId: reg.clientId,
      appId: reg.appId ?? reg.clientId,
      scopes: reg.scopes ?? ['eeg', 'pm'],
      licenseId: `sim-license-${randomUUID()}`,
      maxDebit: reg.maxDebit ?? 100,
      quota: reg.sessionQuota ?? Infinity,
    };
    this.apps.set(reg.clientId, app);
    return app;
  }

  private appOfToken(token: unknown): AppState {
    if (typeof token !== 'string') throw new CortexFault(ERROR.INVALID_TOKEN, 'The Cortex token is invalid.');
    const info = this.tokens.get(token);
    if (!info) throw new CortexFault(ERROR.INVALID_TOKEN, 'The Cortex token is invalid.');
    if (Date.now() > info.expiresAtMs) throw new CortexFault(ERROR.TOKEN_EXPIRED, 'The Cortex token has expired.');
    const app = this.apps.get(info.clientId);
    if (!app) throw new CortexFault(ERROR.INVALID_TOKEN, 'The Cortex token is invalid.');
    return app;
  }

  private issueToken(app: AppState): string {
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, { clientId: app.clientId, expiresAtMs: Date.now() + this.config.tokenLifetimeMs });
    return token;
  }

  // ---- lookups ----

  private headsetById(id: string | undefined): VirtualHeadset {
    const headset = id === undefined ? undefined : this.headsets.get(id);
    if (!headset) throw new CortexFault(ERROR.HEADSET_UNAVAILABLE, 'The headset is currently not available.');
    return headset;
  }

  private sessionOf(app: AppState | undefined, sessionId: string): SessionState {
    const session = this.sessions.get(sessionId);
    // Another app's session is reported as missing: apps never learn of each other's sessions.
    if (!session || !app || session.app !== app) {
      throw new CortexFault(ERROR.SESSION_NOT_FOUND, 'The session does not exist.');
    }
    return session;
  }

  private recordOf(app: AppState | undefined, recordId: string) {
    const stored = this.store.get(recordId);
    if (!stored || !app || stored.appId !== app.appId) {
      throw new CortexFault(ERROR.RECORD_NOT_FOUND, 'The record does not exist or you have no permission to access it.');
    }
    return stored;
  }

  private activate(session: SessionState): void {
    if (session.status === 'activated') return;
    if (session.app.quota <= 0) {
      throw new CortexFault(ERROR.SESSION_LIMIT_REACHED, 'Session limit on this device has been reached.');
    }
    session.app.quota -= 1;
    session.status = 'activated';
    session.licenseId = session.app.licenseId;
  }

  private sessionJson(session: SessionState): Session {
    return session.toJSON(this.config.username);
  }

  // ---- handlers ----

  private makeHandlers(): Handlers {
    const cfg = this.config;
    const needApp = (app: AppState | undefined): AppState => {
      if (!app) throw new CortexFault(ERROR.INVALID_TOKEN, 'The Cortex token is invalid.');
      return app;
    };
    return {
      getCortexInfo: () => ({ buildDate: '2026-11-01T00:00:00', buildNumber: `sim-${SIMULATED_CORTEX_VERSION}`, version: SIMULATED_CORTEX_VERSION }),
      getUserLogin: () => [
        {
          username: cfg.username,
          currentOSUId: '1000',
          currentOSUsername: 'sim',
          loggedInOSUId: '1000',
          loggedInOSUsername: 'sim',
          lastLoginTime: isoLocal(Date.now()),
        },
      ],
      requestAccess: (p) => {
        this.appFor(p.clientId, p.clientSecret);
        return { accessGranted: true, message: 'The access right to the application has already been granted.' };
      },
      hasAccessRight: (p) => {
        this.appFor(p.clientId, p.clientSecret);
        return { accessGranted: true, message: 'The user has granted access right to this application.' };
      },
      authorize: (p) => {
        const app = this.appFor(p.clientId, p.clientSecret);
        if (p.license !== undefined && p.license !== '' && p.license !== app.licenseId) {
          throw new CortexFault(ERROR.INVALID_LICENSE, 'Invalid License Key.');
        }
        const debit = p.debit ?? 0;
        if (!Number.isInteger(debit) || debit < 0) {
          throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: 'debit' must be a non-negative integer, got ${debit}.`);
        }
        if (debit > app.maxDebit) {
          throw new CortexFault(ERROR.DEBIT_OVER_MAX, `The debit ${debit} exceeds the licence's maximum of ${app.maxDebit}.`);
        }
        app.quota += debit;
        return { cortexToken: this.issueToken(app) };
      },
      generateNewToken: (p, _conn, app) => {
        const a = needApp(app);
        if (a !== this.appFor(p.clientId, p.clientSecret)) {
          throw new CortexFault(ERROR.INVALID_TOKEN, 'The Cortex token does not belong to this application.');
        }
        this.tokens.delete(p.cortexToken);
        return { cortexToken: this.issueToken(a) };
      },
      getUserInformation: () => ({
        username: cfg.username,
        firstName: 'Sim',
        lastName: 'User',
        licenseAgreement: { accepted: true, licenseUrl: 'https://www.emotiv.com/privacy' },
      }),
      getLicenseInfo: (_p, _conn, app) => {
        const a = needApp(app);
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
            sessionCount: this.sessions.size,
            validFrom: isoLocal(Date.now() - 86_400_000),
            validTo: isoLocal(Date.now() + 365 * 86_400_000),
          },
        };
      },

      queryHeadsets: (p) => {
        const all = [...this.headsets.values()];
        const pattern = p.id;
        const match = (id: string) =>
          pattern === undefined || (pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern);
        return all.filter((h) => match(h.id)).map((h) => h.toJSON());
      },
      controlDevice: (p, conn) => {
        if (p.command === 'refresh') {
          this.later(cfg.scanDurationMs, () =>
            conn.warn(WARNING.HEADSET_SCANNING_FINISHED, { behavior: 'Headset scanning is finished.' }),
          );
          return { command: 'refresh', message: 'Start refreshing the headset list.' };
        }
        const headset = this.headsetById(p.headset);
        if (p.command === 'connect') {
          if (headset.status === 'discovered') {
            headset.status = 'connecting';
            this.later(cfg.connectDelayMs, () => {
              if (headset.status !== 'connecting') return;
              headset.markConnected();
              conn.warn(WARNING.HEADSET_CONNECTED, { behavior: `Headset ${headset.id} is connected.`, headsetId: headset.id });
            });
          } else if (headset.status === 'connected') {
            this.later(0, () =>
              conn.warn(WARNING.HEADSET_CONNECTED, { behavior: `Headset ${headset.id} is connected.`, headsetId: headset.id }),
            );
          }
          return { command: 'connect', message: `Start connecting to headset ${headset.id}` };
        }
        this.disconnectHeadset(headset.id, true);
        return { command: 'disconnect', message: `Disconnect headset ${headset.id}` };
      },
      updateHeadset: (p, conn) => {
        const headset = this.headsetById(p.headset);
        if (headset.status !== 'connected') throw new CortexFault(ERROR.HEADSET_UNAVAILABLE, 'The headset is currently not available.');
        const { mode = headset.model.mode, eegRate = headset.eegRateHz, memsRate = headset.memsRateHz } = p.setting;
        const rates: readonly number[] = headset.model.eegRatesHz;
        const valid =
          headset.model.idPrefix === 'EPOCX' &&
          ((mode === 'EPOC' && eegRate === 128 && memsRate === 0) ||
            (mode === 'EPOCPLUS' && rates.includes(eegRate) && [0, 32, 64, 128].includes(memsRate)));
        this.later(cfg.connectDelayMs, () => {
          if (valid) {
            headset.applySettings(eegRate, memsRate);
            conn.warn(WARNING.HEADSET_SETTING_APPLIED, { behavior: 'The headset settings were applied.', headsetId: headset.id });
          } else {
            conn.warn(WARNING.HEADSET_SETTING_FAILED, { behavior: 'The headset settings are not supported.', headsetId: headset.id });
          }
        });
        return { headsetId: headset.id, message: 'Updating the headset settings.' };
      },
      updateHeadsetCustomInfo: (p) => {
        const headset = this.headsetById(p.headsetId);
        if (p.customName !== undefined) headset.customName = p.customName;
        if (p.headbandPosition !== undefined) {
          if (headset.model.idPrefix !== 'EPOCX') {
            throw new CortexFault(ERROR.INVALID_PARAMS, "Invalid Parameters: 'headbandPosition' applies to EPOC X only.");
          }
          headset.headbandPosition = p.headbandPosition;
        }
        return {
          headsetId: headset.id,
          customName: headset.customName,
          headbandPosition: headset.headbandPosition,
          message: 'The headset custom info was updated.',
        };
      },
      syncWithHeadsetClock: (p) => {
        const headset = this.headsetById(p.headset);
        if (headset.status !== 'connected') throw new CortexFault(ERROR.HEADSET_UNAVAILABLE, 'The headset is currently not available.');
        // Cortex time is the system clock here: adding the adjustment to the caller's monotonic time gives it.
        return { headset: headset.id, adjustment: Date.now() / 1000 - p.monotonicTime };
      },

      createSession: (p, conn, app) => {
        const a = needApp(app);
        const headset =
          p.headset === undefined ? [...this.headsets.values()].find((h) => h.status === 'connected') : this.headsets.get(p.headset);
        if (!headset || headset.status !== 'connected') {
          throw new CortexFault(ERROR.HEADSET_UNAVAILABLE, 'The headset is currently not available.');
        }
        for (const s of this.sessions.values()) {
          if (s.app === a && s.headset === headset) {
            throw new CortexFault(ERROR.SESSION_ALREADY_EXISTS, `There is already a session for headset ${headset.id} in this application.`);
          }
        }
        const owned = [...this.sessions.values()].filter((s) => s.app === a).length;
        if (owned >= cfg.maxSessionsPerApp) {
          throw new CortexFault(ERROR.LIMIT_EXCEEDED, `Too many sessions: at most ${cfg.maxSessionsPerApp} per application.`);
        }
        const session = new SessionState(randomUUID(), a, conn, headset, this);
        if (p.status === 'active') this.activate(session);
        this.sessions.set(session.id, session);
        conn.sessions.add(session);
        headset.sinks.add(session);
        return this.sessionJson(session);
      },
      updateSession: (p, conn, app) => {
        const session = this.sessionOf(app, p.session);
        if (p.status === 'active') {
          this.activate(session);
          return this.sessionJson(session);
        }
        conn.warn(WARNING.CORTEX_STOP_ALL_STREAMS, {
          behavior: `Cortex has stopped all the subscriptions of session ${session.id}.`,
          sessionId: session.id,
        });
        this.closeSession(session);
        return this.sessionJson(session);
      },
      querySessions: (_p, _conn, app) => {
        const a = needApp(app);
        return [...this.sessions.values()].filter((s) => s.app === a).map((s) => this.sessionJson(s));
      },

      subscribe: (p, _conn, app) => {
        const session = this.sessionOf(app, p.session);
        const success: ResultOf<'subscribe'>['success'] = [];
        const failure: ResultOf<'subscribe'>['failure'] = [];
        const unavailable = (streamName: string, message = 'The stream is unavailable or unsupported.') =>
          failure.push({ streamName, code: ERROR.STREAM_UNAVAILABLE, message });
        for (const name of p.streams) {
          if (!(STREAM_NAMES as readonly string[]).includes(name)) {
            unavailable(name);
            continue;
          }
          const stream = name as StreamName;
          if (stream === 'eeg' && (session.status !== 'activated' || !session.app.scopes.includes('eeg'))) {
            unavailable(stream);
            continue;
          }
          if (stream === 'mot' && session.headset.memsRateHz === 0) {
            unavailable(stream);
            continue;
          }
          if (stream === 'met') {
            const fast = session.status === 'activated' && session.app.scopes.includes('pm');
            session.metDecimation = fast ? 1 : MET_LOW_RATE_DECIMATION;
          }
          session.streams.add(stream);
          const h = session.headset;
          success.push({ streamName: stream, cols: streamColumns(stream, h.model.sensors, h.model.motionSensors), sid: session.id });
        }
        return { success, failure };
      },
      unsubscribe: (p, _conn, app) => {
        const session = this.sessionOf(app, p.session);
        const success: ResultOf<'unsubscribe'>['success'] = [];
        const failure: ResultOf<'unsubscribe'>['failure'] = [];
        for (const name of p.streams) {
          if (session.streams.delete(name as StreamName)) success.push({ streamName: name });
          else failure.push({ streamName: name, code: ERROR.STREAM_UNAVAILABLE, message: 'The stream is not subscribed.' });
        }
        return { success, failure };
      },

      createRecord: (p, _conn, app) => {
        const session = this.sessionOf(app, p.session);
        if (session.status !== 'activated') {
          throw new CortexFault(ERROR.SESSION_NOT_ACTIVATED, 'The session must be activated before creating a record.');
        }
        if (session.writer) throw new CortexFault(ERROR.RECORD_ALREADY_STARTED, 'A record is already running in this session.');
        const title = p.title.trim();
        if (title.length === 0 || p.title.length > MAX_RECORD_TITLE_CHARS) {
          throw new CortexFault(
            ERROR.INVALID_PARAMS,
            `Invalid Parameters: 'title' must be 1 to ${MAX_RECORD_TITLE_CHARS} characters, got ${p.title.length}.`,
          );
        }
        const now = Date.now();
        const record: CortexRecord = {
          uuid: randomUUID(),
          title: p.title,
          description: p.description ?? '',
          tags: p.tags ?? [],
          experimentId: p.experimentId ?? 0,
          startDatetime: isoLocal(now),
          ownerId: '00000000-0000-4000-8000-000000000001',
          applicationId: session.app.appId,
          applicationVersion: '1.0',
          licenseId: session.app.licenseId,
          licenseScope: [...session.app.scopes],
          subject: { subjectName: p.subjectName ?? cfg.username },
          localOnly: true,
          headbandPosition: session.headset.headbandPosition,
        };
        const h = session.headset;
        const layouts: StreamLayout[] = recordedLayouts(h);
        session.writer = this.store.create({
          record,
          appId: session.app.appId,
          sessionId: session.id,
          headset: { id: h.id, sensors: [...h.model.sensors] },
          streams: layouts,
        });
        session.recordStartS = now / 1000;
        session.recordIds.push(record.uuid);
        return { record: this.store.get(record.uuid)?.record ?? record, sessionId: session.id };
      },
      stopRecord: (p, _conn, app) => {
        const session = this.sessionOf(app, p.session);
        const record = this.stopRecording(session);
        if (!record) throw new CortexFault(ERROR.RECORD_NOT_RUNNING, 'There is no record running in this session.');
        return { record, sessionId: session.id };
      },
      updateRecord: (p, _conn, app) => {
        this.recordOf(app, p.record);
        return this.store.update(p.record, { title: p.title, description: p.description, tags: p.tags }).record;
      },
      deleteRecord: async (p, _conn, app) => {
        const success: { recordId: string }[] = [];
        const failure: { recordId: string; code: number; message: string }[] = [];
        for (const recordId of p.records) {
          try {
            const stored = this.recordOf(app, recordId);
            if (stored.running) throw new CortexFault(ERROR.RECORD_ALREADY_STARTED, 'The record is still running.');
            await this.store.delete(recordId);
            success.push({ recordId });
          } catch (err) {
            failure.push(itemFailure(recordId, err));
          }
        }
        return { success, failure };
      },
      exportRecord: (p, _conn, app) => {
        const success: { recordId: string }[] = [];
        const failure: { recordId: string; code: number; message: string }[] = [];
        if (!existsSync(p.folder) || !statSync(p.folder).isDirectory()) {
          throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: 'folder' must be an existing directory, got "${p.folder}".`);
        }
        for (const recordId of p.recordIds) {
          try {
            const stored = this.recordOf(app, recordId);
            if (stored.running || this.postProcessing.has(recordId)) {
              throw new CortexFault(ERROR.RECORD_ALREADY_STARTED, 'The record is not ready: wait for warning 30 after stopRecord.');
            }
            exportRecord(this.store, recordId, { folder: p.folder, format: p.format, streamTypes: p.streamTypes, version: p.version });
            success.push({ recordId });
          } catch (err) {
            failure.push(itemFailure(recordId, err));
          }
        }
        return { success, failure };
      },
      queryRecords: (p, _conn, app) => {
        const a = needApp(app);
        const keyword = typeof own(p.query, 'keyword') === 'string' ? String(own(p.query, 'keyword')).toLowerCase() : undefined;
        let records = this.store
          .list()
          .filter((r) => r.appId === a.appId)
          .map((r) => r.record)
          .filter(
            (r) =>
              keyword === undefined ||
              r.title.toLowerCase().includes(keyword) ||
              (r.description ?? '').toLowerCase().includes(keyword) ||
              (r.subject?.subjectName ?? '').toLowerCase().includes(keyword),
          );
        records = sortRecords(records, p.orderBy);
        const count = records.length;
        const offset = p.offset ?? 0;
        const limit = p.limit ?? 0;
        const page = records.slice(offset, limit > 0 ? offset + limit : undefined);
        const shaped = page.map((r) => {
          const base = p.includeMarkers ? r : withoutMarkers(r);
          // The simulator never uploads: every record is local only (§6 syncStatus).
          return p.includeSyncStatusInfo ? { ...base, syncStatus: { status: 'neverUploaded' } } : base;
        });
        return { records: shaped, count, limit, offset };
      },
      getRecordInfos: (p, _conn, app) => p.recordIds.map((id) => this.recordOf(app, id).record),
      configOptOut: (p) => ({ newOptOut: p.status === 'set' ? (p.newOptOut ?? false) : true, message: 'The simulator never uploads records.' }),
      requestToDownloadRecordData: (p, _conn, app) => {
        const success: { recordId: string }[] = [];
        const failure: { recordId: string; code: number; message: string }[] = [];
        for (const recordId of p.recordIds) {
          try {
            this.recordOf(app, recordId);
            success.push({ recordId });
          } catch (err) {
            failure.push(itemFailure(recordId, err));
          }
        }
        return { success, failure };
      },

      injectMarker: (p, _conn, app) => {
        const session = this.sessionOf(app, p.session);
        const writer = this.requireRecording(session);
        if (typeof p.value === 'number' && (!Number.isInteger(p.value) || p.value < 0)) {
          throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: 'value' must be a string or an integer >= 0, got ${p.value}.`);
        }
        this.checkMarkerTime(p.time);
        const iso = isoLocal(p.time);
        const marker: Marker = {
          uuid: randomUUID(),
          type: 'instance',
          value: p.value,
          label: p.label,
          port: p.port ?? 'Software',
          startDatetime: iso,
          endDatetime: iso,
          extras: p.extras ?? {},
        };
        writer.addMarker(marker);
        session.headset.addPendingMarker({
          timeS: p.time / 1000,
          json: JSON.stringify({
            applicationId: session.app.appId,
            recordId: writer.recordId,
            uuid: marker.uuid,
            type: marker.type,
            value: marker.value,
            label: marker.label,
            port: marker.port,
            time: p.time,
          }),
        });
        session.headset.triggerEvokedResponse(p.time / 1000);
        return { recordId: writer.recordId, sessionId: session.id, marker };
      },
      updateMarker: (p, _conn, app) => {
        const session = this.sessionOf(app, p.session);
        const writer = this.requireRecording(session);
        this.checkMarkerTime(p.time);
        const marker = writer.updateMarker(p.markerId, {
          type: 'interval',
          endDatetime: isoLocal(p.time),
          ...(p.extras ? { extras: p.extras } : {}),
        });
        if (!marker) throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no marker ${p.markerId} in the running record.`);
        return { recordId: writer.recordId, sessionId: session.id, marker };
      },

      createSubject: (p) => {
        if (p.subjectName.length === 0 || p.subjectName.length > MAX_SUBJECT_NAME_CHARS) {
          throw new CortexFault(
            ERROR.INVALID_PARAMS,
            `Invalid Parameters: 'subjectName' must be 1 to ${MAX_SUBJECT_NAME_CHARS} characters, got ${p.subjectName.length}.`,
          );
        }
        if (this.subjects.has(p.subjectName)) {
          throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: subject "${p.subjectName}" already exists.`);
        }
        const subject = subjectOf(p);
        this.subjects.set(p.subjectName, subject);
        return subject;
      },
      updateSubject: (p) => {
        if (!this.subjects.has(p.subjectName)) {
          throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no subject "${p.subjectName}".`);
        }
        const subject = subjectOf(p);
        this.subjects.set(p.subjectName, subject);
        return subject;
      },
      deleteSubjects: (p) => {
        const success: { subjectName: string }[] = [];
        const failure: { subjectName: string; code: number; message: string }[] = [];
        for (const subjectName of p.subjects) {
          if (this.subjects.delete(subjectName)) success.push({ subjectName });
          else failure.push({ subjectName, code: ERROR.INVALID_PARAMS, message: `No subject "${subjectName}".` });
        }
        return { success, failure };
      },
      querySubjects: (p) => {
        const keyword = own(p.query, 'subjectName');
        let subjects = [...this.subjects.values()].filter((s) => typeof keyword !== 'string' || s.subjectName.includes(keyword));
        const desc = p.orderBy.some((o) => own(o, 'subjectName') === 'DESC');
        subjects = subjects.sort((a, b) => (desc ? -1 : 1) * a.subjectName.localeCompare(b.subjectName));
        const offset = p.offset ?? 0;
        const limit = p.limit ?? 0;
        return { subjects: subjects.slice(offset, limit > 0 ? offset + limit : undefined), count: subjects.length, limit, offset };
      },
      getDemographicAttributes: () => [
        { name: 'Handedness', value: ['Left', 'Right', 'Ambidextrous'] },
        { name: 'Education', value: ['Primary', 'Secondary', 'Tertiary'] },
      ],

      queryProfile: () => [...this.profiles.values()].map((pr) => ({ uuid: pr.uuid, name: pr.name, readOnly: false, eegChannels: [] })),
      getCurrentProfile: (p, _conn, app) => {
        const headset = this.headsetById(p.headset);
        const loaded = [...this.profiles.values()].find((pr) => pr.loadedOn === headset.id);
        return { name: loaded ? loaded.name : null, loadedByThisApp: loaded !== undefined && loaded.loadedByApp === app?.appId };
      },
      setupProfile: (p, conn, app) => this.setupProfile(p, conn, needApp(app)),
      getDetectionInfo: (p) => DETECTION_INFO[p.detection],
      training: (p, _conn, app) => {
        const session = this.sessionOf(app, p.session);
        const info = DETECTION_INFO[p.detection];
        if (!info.actions.includes(p.action)) {
          throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: '${p.action}' is not a ${p.detection} action.`);
        }
        const prefix = p.detection === 'mentalCommand' ? 'MC' : 'FE';
        const emit = (event: string) => session.headset.emitSys(p.detection, `${prefix}_${event}`);
        if (p.status === 'start') {
          this.later(0, () => emit('Started'));
          this.later(cfg.trainingDurationMs, () => emit('Succeeded'));
        } else {
          const events = { accept: 'Completed', reject: 'Rejected', reset: 'Reset', erase: 'DataErased' } as const;
          this.later(0, () => emit(events[p.status as keyof typeof events]));
        }
        return { action: p.action, status: p.status, message: `Set up training ${p.status} successfully.` };
      },
    };
  }

  private requireRecording(session: SessionState): RecordWriter {
    if (session.status !== 'activated') {
      throw new CortexFault(ERROR.SESSION_NOT_ACTIVATED, 'The session must be activated first.');
    }
    if (!session.writer) throw new CortexFault(ERROR.RECORD_NOT_RUNNING, 'A record must be started before injecting markers.');
    return session.writer;
  }

  private checkMarkerTime(timeMs: number): void {
    if (!Number.isFinite(timeMs) || Math.abs(timeMs - Date.now()) > this.config.markerToleranceMs) {
      throw new CortexFault(
        ERROR.INVALID_PARAMS,
        `Invalid Parameters: 'time' must be epoch milliseconds within ${this.config.markerToleranceMs} ms of now, got ${timeMs}.`,
      );
    }
  }

  private setupProfile(p: ParamsOf<'setupProfile'>, conn: Connection, app: AppState): ResultOf<'setupProfile'> {
    const existing = [...this.profiles.values()].find((pr) => pr.name === p.profile);
    const done = (message: string) => ({ action: p.status, name: p.profile, message });
    switch (p.status) {
      case 'create': {
        if (existing) throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: profile "${p.profile}" already exists.`);
        if (p.profile.length === 0) throw new CortexFault(ERROR.INVALID_PARAMS, "Invalid Parameters: 'profile' must not be empty.");
        const uuid = randomUUID();
        this.profiles.set(uuid, { uuid, name: p.profile, loadedOn: undefined, loadedByApp: undefined });
        return done('Profile created successfully.');
      }
      case 'load': {
        if (!existing) throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no profile "${p.profile}".`);
        const headset = this.headsetById(p.headset);
        // One profile per headset: an app never replaces (or takes over) a profile another app loaded.
        const current = [...this.profiles.values()].find((pr) => pr.loadedOn === headset.id);
        if ((current && current.loadedByApp !== app.appId) || (existing.loadedByApp !== undefined && existing.loadedByApp !== app.appId)) {
          throw new CortexFault(ERROR.PROFILE_OF_OTHER_APP, 'The profile was loaded by another application.');
        }
        if (current && current !== existing) {
          current.loadedOn = undefined;
          current.loadedByApp = undefined;
        }
        existing.loadedOn = headset.id;
        existing.loadedByApp = app.appId;
        conn.warn(WARNING.PROFILE_LOADED, { behavior: 'Profile loaded.', headset: headset.id, profile: existing.name });
        return done('Profile loaded successfully.');
      }
      case 'unload': {
        const headset = this.headsetById(p.headset);
        const loaded = [...this.profiles.values()].find((pr) => pr.loadedOn === headset.id);
        if (!loaded) throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no profile is loaded on ${headset.id}.`);
        if (loaded.loadedByApp !== app.appId) {
          throw new CortexFault(ERROR.PROFILE_OF_OTHER_APP, 'The profile was loaded by another application.');
        }
        loaded.loadedOn = undefined;
        loaded.loadedByApp = undefined;
        conn.warn(WARNING.PROFILE_UNLOADED, { behavior: 'Profile unloaded.', headset: headset.id, profile: loaded.name });
        return done('Profile unloaded successfully.');
      }
      case 'save':
        if (!existing) throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no profile "${p.profile}".`);
        if (existing.loadedByApp !== undefined && existing.loadedByApp !== app.appId) {
          throw new CortexFault(ERROR.PROFILE_OF_OTHER_APP, 'The profile was loaded by another application.');
        }
        return done('Profile saved successfully.');
      case 'rename':
        if (!existing) throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no profile "${p.profile}".`);
        if (existing.loadedByApp !== undefined && existing.loadedByApp !== app.appId) {
          throw new CortexFault(ERROR.PROFILE_OF_OTHER_APP, 'The profile was loaded by another application.');
        }
        if (!p.newProfileName) throw new CortexFault(ERROR.MISSING_PARAMS, 'Missing the required parameters.', { behavior: 'This parameter is required: newProfileName' });
        existing.name = p.newProfileName;
        return done('Profile renamed successfully.');
      case 'delete':
        if (!existing) throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no profile "${p.profile}".`);
        if (existing.loadedByApp !== undefined && existing.loadedByApp !== app.appId) {
          throw new CortexFault(ERROR.PROFILE_OF_OTHER_APP, 'The profile was loaded by another application.');
        }
        this.profiles.delete(existing.uuid);
        return done('Profile deleted successfully.');
    }
  }
}

const DETECTION_INFO: Record<'mentalCommand' | 'facialExpression', ResultOf<'getDetectionInfo'>> = {
  mentalCommand: {
    actions: [
      'neutral', 'push', 'pull', 'lift', 'drop', 'left', 'right', 'rotateLeft', 'rotateRight', 'rotateClockwise',
      'rotateCounterClockwise', 'rotateForwards', 'rotateReverse', 'disappear',
    ],
    controls: ['start', 'accept', 'reject', 'erase', 'reset'],
    events: [
      'MC_Started', 'MC_Succeeded', 'MC_Failed', 'MC_Completed', 'MC_DataErased', 'MC_Rejected', 'MC_Reset',
      'MC_AutoSamplingNeutralCompleted', 'MC_SignatureUpdated',
    ],
    signature: [],
  },
  facialExpression: {
    actions: ['neutral', 'blink', 'winkL', 'winkR', 'horiEye', 'surprise', 'frown', 'smile', 'clench', 'laugh', 'smirkLeft', 'smirkRight'],
    controls: ['start', 'accept', 'reject', 'erase', 'reset'],
    events: ['FE_Started', 'FE_Succeeded', 'FE_Failed', 'FE_Completed', 'FE_DataErased', 'FE_Rejected', 'FE_Reset'],
    signature: ['universal', 'trained'],
  },
};

/** The id of a request when it is usable (a string or a finite number), else null (JSON-RPC 2.0 §5). */
function requestIdOf(message: unknown): number | string | null {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const id = own(message, 'id');
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

function own(obj: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

function errorResponse(id: number | string | null, code: number, message: string, data?: object): object {
  return { id, jsonrpc: '2.0', error: data ? { code, message, data } : { code, message } };
}

function safeStringify(value: unknown): string {
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(value);
  }
}

function itemFailure(recordId: string, err: unknown): { recordId: string; code: number; message: string } {
  if (err instanceof CortexFault) return { recordId, code: err.code, message: err.message };
  const code = typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : ERROR.INTERNAL_ERROR;
  return { recordId, code, message: err instanceof Error ? err.message : String(err) };
}

function withoutMarkers(r: CortexRecord): CortexRecord {
  const { markers: _markers, ...rest } = r;
  return rest;
}

const SORTABLE = ['title', 'description', 'startDatetime', 'modifiedDatetime', 'duration', 'subjectName', 'applicationId'];

function sortRecords(records: CortexRecord[], orderBy: ReadonlyArray<Record<string, 'ASC' | 'DESC'>>): CortexRecord[] {
  const keys = orderBy.flatMap((o) => Object.keys(o).map((k) => ({ key: k, desc: o[k] === 'DESC' })));
  for (const { key } of keys) {
    if (!SORTABLE.includes(key)) {
      throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: 'orderBy' cannot sort by "${key}" (sortable: ${SORTABLE.join(', ')}).`);
    }
  }
  const field = (r: CortexRecord, key: string): string | number => {
    if (key === 'subjectName') return r.subject?.subjectName ?? '';
    if (key === 'duration') return durationS(r);
    const v = own(r, key);
    return typeof v === 'number' || typeof v === 'string' ? v : '';
  };
  return [...records].sort((a, b) => {
    for (const { key, desc } of keys) {
      const x = field(a, key);
      const y = field(b, key);
      if (x < y) return desc ? 1 : -1;
      if (x > y) return desc ? -1 : 1;
    }
    return 0;
  });
}

function durationS(r: CortexRecord): number {
  if (!r.endDatetime) return 0;
  return (Date.parse(r.endDatetime) - Date.parse(r.startDatetime)) / 1000;
}

function subjectOf(p: ParamsOf<'createSubject'>): ResultOf<'createSubject'> {
  return {
    subjectName: p.subjectName,
    dateOfBirth: p.dateOfBirth ?? '',
    sex: p.sex ?? 'U',
    countryCode: p.countryCode ?? '',
    state: p.state ?? '',
    city: p.city ?? '',
    attributes: p.attributes ?? [],
    experimentsCount: 0,
    modifiedDatetime: isoLocal(Date.now()),
  };
}

/** The streams a record keeps for a headset, with their stored numeric columns. */
function recordedLayouts(h: VirtualHeadset): StreamLayout[] {
  const sensors = h.model.sensors;
  const flat = (stream: StreamName) =>
    streamColumns(stream, sensors, h.model.motionSensors)
      .flatMap((c) => (typeof c === 'string' ? [c] : c))
      .filter((c) => c !== 'MARKERS');
  const layouts: StreamLayout[] = [
    { stream: 'eeg', columns: flat('eeg'), sampleRateHz: h.eegRateHz },
    { stream: 'pow', columns: flat('pow'), sampleRateHz: 8 },
    { stream: 'met', columns: flat('met'), sampleRateHz: 2 },
    { stream: 'dev', columns: flat('dev'), sampleRateHz: 2 },
    { stream: 'eq', columns: flat('eq'), sampleRateHz: 2 },
  ];
  if (h.memsRateHz > 0) layouts.push({ stream: 'mot', columns: flat('mot'), sampleRateHz: h.memsRateHz });
  return layouts;
}
