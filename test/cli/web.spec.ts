import { spawn, type ChildProcessWithoutNullStreams } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { request } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Browser } from 'puppeteer-core';
import { describeInChromium, launchChromium } from '../support/chromium';
import { cortexRxCommand } from '../support/childProcesses';
import { startHarness, type Harness } from '../support/simulatorHarness';

const ROOT = join(__dirname, '..', '..');
/** A deadline for a child process (compiling src/ on the fly on a busy machine), not a timing under test. */
const CHILD_DEADLINE_MS = 120_000;

interface WebProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** `http://127.0.0.1:<port>/` from the one line it printed. */
  readonly url: string;
  readonly stdout: () => string;
  stop(): Promise<number | null>;
}

/** Starts `cortex-rx web <args>` and resolves once it printed its line (or rejects with what it said). */
function startWeb(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<WebProcess> {
  const child = spawn(process.execPath, [cortexRxCommand().script, 'web', ...args], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...withoutCortexVariables(process.env), ...env },
  });
  let stdout = '';
  let stderr = '';
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /^open (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(stdout);
      if (m) {
        resolve({
          child,
          url: m[1],
          stdout: () => stdout,
          stop: () => {
            child.kill('SIGTERM');
            return closed;
          },
        });
      }
    });
    void closed.then((code) => reject(new Error(`cortex-rx web exited (${code}): ${stdout}${stderr}`)));
  });
}

function withoutCortexVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('CORTEX_')));
}

/** GET with an explicit Host header (fetch does not let a test set one). */
function get(url: string, host?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: host ? { Host: host } : {} }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('cortex-rx web', () => {
  let dataDir: string;
  let harness: Harness;
  let embedded: WebProcess;
  let remote: WebProcess;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-web-'));
    harness = await startHarness({ headsets: 'INSIGHT' });
    // the CORTEX_* variables of the other commands work here too
    [embedded, remote] = await Promise.all([
      startWeb(['--port', '0', '--data-dir', dataDir]),
      startWeb(['--port', '0'], {
        CORTEX_URL: harness.sim.url,
        CORTEX_CLIENT_ID: 'web-cli-test',
        CORTEX_CLIENT_SECRET: 'the-secret',
      }),
    ]);
  }, CHILD_DEADLINE_MS);
  afterAll(async () => {
    expect(await embedded?.stop()).toBe(0);
    expect(await remote?.stop()).toBe(0);
    await harness?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints one line, `open http://127.0.0.1:<port>/`, and serves the page there', async () => {
    expect(embedded.stdout()).toMatch(/^open http:\/\/127\.0\.0\.1:\d+\/\n$/);
    const page = await get(embedded.url);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/page.js"></script>');
    const script = await get(`${embedded.url}page.js`);
    expect(script.status).toBe(200);
    expect(script.body.length).toBeGreaterThan(10_000);
  });

  it('without --url it starts the simulator and hands the page its url on /config.json', async () => {
    const config = JSON.parse((await get(`${embedded.url}config.json`)).body);
    expect(config).toMatchObject({ url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/), simulator: true });
    expect(config.clientId).toBeTruthy();
  });

  it('with CORTEX_URL/CORTEX_CLIENT_ID/CORTEX_CLIENT_SECRET the page gets that Cortex, the secret in no URL', async () => {
    const config = JSON.parse((await get(`${remote.url}config.json`)).body);
    expect(config).toEqual({
      url: harness.sim.url,
      clientId: 'web-cli-test',
      clientSecret: 'the-secret',
      simulator: false,
    });
    expect(remote.stdout()).not.toContain('the-secret');
    expect((await get(remote.url)).body).not.toContain('the-secret');
  });

  it('answers only to its own loopback address (no DNS rebinding to read the secret)', async () => {
    const port = new URL(remote.url).port;
    expect((await get(`${remote.url}config.json`, `evil.example:${port}`)).status).toBe(403);
    expect((await get(`${remote.url}config.json`, `localhost:${port}`)).status).toBe(200);
  });

  it(
    '--url without credentials fails with one line naming them',
    async () => {
      const started = startWeb(['--port', '0', '--url', harness.sim.url]);
      void started.then(
        (web) => web.stop(), // were it to start, it must not outlive the test
        () => undefined,
      );
      await expect(started).rejects.toThrow(
        /--client-id and --client-secret \(or CORTEX_CLIENT_ID and CORTEX_CLIENT_SECRET\) are required with --url/,
      );
    },
    CHILD_DEADLINE_MS,
  );

  describeInChromium('in Chromium', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
    });

    it('the page of the command connects to its simulator and shows band power', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push((e as Error).message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(embedded.url);
      const connect = await page.waitForSelector('tr[data-headset^="EPOCX-"] button');
      await connect!.click();
      await page.waitForFunction(() => Number((document.querySelector('#bands') as HTMLElement).dataset.updates) >= 1);
      expect(await page.$$eval('#bands tbody th', (ths) => ths.length)).toBe(14);
      expect(errors).toEqual([]);
    });
  });
});
