import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { eventLocked } from '../../examples/eventLocked';

describe('examples/eventLocked.ts', () => {
  it('averages epochs around markers and finds the simulated evoked response at 200 ms on O1/O2 only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortex-rx-erp-test-'));
    try {
      const r = await eventLocked(10, dir);
      expect(r.epochs).toBe(10);
      const [o1, o2, f3] = r.peaks;
      for (const p of [o1, o2]) {
        expect(Math.abs(p.latencyMs - 200)).toBeLessThanOrEqual(8); // ±2 samples at 256 Hz
        expect(p.amplitudeUv).toBeGreaterThan(20);
        expect(p.amplitudeUv).toBeLessThan(30);
      }
      expect(f3.amplitudeUv).toBeLessThan(8);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
