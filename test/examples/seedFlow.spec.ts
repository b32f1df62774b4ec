import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { seedFlow } from '../../examples/seedFlow';
import { readEdf } from '../support/edfReader';

describe('examples/seedFlow.ts (the README example)', () => {
  it('runs the seed flow against the embedded simulator and exports an EDF+ with the markers', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cortex-rx-seed-test-'));
    try {
      const ids = await seedFlow(folder);
      expect(ids).toHaveLength(1);
      const edf = readdirSync(folder).filter((f) => f.endsWith('.edf'));
      expect(edf).toHaveLength(1);
      const file = readEdf(readFileSync(join(folder, edf[0])));
      const texts = file.annotations.flatMap((a) => a.texts).filter((t) => t.startsWith('stimulus'));
      expect(texts).toHaveLength(4);
      expect(file.recordCount * file.recordDurationS).toBeGreaterThanOrEqual(2);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('is quoted in the README exactly as written', () => {
    const source = readFileSync(join(__dirname, '..', '..', 'examples', 'seedFlow.ts'), 'utf8');
    const region = /\/\/ #region readme\n([\s\S]*?)\/\/ #endregion readme/.exec(source)![1];
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(region.trim());
  });
});
