import { welchPsd } from '../../src/dsp/welchPsd';
import { bandPowers } from '../../src/dsp/bandPowers';
import { CORTEX_BANDS } from '../../src/dsp/cortexBands';
import { startHarness, openSession, type Harness } from '../support/simulatorHarness';
import { sleep, until } from '../support/rawClient';

describe('simulator streams (§5)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ headsets: 'EPOCX@256', seed: 3, blinks: false });
  });
  afterAll(() => h.close());

  it('sends every stream with the §5.3 columns, at its rate, with sample times one period apart (± jitter)', async () => {
    const c = await h.client();
    const { token, sessionId, headsetId } = await openSession(c, h.sim);
    const sub = await c.result('subscribe', {
      cortexToken: token,
      session: sessionId,
      streams: ['eeg', 'mot', 'dev', 'eq', 'pow', 'met', 'com', 'fac', 'sys'],
    });
    expect(sub.failure).toEqual([]);
    const cols = Object.fromEntries(
      sub.success.map((s: { streamName: string; cols: unknown[] }) => [s.streamName, s.cols]),
    );
    const headset = (await c.result('queryHeadsets', { id: headsetId }))[0];
    expect(cols.dev).toEqual(['Battery', 'Signal', [...headset.sensors, 'OVERALL'], 'BatteryPercent']);
    expect(cols.pow).toHaveLength(70);
    expect(cols.mot).toEqual(['COUNTER_MEMS', 'INTERPOLATED_MEMS', ...headset.motionSensors]);
    expect(cols.eq).toEqual(['batteryPercent', 'overall', 'sampleRateQuality', ...headset.sensors]);
    expect(cols.com).toEqual(['act', 'pow']);
    expect(cols.fac).toEqual(['eyeAct', 'uAct', 'uPow', 'lAct', 'lPow']);

    // 3 s of samples, however long a busy machine takes to deliver them (rates are read on the sample clock below)
    await until(() => c.data('eeg', sessionId).length >= 3 * 256, '3 s of eeg', 60_000);
    const eeg = c.data('eeg', sessionId);
    for (let i = 1; i < eeg.length; i++) {
      // Frame times carry ±0.2 ms of jitter and 4 decimals, like real frames: steps within 0.5 ms of the period.
      expect(Math.abs(eeg[i].time - eeg[i - 1].time - 1 / 256)).toBeLessThan(0.0005);
      expect(eeg[i].values[0]).toBe(((eeg[i - 1].values[0] as number) + 1) % 256);
    }
    expect(eeg.some((f) => f.values[0] === 255)).toBe(true);
    const first = eeg[0].values;
    expect(first).toHaveLength(cols.eeg.length);
    expect(first[1]).toBe(0);
    expect(Math.abs((first[2] as number) - 4200)).toBeLessThan(300);
    expect(first[first.length - 1]).toEqual([]);
    // sample times are on the wall clock (a busy machine may deliver them late: a deadline, not a latency figure)
    expect(Math.abs(eeg[eeg.length - 1].time - Date.now() / 1000)).toBeLessThan(10);

    // frames per second of sample time, over the span the eeg frames cover (not per second of the machine's time)
    const t0 = eeg[0].time;
    const t1 = eeg[eeg.length - 1].time;
    const inSpan = (name: string) => c.data(name, sessionId).filter((f) => f.time >= t0 && f.time <= t1);
    const rate = (name: string) => inSpan(name).length / (t1 - t0);
    expect(rate('mot')).toBeGreaterThan(50);
    expect(rate('mot')).toBeLessThan(70);
    expect(rate('dev')).toBeGreaterThanOrEqual(5 / 3);
    expect(rate('dev')).toBeLessThanOrEqual(8 / 3);
    expect(rate('eq')).toBeGreaterThanOrEqual(5 / 3);
    // pow starts once 2 s of EEG exist, then runs at 8 Hz
    expect(inSpan('pow').length).toBeGreaterThanOrEqual(6);
    expect(inSpan('pow').length).toBeLessThanOrEqual(10);
    expect(rate('com')).toBeGreaterThan(6);
    expect(rate('fac')).toBeGreaterThan(25);
    const dev = c.data('dev', sessionId)[0].values;
    expect(dev).toHaveLength(4);
    expect((dev[2] as number[]).length).toBe(15);
    const pow = c.data('pow', sessionId);
    expect(pow[0].values).toHaveLength(70);
    expect(pow[0].values.every((v) => typeof v === 'number' && v > 0)).toBe(true);
    // pow: alpha (index 1) on O1 (sensor 6) is the largest band there
    const o1 = pow[pow.length - 1].values.slice(6 * 5, 6 * 5 + 5) as number[];
    expect(Math.max(...o1)).toBe(o1[1]);
  }, 120_000);

  it('the synthetic EEG has the configured spectrum: alpha strongest on O1/O2', async () => {
    const c = await h.client();
    const { token, sessionId } = await openSession(c, h.sim, { clientId: 'spectrum' });
    await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['eeg'] });
    await until(() => c.data('eeg', sessionId).length >= 1024, '4 s of eeg', 60_000);
    const eeg = c.data('eeg', sessionId).slice(0, 1024);
    expect(eeg.length).toBe(1024);
    const channel = (index: number) => Float64Array.from(eeg, (f) => f.values[2 + index] as number);
    const power = (index: number) => {
      const { frequenciesHz, psd } = welchPsd(channel(index), { sampleRateHz: 256, segmentLength: 256 });
      return bandPowers(psd, frequenciesHz, CORTEX_BANDS).absoluteUv2;
    };
    const o1 = power(6);
    const o2 = power(7);
    const f3 = power(2);
    for (const p of [o1, o2]) {
      expect(p.alpha).toBeGreaterThan(p.theta);
      expect(p.alpha).toBeGreaterThan(p.betaL);
      expect(p.alpha).toBeGreaterThan(p.betaH);
      expect(p.alpha).toBeGreaterThan(p.gamma);
    }
    expect(o1.alpha).toBeGreaterThan(3 * f3.alpha);
    expect(f3.theta).toBeGreaterThan(o1.theta);
  }, 120_000);

  it('packet loss marks samples INTERPOLATED', async () => {
    const lossy = await startHarness({ headsets: 'INSIGHT', packetLossRatio: 0.2 });
    try {
      const c = await lossy.client();
      const { token, sessionId } = await openSession(c, lossy.sim);
      await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['eeg'] });
      await until(() => c.data('eeg').length >= 256, '1 s of eeg', 60_000);
      const eeg = c.data('eeg');
      const lost = eeg.filter((f) => f.values[1] === 1).length;
      expect(lost / eeg.length).toBeGreaterThan(0.1);
      expect(lost / eeg.length).toBeLessThan(0.3);
    } finally {
      await lossy.close();
    }
  }, 120_000);

  it('unsubscribe stops a stream and reports unknown streams in failure', async () => {
    const c = await h.client();
    const { token, sessionId } = await openSession(c, h.sim, { clientId: 'unsub' });
    const sub = await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['dev', 'bogus'] });
    expect(sub.failure).toEqual([{ streamName: 'bogus', code: -32016, message: expect.any(String) }]);
    await c.waitFor((f) => Array.isArray(f.dev));
    const un = await c.result('unsubscribe', { cortexToken: token, session: sessionId, streams: ['dev', 'eeg'] });
    expect(un.success).toEqual([{ streamName: 'dev' }]);
    expect(un.failure[0].streamName).toBe('eeg');
    const count = c.data('dev').length;
    await sleep(700);
    expect(c.data('dev').length).toBe(count);
  });
});
