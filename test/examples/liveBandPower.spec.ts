import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { liveBandPower } from '../../examples/liveBandPower';

describe('examples/liveBandPower.ts (the README operators example)', () => {
  it('prints O1 band powers once a second with alpha dominant', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortex-rx-live-test-'));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const powers = await liveBandPower(2, dir);
      expect(powers).toHaveLength(2);
      expect(log).toHaveBeenCalledTimes(2);
      expect(String(log.mock.calls[0][0])).toMatch(/^O1: theta \d+% {2}alpha (9\d|100)%/);
    } finally {
      log.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is quoted in the README exactly as written', () => {
    const source = readFileSync(join(__dirname, '..', '..', 'examples', 'liveBandPower.ts'), 'utf8');
    const region = /\/\/ #region readme\n([\s\S]*?)\/\/ #endregion readme/.exec(source)![1];
    expect(readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8')).toContain(region.trim());
  });
});
