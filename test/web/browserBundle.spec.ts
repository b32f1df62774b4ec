import { join } from 'path';
import type { Metafile } from 'esbuild';
import type { Browser } from 'puppeteer-core';
import { describeInChromium, launchChromium } from '../support/chromium';
import { startHarness, type Harness } from '../support/simulatorHarness';

const ROOT = join(__dirname, '..', '..');

/**
 * What an app's code looks like: the client and the operators, imported by package name (tsconfig.json's `paths`
 * resolve them to the sources, and package.json's "browser" field applies as it does to the published package).
 * Run in a page, it connects to `window.cortexUrl`, lists the headsets, and computes band powers of a 10 Hz sine.
 */
const APP = `
import { connectCortex } from 'cortex-rx';
import { bandPower, epoch } from 'cortex-rx/operators';
import { firstValueFrom, from, lastValueFrom } from 'rxjs';

const rateHz = 128;
const samples = Array.from({ length: 2 * rateHz }, (_, i) => ({
  timeS: i / rateHz,
  values: new Float64Array([20 * Math.sin((2 * Math.PI * 10 * i) / rateHz)]),
  channels: ['O1'],
}));
window.bandsOfASine = lastValueFrom(
  from(samples).pipe(
    epoch({ lengthSamples: 2 * rateHz, hopSamples: rateHz }),
    bandPower({ sampleRateHz: rateHz, segmentLength: rateHz, relative: true }),
  ),
).then((p) => ({ bandNames: p.bandNames, relative: Array.from(p.relative) }));
if (window.cortexUrl) {
  const client = connectCortex({ url: window.cortexUrl, clientId: 'bundle-test', clientSecret: 'secret' });
  window.headsetIds = firstValueFrom(client.headsets()).then((hs) => hs.map((h) => h.id));
}
`;

async function bundle(contents: string): Promise<{ js: string; metafile: Metafile }> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    stdin: { contents, resolveDir: ROOT, sourcefile: 'app.ts', loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { js: result.outputFiles[0].text, metafile: result.metafile };
}

describe('the browser build: cortex-rx and cortex-rx/operators bundled by esbuild for the browser platform', () => {
  let built: { js: string; metafile: Metafile };
  beforeAll(async () => {
    built = await bundle(APP);
  }, 60_000);

  it('bundles with no Node built-in, and without ws, the simulator, the CLI or the plotting packages', () => {
    const inputs = Object.keys(built.metafile.inputs);
    expect(inputs).toEqual(expect.arrayContaining([expect.stringMatching(/^src\/observables\/connectCortex\.ts$/)]));
    const unwanted = inputs.filter(
      (i) =>
        !i.startsWith('(disabled):') &&
        /node_modules\/(ws|vega|vega-lite|@resvg|commander|cli-progress|selfsigned)\/|^src\/(simulator|plot|cli|web)\//.test(
          i,
        ),
    );
    expect(unwanted).toEqual([]);
    // ws is named by the client only as Node's default constructor; package.json's "browser" field disables it
    expect(inputs.filter((i) => i.includes('node_modules/ws/'))).toEqual(['(disabled):node_modules/ws/browser.js']);
  });

  it('the check can fail: the simulator needs Node built-ins, and esbuild refuses them for the browser', async () => {
    await expect(
      bundle(`import { startSimulator } from 'cortex-rx/simulator'; console.log(startSimulator);`),
    ).rejects.toThrow(/Could not resolve "(fs|path|crypto|http|os|net|events|fs\/promises|stream|zlib|url|https|tls)"/);
  });

  describeInChromium('in Chromium', () => {
    let browser: Browser;
    let harness: Harness;
    beforeAll(async () => {
      [browser, harness] = await Promise.all([launchChromium(), startHarness({ headsets: 'INSIGHT' })]);
    }, 60_000);
    afterAll(async () => {
      await browser?.close();
      await harness?.close();
    });

    it('runs as an ES module (strict mode): band power of a 10 Hz sine, and the browser WebSocket reaches Cortex', async () => {
      const page = await browser.newPage();
      const errors: string[] = [];
      // a bundle that throws while loading fails the test at once, with its message
      const loadFailed = new Promise<never>((_, reject) =>
        page.on('pageerror', (e) => {
          errors.push((e as Error).message);
          reject(e as Error);
        }),
      );
      loadFailed.catch(() => undefined);
      await page.evaluate(
        (url: string) => ((window as unknown as { cortexUrl: string }).cortexUrl = url),
        harness.sim.url,
      );
      await page.addScriptTag({ type: 'module', content: built.js });
      await Promise.race([page.waitForFunction(() => 'bandsOfASine' in window), loadFailed]);
      const bands = await page.evaluate(
        () =>
          (window as unknown as { bandsOfASine: Promise<{ bandNames: string[]; relative: number[] }> }).bandsOfASine,
      );
      expect(bands.bandNames).toEqual(['theta', 'alpha', 'betaL', 'betaH', 'gamma']);
      expect(bands.relative[1]).toBeGreaterThan(0.99);
      const ids = await page.evaluate(() => (window as unknown as { headsetIds: Promise<string[]> }).headsetIds);
      expect(ids).toEqual(harness.sim.headsetIds);
      expect(errors).toEqual([]);
    });
  });
});
