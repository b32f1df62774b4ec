import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { until } from './rawClient';

/** The Debian package's binary, else the first `nats-server` on PATH. */
const CANDIDATES = ['/usr/sbin/nats-server', '/usr/bin/nats-server', 'nats-server'];

/** The nats-server binary to run, or undefined when none is installed (the NATS tests then skip, saying so). */
export const NATS_SERVER: string | undefined = CANDIDATES.find(
  (bin) => spawnSync(bin, ['--version'], { encoding: 'utf8' }).status === 0,
);

/** Title suffix of the NATS tests: empty when they run, the reason when they skip. */
export const NATS_SKIP_REASON = NATS_SERVER ? '' : ' (SKIPPED: nats-server not installed; apt-get install nats-server)';

/** `describe`, or `describe.skip` with the reason in its name when nats-server is missing. */
export function describeWithNats(name: string, body: () => void): void {
  (NATS_SERVER ? describe : describe.skip)(`${name}${NATS_SKIP_REASON}`, body);
}

/** A free TCP port on 127.0.0.1 (bound, then released for the server to take). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** One nats-server process with JetStream on loopback. */
export interface NatsNode {
  readonly url: string;
  readonly port: number;
  /** Kills the process (SIGKILL: no goodbye to the cluster) and waits for it to exit. */
  kill(): Promise<void>;
  /** Starts it again on the same ports and store. */
  restart(): Promise<void>;
}

/** A NATS deployment for a test: one node, or a cluster; `servers` is what clients take. */
export interface NatsCluster {
  readonly nodes: readonly NatsNode[];
  readonly servers: string[];
  /** Stops every node and removes the stores. */
  close(): Promise<void>;
}

interface NodeSpec {
  readonly name: string;
  readonly port: number;
  readonly clusterPort: number | undefined;
  readonly routes: readonly number[];
  readonly storeDir: string;
}

function argsOf(spec: NodeSpec): string[] {
  const args = ['-js', '-a', '127.0.0.1', '-p', String(spec.port), '-sd', spec.storeDir, '-n', spec.name];
  if (spec.clusterPort !== undefined) {
    args.push('--cluster_name', 'cortex-test', '--cluster', `nats://127.0.0.1:${spec.clusterPort}`);
    args.push('--routes', spec.routes.map((p) => `nats://127.0.0.1:${p}`).join(','));
  }
  return args;
}

/** Spawns the server and resolves once it accepts clients ("Server is ready" on its log). */
async function spawnNode(spec: NodeSpec): Promise<ChildProcess> {
  const child = spawn(NATS_SERVER!, argsOf(spec), { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Server is ready')) {
        child.stderr!.off('data', onData);
        child.stderr!.resume();
        resolve();
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`nats-server ${spec.name} exited (${code}):\n${log}`)));
  });
  return child;
}

function nodeOf(spec: NodeSpec, first: ChildProcess): NatsNode {
  let child: ChildProcess | undefined = first;
  return {
    url: `nats://127.0.0.1:${spec.port}`,
    port: spec.port,
    kill: async () => {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    },
    restart: async () => {
      child = await spawnNode(spec);
    },
  };
}

/** Resolves when JetStream answers on `servers` (a cluster has elected its meta leader). */
export async function untilJetStreamReady(servers: string[], timeoutMs = 20_000): Promise<void> {
  await until(
    async () => {
      const nc = await connect({ servers, timeout: 1000 }).catch(() => undefined);
      if (!nc) return false;
      try {
        const jsm = await jetstreamManager(nc, { timeout: 1000 });
        await jsm.getAccountInfo();
        return true;
      } catch {
        return false;
      } finally {
        await nc.close();
      }
    },
    'JetStream to answer',
    timeoutMs,
  );
}

/**
 * Starts `size` nats-server nodes with JetStream on free loopback ports, each with a temporary store; with
 * `size > 1` they form one cluster (routes to each other), and streams can be replicated.
 */
export async function startNats(size = 1): Promise<NatsCluster> {
  const root = mkdtempSync(join(tmpdir(), 'cortex-rx-nats-'));
  const ports: number[] = [];
  for (let i = 0; i < size * 2; i++) ports.push(await freePort());
  const clusterPorts = ports.slice(size);
  const specs: NodeSpec[] = Array.from({ length: size }, (_, i) => ({
    name: `n${i + 1}`,
    port: ports[i],
    clusterPort: size > 1 ? clusterPorts[i] : undefined,
    routes: clusterPorts.filter((_, j) => j !== i),
    storeDir: join(root, `n${i + 1}`),
  }));
  const children = await Promise.all(specs.map(spawnNode));
  const nodes = specs.map((s, i) => nodeOf(s, children[i]));
  const servers = nodes.map((n) => n.url);
  await untilJetStreamReady(servers);
  return {
    nodes,
    servers,
    close: async () => {
      await Promise.all(nodes.map((n) => n.kill()));
      rmSync(root, { recursive: true, force: true });
    },
  };
}
