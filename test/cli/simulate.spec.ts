import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { RawClient } from '../support/rawClient';
import { writeTestEdf } from '../support/edfWriter';

describe('cortex-rx simulate', () => {
  it('prints one line `listening on ws://127.0.0.1:<port>` and serves JSON-RPC; --replay adds a headset playing a file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-cli-'));
    const replay = join(dataDir, 'cli-replay.edf');
    const samples = new Float64Array(256);
    const signal = (label: string) => ({
      label,
      dimension: 'uV',
      physicalMin: -1,
      physicalMax: 1,
      samplesPerRecord: 256,
      samples,
    });
    writeTestEdf(replay, { format: 'EDF', recordDurationS: 1, signals: [signal('Fz'), signal('Cz')] });
    const out: string[] = [];
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const sigint = process.listenerCount('SIGINT');
    try {
      await main([
        'node',
        'cortex-rx',
        'simulate',
        '--port',
        '0',
        '--data-dir',
        dataDir,
        '--headsets',
        'INSIGHT:2',
        '--seed',
        '5',
        '--replay',
        replay,
      ]);
      expect(out).toHaveLength(1);
      const m = /^listening on (ws:\/\/127\.0\.0\.1:(\d+))\n$/.exec(out[0]);
      expect(m).not.toBeNull();
      const c = await RawClient.connect(m![1]);
      const headsets = await c.result('queryHeadsets');
      expect(headsets).toHaveLength(3);
      // The replayed headset comes first (a client taking the first headset streams the file), then the virtual ones.
      expect(headsets[0].id).toMatch(/^CLIREPLAY-[0-9A-F]{8}$/);
      expect([headsets[0].sensors, headsets[0].settings.eegRate]).toEqual([['Fz', 'Cz'], 256]);
      expect(headsets[1].id).toMatch(/^INSIGHT-/);
      await c.close();
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      // the command stops on SIGINT: emit it to the newest listener only (jest's own handlers stay)
      const listeners = process.listeners('SIGINT').slice(sigint);
      const exit = jest.spyOn(process, 'exit').mockImplementation(() => undefined as never);
      for (const l of listeners) (l as () => void)();
      await new Promise((r) => setTimeout(r, 200));
      exit.mockRestore();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('rejects a bad --headsets spec with a precise message', async () => {
    const err: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      err.push(String(chunk));
      return true;
    });
    const exit = jest.spyOn(process, 'exit').mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    try {
      await expect(main(['node', 'cortex-rx', 'simulate', '--headsets', 'EPOCX@100'])).rejects.toThrow('exit 1');
      expect(err.join('')).toContain('EPOCX supports EEG rates 256 or 128 Hz, got 100');
    } finally {
      stderr.mockRestore();
      exit.mockRestore();
    }
  });
});
