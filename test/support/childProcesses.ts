import { fork, type ChildProcess } from 'child_process';
import { join } from 'path';
import type { SimulatorConfig } from '../../src/simulator';
import { distIsCurrent } from './distIsCurrent';

const ROOT = join(__dirname, '..', '..');

/**
 * The `cortex-rx` command to spawn: `bin/cortex-rx.js` (what users run) when dist/ is fresh, else the same command
 * compiled from src/ on the fly (test/support/cliFromSource.js), so that a test never runs a stale build.
 */
export function cortexRxCommand(): { readonly script: string; readonly label: string } {
  return distIsCurrent()
    ? { script: join(ROOT, 'bin', 'cortex-rx.js'), label: 'bin/cortex-rx.js' }
    : {
        script: join(ROOT, 'test', 'support', 'cliFromSource.js'),
        label: 'src/cli compiled on the fly (dist/ missing or stale)',
      };
}

/** What the simulator process counts (`sim.stats()`). */
export interface SimulatorStats {
  readonly sessions: number;
  readonly connections: number;
  readonly requests: Readonly<Record<string, number>>;
  readonly framesSent: number;
}

/** A simulator running in a child process. */
export interface SimulatorProcess {
  readonly url: string;
  readonly headsetIds: readonly string[];
  /** Where it was loaded from: the build or the sources. */
  readonly from: 'dist' | 'src';
  stats(): Promise<SimulatorStats>;
  /** Closes the simulator (its sessions and records) and lets the process exit. */
  close(): Promise<void>;
}

/** Starts `startSimulator(config)` in a child process (`config` must be plain data: no `log` function). */
export async function startSimulatorProcess(config: SimulatorConfig): Promise<SimulatorProcess> {
  const from = distIsCurrent() ? 'dist' : 'src';
  const child: ChildProcess = fork(join(ROOT, 'test', 'support', 'simulatorChild.js'), [from], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (m: Record<string, unknown>) => void; reject: (e: Error) => void }>();
  child.on('message', (m: { id: number; error?: string }) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error) w.reject(new Error(m.error));
    else w.resolve(m as Record<string, unknown>);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', (code) => {
    for (const w of waiting.values()) w.reject(new Error(`the simulator process exited (${code})`));
    waiting.clear();
  });
  const ask = (cmd: string, body: object = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      child.send({ id, cmd, ...body });
    });
  const started = await ask('start', { config });
  return {
    url: started.url as string,
    headsetIds: started.headsetIds as string[],
    from,
    stats: async () => (await ask('stats')).stats as SimulatorStats,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        await ask('close').catch(() => undefined);
        await exited;
      }
    },
  };
}
