import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { RawClient } from '../support/rawClient';
import { startHarness } from '../support/simulatorHarness';

/** Runs `cortex-rx ...args` in-process, capturing stdout and stderr. */
async function capture(args: string[], during: (out: string[]) => Promise<void> = async () => undefined) {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  try {
    await main(['node', 'cortex-rx', ...args]);
    await during(out);
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
  return { out: out.join(''), err: err.join('') };
}

/** `simulate` with extra flags: hands its url to `use`, then stops it (SIGINT to its own listener only). */
async function withSimulate(flags: string[], use: (url: string) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-cli-'));
  const sigint = process.listenerCount('SIGINT');
  try {
    await capture(['simulate', '--port', '0', '--data-dir', dataDir, ...flags], async (out) => {
      const url = /^listening on (ws:\/\/\S+)\n$/.exec(out[0] ?? '')?.[1];
      expect(url).toBeDefined();
      await use(url!);
    });
  } finally {
    const listeners = process.listeners('SIGINT').slice(sigint);
    const exit = jest.spyOn(process, 'exit').mockImplementation(() => undefined as never);
    for (const l of listeners) (l as () => void)();
    await new Promise((r) => setTimeout(r, 200));
    exit.mockRestore();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const creds = { clientId: 'cli', clientSecret: 'secret' };

describe('CLI: first-run access (issue 12 §8)', () => {
  it('simulate --auto-approve-after S: requestAccess is not granted, then warning 9 comes', async () => {
    await withSimulate(['--auto-approve-after', '0.05'], async (url) => {
      const c = await RawClient.connect(url);
      try {
        expect(await c.result('requestAccess', creds)).toMatchObject({ accessGranted: false });
        await c.warning(9);
        expect(typeof (await c.result('authorize', creds)).cortexToken).toBe('string');
      } finally {
        await c.close();
      }
    });
  });

  it('simulate --logged-out: getUserLogin is empty and authorize fails with -32033', async () => {
    await withSimulate(['--logged-out'], async (url) => {
      const c = await RawClient.connect(url);
      try {
        expect(await c.result('getUserLogin')).toEqual([]);
        expect((await c.call('authorize', creds)).error?.code).toBe(-32033);
      } finally {
        await c.close();
      }
    });
  });

  it('rejects a negative --auto-approve-after', async () => {
    const exit = jest.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    try {
      const run = capture(['simulate', '--auto-approve-after', '-1']);
      await expect(run).rejects.toThrow('exit 1');
    } finally {
      exit.mockRestore();
    }
  });

  it('a command waiting for approval says so on stderr, then goes on', async () => {
    const h = await startHarness({ requireApproval: true, autoApproveAfterMs: 300 });
    try {
      const { out, err } = await capture(['records', '--url', h.sim.url, '--client-id', 'cli', '--client-secret', 's']);
      expect(err).toContain('waiting for the user to approve the app cli in the EMOTIV Launcher');
      expect(out).toMatch(/^record id\s+start/);
    } finally {
      await h.close();
    }
  });
});
