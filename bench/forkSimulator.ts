import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** A simulator running in a child process (see bench/simulatorProcess.ts). */
export interface ForkedSimulator {
  readonly url: string;
  readonly pid: number;
  /** CPU seconds (user + system) the child has used so far, from /proc (NaN where /proc is missing). */
  cpuSeconds(): number;
  /** Stops the child (SIGTERM, then SIGKILL after 3 s) and removes its data dir. */
  close(): Promise<void>;
}

const CLOCK_TICKS_PER_S = 100; // USER_HZ on Linux

function procCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
  } catch {
    return NaN;
  }
}

/**
 * Forks `cortex-rx simulate --port 0 --headsets <spec> --connected` (from the sources, through tsx) and resolves
 * with its url once it prints `listening on <url>`.
 */
export async function forkSimulator(headsets: string): Promise<ForkedSimulator> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-bench-sim-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, 'simulatorProcess.ts'),
      '--port',
      '0',
      '--headsets',
      headsets,
      '--connected',
      '--data-dir',
      dataDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], cwd: join(__dirname, '..') },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`simulator did not start within 30 s: ${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const m = /listening on (\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited with ${code}: ${stderr}`));
    });
  });
  const pid = child.pid!;
  return {
    url,
    pid,
    cpuSeconds: () => procCpuSeconds(pid),
    close: async () => {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
