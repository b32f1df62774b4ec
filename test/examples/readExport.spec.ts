import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readExport } from '../../examples/readExport';

describe('examples/readExport.ts', () => {
  it('records, exports CSV and reads it back: channels, rate, duration, markers, the alpha peak', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortex-rx-read-test-'));
    try {
      const r = await readExport(dir);
      expect(r.channels).toHaveLength(14);
      expect(r.sampleRateHz).toBe(256);
      expect(r.durationS).toBeGreaterThan(2.7);
      expect(r.durationS).toBeLessThan(3.3);
      expect(r.markers.length).toBeGreaterThanOrEqual(5);
      expect(r.markers[0]).toMatch(/^beep=0 at \+0\.\d{3} s$/);
      expect(r.o1PeakHz).toBe(10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
