import { spawn } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { createServer, type AddressInfo, type Server } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { SimulatorListenError, startSimulator } from '../../src/simulator';
import { cortexRxCommand } from '../support/childProcesses';

const ROOT = join(__dirname, '..', '..');
/** An address of TEST-NET-1 (RFC 5737): never one of this machine's. */
const FOREIGN_HOST = '192.0.2.1';
/** A deadline for a child process (compiling src/ on the fly on a busy machine), not a timing under test. */
const CHILD_DEADLINE_MS = 120_000;

/** A TCP server holding a loopback port, as the EMOTIV Cortex service holds 6868. */
async function occupyPort(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

/** Runs `cortex-rx <args>` to its end: its exit code, stdout and stderr. */
function runCli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [cortexRxCommand().script, ...args], { cwd: ROOT, stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('process edges: a busy port, a foreign address, a closed pipe', () => {
  let busy: Server;
  let busyPort: number;
  let dataDir: string;
  beforeAll(async () => {
    busy = await occupyPort();
    busyPort = (busy.address() as AddressInfo).port;
    dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-edges-'));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => busy.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('startSimulator rejects with SimulatorListenError EADDRINUSE on a port in use (catchable, the process lives)', async () => {
    const started = startSimulator({ port: busyPort, dataDir, headsets: 'INSIGHT' });
    await expect(started).rejects.toBeInstanceOf(SimulatorListenError);
    await expect(started).rejects.toMatchObject({ code: 'EADDRINUSE', host: '127.0.0.1', port: busyPort });
    // the port is still usable by the simulator once free: nothing was left half-open
    const sim = await startSimulator({ port: 0, dataDir, headsets: 'INSIGHT' });
    await sim.close();
  });

  it('startSimulator rejects with SimulatorListenError EADDRNOTAVAIL for an address not on this machine', async () => {
    await expect(startSimulator({ host: FOREIGN_HOST, port: 0, dataDir, headsets: 'INSIGHT' })).rejects.toMatchObject({
      name: 'SimulatorListenError',
      code: 'EADDRNOTAVAIL',
      host: FOREIGN_HOST,
    });
  });

  it(
    '`cortex-rx simulate` on a port in use prints one line and exits 1',
    async () => {
      const r = await runCli(['simulate', '--port', String(busyPort), '--data-dir', dataDir]);
      expect(r.stderr).toBe(
        `cortex-rx: port ${busyPort} is in use (is the EMOTIV Cortex service running? use --port 0)\n`,
      );
      expect(r.stdout).toBe('');
      expect(r.code).toBe(1);
    },
    CHILD_DEADLINE_MS,
  );

  it(
    '`cortex-rx simulate --host <an address not on this machine>` prints one line and exits 1',
    async () => {
      const r = await runCli(['simulate', '--host', FOREIGN_HOST, '--port', '0', '--data-dir', dataDir]);
      expect(r.stderr).toBe(`cortex-rx: address ${FOREIGN_HOST} is not on this machine (use --host 127.0.0.1)\n`);
      expect(r.code).toBe(1);
    },
    CHILD_DEADLINE_MS,
  );

  it(
    '`cortex-rx stream eeg | head -1` exits 0 quietly when the reader closes the pipe',
    async () => {
      const child = spawn(
        process.execPath,
        [cortexRxCommand().script, 'stream', 'eeg', '--data-dir', dataDir, '--client-id', 'a', '--client-secret', 's'],
        { cwd: ROOT, stdio: 'pipe' },
      );
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      // read the first line, then close the read end of the pipe, as `head -1` does
      const first = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const nl = out.indexOf('\n');
          if (nl >= 0) resolve(out.slice(0, nl));
        });
        child.once('close', (code) => reject(new Error(`exited (${code}) before a line; stderr: ${stderr}`)));
      });
      child.stdout.destroy();
      const code = await new Promise<number | null>((resolve) => {
        if (child.exitCode !== null) resolve(child.exitCode);
        else child.once('exit', (c) => resolve(c));
      });
      expect(JSON.parse(first)).toHaveProperty('_tag');
      expect(stderr).not.toMatch(/EPIPE|Error|at /);
      expect(code).toBe(0);
    },
    CHILD_DEADLINE_MS,
  );
});
