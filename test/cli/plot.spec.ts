import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { switchMap } from 'rxjs';
import { runCli } from '../support/runCli';
import { collect, connectCortex } from '../../src';
import { plotSvg, readCsvExport, analyzeCapture } from '../../src/plot';
import { startHarness } from '../support/simulatorHarness';
import { EPOC_SENSORS } from '../../src/simulator';
import { PLOT_PACKAGES, PLOT_PACKAGE_MAJORS } from '../../src/plot/requirePlotPackage';

const run = runCli;

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('cortex-rx plot', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cortex-rx-plot-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plots a record with markers: psd, bandpower and erp as SVG and PNG', async () => {
    const id = (
      await run('record', '--title', 'plot me', '--duration', '4', '--marker-every', '0.37', '--data-dir', dir)
    ).trim();
    const out = join(dir, 'plots');
    const printed = (await run('plot', '--record', id, '--out', out, '--data-dir', dir)).trim().split('\n');
    expect(printed.map((p) => p.slice(out.length + 1)).sort()).toEqual([
      'bandpower.png',
      'bandpower.svg',
      'erp.png',
      'erp.svg',
      'psd.png',
      'psd.svg',
    ]);
    const psd = readFileSync(join(out, 'psd.svg'), 'utf8');
    expect(psd).toMatch(/^<svg/);
    for (const text of ['Power spectral density', 'PSD (µV²/Hz)', 'frequency (Hz)', 'alpha', 'O1', 'AF4'])
      expect(psd).toContain(text);
    expect(readFileSync(join(out, 'erp.svg'), 'utf8')).toMatch(/average of \d+ epochs/);
    for (const f of ['psd.png', 'bandpower.png', 'erp.png']) {
      const png = readFileSync(join(out, f));
      expect(png.subarray(0, 8)).toEqual(PNG_MAGIC);
      expect(png.readUInt32BE(16)).toBeGreaterThan(1000); // width at 2x
    }
  });

  it('plots a live capture (no markers: no erp) and refuses ambiguous input', async () => {
    const out = join(dir, 'live');
    await run('plot', '--seconds', '2.5', '--out', out, '--data-dir', dir);
    expect(readdirSync(out).sort()).toEqual(['bandpower.png', 'bandpower.svg', 'psd.png', 'psd.svg']);
    await expect(run('plot', '--out', out, '--data-dir', dir)).rejects.toThrow(
      'give exactly one of --record <id> and --seconds <n>.',
    );
  });
});

describe('notebook helpers: collect, readCsvExport, plotSvg', () => {
  it('collect captures N seconds as typed arrays; the PSD peaks at 10 Hz on O1', async () => {
    const h = await startHarness({ headsets: 'EPOCX@256', blinks: false });
    try {
      const client = connectCortex({ url: h.sim.url, clientId: 'nb', clientSecret: 'nb', lingerMs: 0 });
      const capture = await collect(client.session().pipe(switchMap((s) => s.stream('eeg'))), { seconds: 2 });
      expect(capture.sampleRateHz).toBe(256);
      expect(capture.lengthSamples).toBe(512);
      expect(capture.channels).toHaveLength(14);
      expect(capture.data).toHaveLength(14 * 512);
      const { psd } = await analyzeCapture(capture);
      const o1 = capture.channels.indexOf('O1');
      const bins = psd.frequenciesHz.length;
      const row = psd.psd.subarray(o1 * bins, (o1 + 1) * bins);
      const peak = row.indexOf(Math.max(...row.subarray(1)));
      expect(psd.frequenciesHz[peak]).toBe(10);
      const svg = await plotSvg(capture, 'psd');
      expect(svg).toContain('O1');
      await expect(plotSvg(capture, 'erp')).rejects.toThrow('no ERP');
    } finally {
      await h.close();
    }
  });

  it('readCsvExport reads back what the CSV export wrote', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortex-rx-csv-'));
    try {
      const id = (
        await run('record', '--title', 'csv', '--duration', '1.5', '--marker-every', '0.5', '--data-dir', dir)
      ).trim();
      await run('export', id, '--format', 'csv', '--out', join(dir, 'out'), '--data-dir', dir);
      const files = readdirSync(join(dir, 'out'));
      const eeg = join(dir, 'out', files.find((f) => f.endsWith('_EEG.csv'))!);
      const markers = join(dir, 'out', files.find((f) => f.endsWith('_markers.csv'))!);
      expect(existsSync(markers)).toBe(true);
      const capture = readCsvExport(eeg, markers);
      expect(capture.channels).toEqual([...EPOC_SENSORS]);
      expect(capture.sampleRateHz).toBe(256);
      expect(capture.lengthSamples).toBeGreaterThan(300);
      expect(capture.markers.map((m) => m.label)).toEqual(['marker', 'marker']);
      const firstRow = readFileSync(eeg, 'utf8').split('\r\n')[1].split(',');
      expect(capture.timesS[0]).toBe(Number(firstRow[0]));
      expect(capture.data[0]).toBe(Number(firstRow[3])); // AF3 after Timestamp, COUNTER, INTERPOLATED
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the plot packages', () => {
  it('are the optional peer dependencies of package.json, and the install hint asks for their major versions', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual([...PLOT_PACKAGES].sort());
    for (const name of PLOT_PACKAGES) {
      expect(pkg.peerDependenciesMeta[name]?.optional).toBe(true);
      expect(/^\^?(\d+)\./.exec(pkg.peerDependencies[name])?.[1]).toBe(String(PLOT_PACKAGE_MAJORS[name]));
    }
  });
});
