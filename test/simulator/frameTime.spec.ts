import { startHarness, openSession, type Harness } from '../support/simulatorHarness';
import { until } from '../support/rawClient';

describe('simulator data-frame times (§1.4: about 4 decimals, jittered, never JSON integers)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ headsets: 'EPOCX' });
  });
  afterEach(() => h.close());

  it('every frame time has 4 decimals; eeg steps stay near one period; dev, eq and met are not integers', async () => {
    const c = await h.client();
    const raw: string[] = [];
    c.ws.on('message', (data) => raw.push(data.toString()));
    const { token, sessionId, session } = await openSession(c, h.sim);
    const rateHz: number = session.headset.settings.eegRate;
    await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['eeg', 'dev', 'eq', 'met'] });
    await until(() => c.data('met').length >= 3 && c.data('dev').length >= 3, 'met and dev frames');
    const times = raw.flatMap((text) => {
      const m = /"time":(-?[0-9.e+]+)\}$/.exec(text);
      return m ? [{ stream: /^\{"(\w+)"/.exec(text)?.[1], text: m[1] }] : [];
    });
    expect(times.length).toBeGreaterThan(50);
    for (const t of times) expect(t.text).toMatch(/^\d+\.\d{4}$/);
    for (const s of ['dev', 'eq', 'met']) {
      expect(times.filter((t) => t.stream === s).every((t) => !/^\d+$/.test(t.text))).toBe(true);
    }
    // Jitter: not exact multiples of the period, yet each step within a fraction of a millisecond of it.
    const eeg = c.data('eeg').map((f) => f.time);
    const steps = eeg.slice(1).map((t, i) => t - eeg[i]);
    const periodS = 1 / rateHz;
    expect(steps.filter((d) => Math.abs(d - periodS) >= 0.0006)).toEqual([]);
    expect(eeg.some((t) => Math.abs(t * rateHz - Math.round(t * rateHz)) > 1e-3)).toBe(true);
  });
});
