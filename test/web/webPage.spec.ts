import { mkdirSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'puppeteer-core';
import { describeInChromium, launchChromium } from '../support/chromium';
import { RawClient } from '../support/rawClient';
import { startHarness, type Harness } from '../support/simulatorHarness';
import { loadPageScript } from '../../src/web/loadPageScript';
import { startWebServer, type RunningWebServer } from '../../src/web/startWebServer';

/** Where the screenshot goes (git-ignored). */
const OUTPUT = join(__dirname, '..', '..', '.test-output');
const APP = { clientId: 'web-page-test', clientSecret: 'web-page-secret' };

/** Reads the band table: its column headers and, per sensor, the numbers of its cells. */
function readBands(page: Page) {
  return page.$eval('#bands', (table) => {
    const t = table as HTMLTableElement;
    const headers = Array.from(t.tHead!.rows[0].cells).map((c) => c.textContent);
    const rows = Array.from(t.tBodies[0].rows).map((r) => ({
      sensor: r.cells[0].textContent!,
      values: Array.from(r.cells)
        .slice(1)
        .map((c) => parseFloat(c.textContent!)),
    }));
    return { headers, rows, updates: Number(t.dataset.updates ?? 0), text: t.tBodies[0].textContent };
  });
}

describeInChromium('cortex-rx web: the page in Chromium, against the simulator', () => {
  let harness: Harness;
  let server: RunningWebServer;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    harness = await startHarness({ headsets: 'EPOCX' });
    const [script, launched] = await Promise.all([loadPageScript(), launchChromium()]);
    browser = launched;
    server = await startWebServer({ port: 0, page: { url: harness.sim.url, ...APP, simulator: false }, script });
    page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 860 });
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${(e as Error).message}`));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await harness?.close();
  });

  it('loads with no console error and lists the headset with a Connect button', async () => {
    await page.goto(server.url);
    const row = await page.waitForSelector(`tr[data-headset="${harness.sim.headsetIds[0]}"]`);
    expect(await row!.$eval('button', (b) => b.textContent)).toBe('Connect');
    expect(await page.$eval('#connection', (e) => (e as HTMLElement).dataset.state)).toBe('connected');
    expect(problems).toEqual([]);
  });

  it('Connect: the band table fills (a row per sensor, theta…gamma), changes, and alpha leads on O1', async () => {
    await page.locator('::-p-aria(Connect[role="button"])').click();
    await page.waitForFunction(() => Number((document.querySelector('#bands') as HTMLElement).dataset.updates) >= 2);
    const first = await readBands(page);
    expect(first.headers).toEqual(['Channel', 'theta', 'alpha', 'betaL', 'betaH', 'gamma']);
    expect(first.rows.map((r) => r.sensor)).toEqual(expect.arrayContaining(['AF3', 'O1', 'O2', 'AF4']));
    expect(first.rows).toHaveLength(14);
    await page.waitForFunction(
      (n: number) => Number((document.querySelector('#bands') as HTMLElement).dataset.updates) >= n + 4,
      {},
      first.updates,
    );
    const later = await readBands(page);
    expect(later.text).not.toBe(first.text);
    const o1 = later.rows.find((r) => r.sensor === 'O1')!.values;
    expect(o1.indexOf(Math.max(...o1))).toBe(1); // alpha
    expect(o1.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 0);
    expect(problems).toEqual([]);
  });

  it('Record, three presses of M, Stop: a record with three markers on the simulator', async () => {
    await page.locator('::-p-aria(Record[role="button"])').click();
    await page.waitForSelector('::-p-aria(Marker[role="button"]):not([disabled])');
    expect(await page.$eval('#record', (b) => b.textContent)).toBe('Stop');
    for (let i = 0; i < 3; i++) await page.keyboard.press('m');
    await page.waitForFunction(() => document.querySelector('#record-status')!.textContent!.endsWith('3 markers'));
    await page.locator('::-p-aria(Stop[role="button"])').click();
    const status = await page.$eval('#record-status', (e) => e.textContent!);
    const m = /^record ([0-9a-f-]{36}) stopped · 3 markers$/.exec(status);
    expect(m).not.toBeNull();
    expect(await page.$eval('#record', (b) => b.textContent)).toBe('Record');

    const c = await RawClient.connect(harness.sim.url);
    try {
      const token = await c.authorize(APP.clientId, APP.clientSecret);
      let record: any;
      // stopRecord follows the click: wait until the simulator has the record stopped
      for (let tries = 0; tries < 200; tries++) {
        [record] = await c.result('getRecordInfos', { cortexToken: token, recordIds: [m![1]] });
        if (record.endDatetime) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(record.endDatetime).toBeTruthy();
      expect(record.markers.map((k: any) => k.value)).toEqual([1, 2, 3]);
    } finally {
      await c.close();
    }
  });

  it('a dropped socket shows reconnecting, then data again; the screenshot is saved', async () => {
    await page.evaluate(() => {
      const badge = document.querySelector('#connection') as HTMLElement;
      const table = document.querySelector('#bands') as HTMLElement;
      const w = window as unknown as { seen: string[]; updatesAtReconnect: number };
      w.seen = [];
      w.updatesAtReconnect = -1;
      new MutationObserver(() => {
        const state = badge.dataset.state!;
        if (w.seen[w.seen.length - 1] !== state) w.seen.push(state);
        if (state === 'connected' && w.seen.includes('reconnecting') && w.updatesAtReconnect < 0) {
          w.updatesAtReconnect = Number(table.dataset.updates);
        }
      }).observe(badge, { attributes: true, childList: true, subtree: true, characterData: true });
    });
    expect(harness.sim.faults.killClients()).toBeGreaterThan(0);
    await page.waitForFunction(() => {
      const w = window as unknown as { updatesAtReconnect: number };
      const updates = Number((document.querySelector('#bands') as HTMLElement).dataset.updates);
      return w.updatesAtReconnect >= 0 && updates >= w.updatesAtReconnect + 4;
    });
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen).toContain('reconnecting');
    expect(await page.$eval('#connection', (e) => (e as HTMLElement).dataset.state)).toBe('connected');
    const log = await page.$eval('#log', (e) => e.textContent!);
    expect(log).toContain('reconnected to Cortex');
    expect(log).toMatch(/SOCKET_CLOSED/);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, 'web-page.png') });
  });

  it('a headset switched off: the error is shown as text with what to do, and Connect comes back', async () => {
    harness.sim.faults.disconnectHeadset(harness.sim.headsetIds[0]); // lost after 150 ms (the harness's timeout)
    await page.waitForFunction(() => document.querySelector('#problem')!.textContent !== '');
    const problem = await page.$eval('#problem', (e) => e.textContent!);
    expect(problem).toMatch(/^(HEADSET_LOST|SESSION_CLOSED): .+ — .*press Connect/);
    await page.waitForSelector('::-p-aria(Connect[role="button"])');
    expect(await page.$eval('#record', (b) => (b as HTMLButtonElement).disabled)).toBe(true);
    expect(problems).toEqual([]);
  });
});
