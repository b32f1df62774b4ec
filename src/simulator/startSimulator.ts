import { createServer as createHttpServer, type Server } from 'http';
import { createServer as createHttpsServer } from 'https';
import { homedir } from 'os';
import { join } from 'path';
import type { AddressInfo } from 'net';
import { WebSocketServer } from 'ws';
import { CortexService } from './cortexService';
import { HEADSET_MODELS } from './headsetModels';
import { parseHeadsetSpec } from './parseHeadsetSpec';
import { mulberry32 } from './prng';
import { ProfileStore } from './store/profileStore';
import { quarantineLine } from './store/quarantine';
import { RecordStore } from './store/recordStore';
import type { ResolvedSimulatorConfig, SimulatorConfig } from './simulatorConfig';
import type { SimulatorFaults } from './simulatorFaults';
import { VirtualHeadset } from './virtualHeadset';
import { SimulatorListenError } from './simulatorListenError';
import { createEvokedResponse } from './signals/createEvokedResponse';
import { createReplayEeg } from './signals/createReplayEeg';
import { replayModel } from './replayModel';

/** The port of the real Cortex service, the simulator's default. */
export const DEFAULT_CORTEX_PORT = 6868;
/** The ws library closes a connection on a frame this many times larger than `maxFrameBytes`. */
const HARD_FRAME_LIMIT_FACTOR = 4;

/** A running simulator. */
export interface RunningSimulator {
  /** `ws://127.0.0.1:<port>` or `wss://...` with `--tls`. */
  readonly url: string;
  readonly port: number;
  /** The PEM certificate of a `tls` simulator: pass it as the CA a client trusts. */
  readonly certificatePem: string | undefined;
  /** The virtual headsets, by id. */
  readonly headsetIds: readonly string[];
  /** Fault injection: disconnect a headset, drop frames, delay responses, kill client sockets. */
  readonly faults: SimulatorFaults;
  /**
   * The user approves the app in the Launcher (with `requireApproval`): warning 9 goes to the sockets that sent its
   * requestAccess, and authorize works from now on. An app not yet asking is approved in advance.
   */
  approveAccess(clientId: string): void;
  /** The user declines the app: warning 10 to the sockets that sent its requestAccess; authorize keeps failing. */
  rejectAccess(clientId: string): void;
  /** The user logs in to (warning 2) or out of (warning 3) the Launcher; logged out, authorize fails with -32033. */
  setUserLoggedIn(loggedIn: boolean): void;
  /**
   * Live counts for tests: open sessions, connected sockets, requests received per method, data frames sent to
   * client sockets (after the drop-frames fault), data frames dropped per stream because their socket was over its
   * send budget (`sendBudgetBytes`), sockets closed with 1008 because their client did not read, and the damaged
   * records the start set aside.
   */
  stats(): {
    readonly sessions: number;
    readonly connections: number;
    /** Client sockets not yet destroyed: the connections, and those still closing. */
    readonly sockets: number;
    readonly requests: Readonly<Record<string, number>>;
    readonly framesSent: number;
    /**
     * The damaged records the start moved aside into `<dataDir>/quarantine/` (bad or missing meta.json, a symbolic
     * link, a directory where a file should be, rows recovery refuses), with the reason; also logged as one line.
     */
    readonly quarantined: ReadonlyArray<{
      readonly recordId: string;
      readonly reason: string;
      /** Where it is now; undefined when it could not be moved (it is left in place, ignored). */
      readonly movedTo: string | undefined;
    }>;
    readonly framesDropped: Readonly<Record<string, number>>;
    readonly slowClientsClosed: number;
  };
  /** Closes every session (stopping and flushing records), every socket and the server. */
  close(): Promise<void>;
}

/**
 * Starts the Cortex simulator: a JSON-RPC 2.0 service on a WebSocket, bound to loopback by default, with
 * virtual headsets streaming synthetic EEG of known spectra, and records stored under `dataDir`.
 *
 * ## Example
 * ```ts
 * import { startSimulator } from 'cortex-rx/simulator';
 * const sim = await startSimulator({ port: 0, dataDir: '/tmp/cortex-sim', headsets: 'EPOCX:2' });
 * console.log(`listening on ${sim.url}`);
 * await sim.close();
 * ```
 * @param options see {@link SimulatorConfig}; every field has a default
 * @returns a handle with the url, the fault injector and `close()`
 */
export async function startSimulator(options: SimulatorConfig = {}): Promise<RunningSimulator> {
  const config = resolveConfig(options);
  // Headsets first: a replay file that cannot be read fails before the record store opens.
  const headsets = createHeadsets(config);
  const store = await RecordStore.open(config.dataDir);
  const quarantined = store.quarantined;
  const quarantineReport = quarantineLine(quarantined);
  if (quarantineReport !== undefined) config.log(quarantineReport);
  const service = new CortexService(config, headsets, store, ProfileStore.open(config.dataDir, config.log));

  let certificatePem: string | undefined;
  let server: Server;
  if (config.tls) {
    const pems = await makeCertificate();
    certificatePem = pems.cert;
    server = createHttpsServer({ key: pems.private, cert: pems.cert });
  } else {
    server = createHttpServer();
  }
  server.on('request', (_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' });
    res.end('The Cortex simulator speaks JSON-RPC 2.0 over WebSocket.\n');
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const failed = (err: Error) => reject(SimulatorListenError.from(err, config.host, config.port));
      server.once('error', failed);
      server.listen(config.port, config.host, () => {
        server.off('error', failed);
        resolve();
      });
    });
  } catch (err) {
    service.shutdown();
    await store.close();
    throw err;
  }
  // Made once the server listens: ws re-emits the server's errors on wss, where a failed listen would be an
  // unhandled 'error' event that ends the process. No upgrade can come first: this runs in the microtask that
  // follows 'listening', before any I/O.
  const wss = new WebSocketServer({ server, maxPayload: config.maxFrameBytes * HARD_FRAME_LIMIT_FACTOR });
  wss.on('connection', (ws, request) => service.attach(ws, request.socket));
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `${config.tls ? 'wss' : 'ws'}://${hostInUrl}:${port}`;
  config.log(`listening on ${url}`);

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    certificatePem,
    headsetIds: [...headsets.keys()],
    faults: service.faults,
    approveAccess: (clientId) => service.access.approve(clientId),
    rejectAccess: (clientId) => service.access.reject(clientId),
    setUserLoggedIn: (loggedIn) => service.access.setUserLoggedIn(loggedIn),
    stats: () => ({
      sessions: service.openSessionCount,
      connections: service.connectionCount,
      sockets: wss.clients.size,
      requests: Object.fromEntries(service.requestCounts),
      framesSent: service.dataFramesSent,
      quarantined,
      framesDropped: Object.fromEntries(service.framesDropped),
      slowClientsClosed: service.slowClientsClosed,
    }),
    close: () => {
      closing ??= (async () => {
        service.shutdown();
        for (const ws of wss.clients) ws.terminate();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await store.close();
      })();
      return closing;
    },
  };
}

/** The virtual headsets of the config, by id; ids and signals are drawn from the seed. */
function createHeadsets(config: ResolvedSimulatorConfig): Map<string, VirtualHeadset> {
  const rand = mulberry32(config.seed);
  // Replayed headsets come first in queryHeadsets: a client that takes the first headset (EMOTIV's examples do)
  // streams the recording it was started with. Ids and seeds are drawn in the entries' order, virtual ones first.
  const replayed = new Map<string, VirtualHeadset>();
  const virtual = new Map<string, VirtualHeadset>();
  let made = 0;
  const entries = [
    ...config.headsets.map((e) => ({ ...e, model: HEADSET_MODELS[e.model], replay: undefined })),
    ...config.replay.map((path) => ({ ...replayModel(path), count: 1, replay: path })),
  ];
  for (const entry of entries) {
    for (let i = 0; i < entry.count; i++) {
      const { model, replay } = entry;
      const hex = Math.floor(rand() * 0x100000000)
        .toString(16)
        .toUpperCase()
        .padStart(8, '0');
      const id = `${model.idPrefix}-${hex}`;
      (replay === undefined ? virtual : replayed).set(
        id,
        new VirtualHeadset({
          id,
          model,
          eegRateHz: entry.eegRateHz,
          seed: (config.seed * 1000003 + made++) >>> 0,
          blinks: config.blinks,
          packetLossRatio: config.packetLossRatio,
          initialStatus: config.initialHeadsetStatus,
          evokedResponse: config.evokedResponse,
          detectionEventMs: config.detectionEventMs,
          eegSource: replay === undefined ? undefined : (sensors) => createReplayEeg({ path: replay, sensors }),
        }),
      );
    }
  }
  return new Map([...replayed, ...virtual]);
}

function resolveConfig(o: SimulatorConfig): ResolvedSimulatorConfig {
  const headsets =
    o.headsets === undefined
      ? parseHeadsetSpec('EPOCX,INSIGHT')
      : typeof o.headsets === 'string'
        ? parseHeadsetSpec(o.headsets)
        : o.headsets;
  const port = o.port ?? DEFAULT_CORTEX_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`port must be an integer from 0 to 65535, got ${port}`);
  const ratio = o.packetLossRatio ?? 0;
  if (!(ratio >= 0 && ratio < 1)) throw new Error(`packetLossRatio must be in [0, 1), got ${ratio}`);
  // Checked here, before the record store opens, rather than when the first headset is built.
  if (o.evokedResponse !== undefined) createEvokedResponse(o.evokedResponse, []);
  return {
    port,
    host: o.host ?? '127.0.0.1',
    tls: o.tls ?? false,
    dataDir: o.dataDir ?? join(homedir(), '.cortex-rx'),
    headsets,
    replay: o.replay === undefined ? [] : typeof o.replay === 'string' ? [o.replay] : [...o.replay],
    seed: o.seed ?? 1,
    initialHeadsetStatus: o.initialHeadsetStatus ?? 'discovered',
    apps: o.apps,
    username: o.username ?? 'sim.user',
    connectDelayMs: o.connectDelayMs ?? 300,
    scanDurationMs: o.scanDurationMs ?? 2000,
    postProcessingDelayMs: o.postProcessingDelayMs ?? 300,
    headsetLossTimeoutMs: nonNegative('headsetLossTimeoutMs', o.headsetLossTimeoutMs, 30_000),
    trainingDurationMs: o.trainingDurationMs ?? 8000,
    detectionEventMs: o.detectionEventMs ?? 3000,
    blinks: o.blinks ?? true,
    evokedResponse: o.evokedResponse,
    packetLossRatio: ratio,
    maxFrameBytes: o.maxFrameBytes ?? 256 * 1024,
    maxSessionsPerApp: o.maxSessionsPerApp ?? 64,
    maxPendingRequests: o.maxPendingRequests ?? 1024,
    sendBudgetBytes: positive('sendBudgetBytes', o.sendBudgetBytes, 1024 * 1024),
    slowClientTimeoutMs: nonNegative('slowClientTimeoutMs', o.slowClientTimeoutMs, 10_000),
    maxBufferedBytes: positive('maxBufferedBytes', o.maxBufferedBytes, 16 * 1024 * 1024),
    slowClientCloseGraceMs: nonNegative('slowClientCloseGraceMs', o.slowClientCloseGraceMs, 2000),
    markerToleranceMs: o.markerToleranceMs ?? 60_000,
    tokenLifetimeMs: o.tokenLifetimeMs ?? 48 * 3600 * 1000,
    requireApproval: o.requireApproval ?? false,
    autoApproveAfterMs:
      o.autoApproveAfterMs === undefined ? undefined : nonNegative('autoApproveAfterMs', o.autoApproveAfterMs, 0),
    userLoggedIn: o.userLoggedIn ?? true,
    log: o.log ?? (() => undefined),
  };
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!(Number.isFinite(v) && v >= 0)) throw new Error(`${name} must be a finite number >= 0, got ${v}`);
  return v;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!(Number.isFinite(v) && v > 0)) throw new Error(`${name} must be a finite number > 0, got ${v}`);
  return v;
}

async function makeCertificate(): Promise<{ private: string; cert: string }> {
  const selfsigned = await import('selfsigned');
  const notAfter = new Date();
  notAfter.setFullYear(notAfter.getFullYear() + 1);
  return selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
}
