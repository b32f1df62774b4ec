import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runCli } from '../support/runCli';
import { startHarness } from '../support/simulatorHarness';
import { until } from '../support/rawClient';

const run = runCli;

describe('cortex-rx commands on the embedded simulator', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cortex-rx-cli-cmds-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('headsets lists the virtual headsets', async () => {
    const out = await run('headsets', '--data-dir', dir, '--headsets', 'EPOCX,INSIGHT:2');
    expect(out.split('\n').filter((l) => /^(EPOCX|INSIGHT)-[0-9A-F]{8}\s+connected/.test(l))).toHaveLength(3);
  });

  it('stream prints JSON lines and CSV with a header of column names', async () => {
    const jsonl = (await run('stream', 'dev', '--duration', '1.2', '--data-dir', dir)).trim().split('\n');
    // dev comes at 2 Hz: one line at least in 1.2 s, however busy the machine, each a whole dev frame
    expect(jsonl.length).toBeGreaterThanOrEqual(1);
    for (const line of jsonl) {
      expect(JSON.parse(line)).toEqual(expect.objectContaining({ _tag: 'dev', batteryLevel: expect.any(Number) }));
    }
    const csv = await run(
      'stream',
      'eeg',
      '--duration',
      '0.6',
      '--format',
      'csv',
      '--headset',
      'INSIGHT-*',
      '--data-dir',
      dir,
    ).catch((e: Error) => e.message);
    expect(String(csv)).toContain('not found');
    const csv2 = (await run('stream', 'eeg', '--duration', '1.5', '--format', 'csv', '--data-dir', dir))
      .trim()
      .split('\n');
    expect(csv2[0]).toBe('timeS,counter,interpolated,AF3,F7,F3,FC5,T7,P7,O1,O2,P8,T8,FC6,F4,F8,AF4');
    // Rows, in order and complete (how many come in 1.5 s depends on the machine's load: not asserted).
    const rows = csv2.slice(1).map((line) => line.split(','));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toHaveLength(17);
    // COUNTER goes up by one, back to 0 after each second
    for (let i = 1; i < rows.length; i++) expect([0, Number(rows[i - 1][1]) + 1]).toContain(Number(rows[i][1]));
  });

  it('record → records → export, and errors as one line with the Cortex code', async () => {
    const id = (
      await run('record', '--title', 'cli run', '--duration', '1.5', '--marker-every', '0.5', '--data-dir', dir)
    ).trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const list = await run('records', '--data-dir', dir);
    expect(list).toContain(id);
    expect(list).toContain('cli run');
    const out = join(dir, 'out');
    expect(await run('export', id, '--format', 'edf', '--out', out, '--data-dir', dir)).toContain(
      'exported 1 record(s)',
    );
    expect(
      await run('export', id, '--format', 'csv', '--streams', 'EEG,BP', '--out', out, '--data-dir', dir),
    ).toContain('exported 1');
    const files = readdirSync(out);
    expect(files.filter((f) => f.endsWith('.edf'))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.csv')).length).toBeGreaterThanOrEqual(3);
    await expect(run('export', 'no-such-id', '--format', 'csv', '--out', out, '--data-dir', dir)).rejects.toThrow(
      /Cortex error -32047/,
    );
  });
});

describe('cortex-rx bandpower (npm start)', () => {
  it('shows relative band powers per channel, alpha dominant on O1/O2, and stops after --duration', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortex-rx-bp-'));
    try {
      const out = await run('bandpower', '--duration', '2.6', '--data-dir', dir);
      const frames = out.trim().split('\n\n');
      expect(frames.length).toBeGreaterThanOrEqual(2);
      const last = frames[frames.length - 1].split('\n');
      expect(last[1]).toMatch(/^channel\s+theta\s+alpha\s+betaL\s+betaH\s+gamma\s+dominant$/);
      for (const ch of ['O1', 'O2']) expect(last.find((l) => l.startsWith(`${ch} `))).toMatch(/alpha$/);
      expect(last.find((l) => l.startsWith('F3 '))).toMatch(/theta$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows "no data from <headset> for N s" while the headset is silent, instead of freezing', async () => {
    const h = await startHarness({ headsets: 'EPOCX', headsetLossTimeoutMs: 60_000 });
    try {
      const running = run(
        'bandpower',
        ...['--url', h.sim.url, '--client-id', 'cli', '--client-secret', 'secret', '--duration', '6'],
      );
      await until(() => h.sim.stats().framesSent > 128, 'eeg flowing to the view');
      h.sim.faults.disconnectHeadset(h.sim.headsetIds[0]);
      const out = await running;
      const notices = out.split('\n').filter((l) => l.startsWith('no data from '));
      expect(notices.length).toBeGreaterThanOrEqual(2);
      expect(notices[0]).toMatch(new RegExp(`^no data from ${h.sim.headsetIds[0]} for \\d+ s$`));
      // The seconds count up while the headset stays silent.
      const seconds = notices.map((l) => Number(/for (\d+) s/.exec(l)?.[1]));
      expect(seconds[seconds.length - 1]).toBeGreaterThan(seconds[0]);
    } finally {
      await h.close();
    }
  });
});
