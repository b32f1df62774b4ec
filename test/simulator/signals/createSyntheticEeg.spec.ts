import { bandPowers, CORTEX_BANDS, welchPsd, frequencyBin } from '../../../src/dsp';
import { createSyntheticEeg, type SyntheticEegConfig } from '../../../src/simulator/signals/createSyntheticEeg';
import { DEFAULT_SPECTRUM, EEG_DC_OFFSET_UV } from '../../../src/simulator/signals/syntheticSpectrum';

const EPOC = ['AF3', 'F7', 'F3', 'FC5', 'T7', 'P7', 'O1', 'O2', 'P8', 'T8', 'FC6', 'F4', 'F8', 'AF4'] as const;
const FRONTAL = ['AF3', 'F7', 'F3', 'FC5', 'FC6', 'F4', 'F8', 'AF4'] as const;
const SAMPLE_RATE_HZ = 128;

/** Generates `seconds` of EEG and splits it per channel. */
function record(config: Partial<SyntheticEegConfig> & { seconds: number }): Record<string, Float64Array> {
  const channels = config.channels ?? EPOC;
  const sampleRateHz = config.sampleRateHz ?? SAMPLE_RATE_HZ;
  const eeg = createSyntheticEeg({ seed: 1, ...config, channels, sampleRateHz });
  const count = config.seconds * sampleRateHz;
  const block = new Float64Array(count * channels.length);
  eeg.fill(block, count);
  const perChannel: Record<string, Float64Array> = {};
  channels.forEach((name, c) => {
    perChannel[name] = Float64Array.from({ length: count }, (_, i) => block[i * channels.length + c]);
  });
  return perChannel;
}

function powers(x: Float64Array, sampleRateHz = SAMPLE_RATE_HZ) {
  const { frequenciesHz, psd } = welchPsd(x, { sampleRateHz, segmentLength: sampleRateHz * 2 });
  return bandPowers(psd, frequenciesHz, CORTEX_BANDS).absoluteUv2;
}

describe('createSyntheticEeg spectrum', () => {
  const data = record({ seconds: 60 });
  const byChannel = Object.fromEntries(Object.entries(data).map(([name, x]) => [name, powers(x)]));

  it('makes alpha the strongest Cortex band on O1 and O2, at about A²/2 = 200 µV²', () => {
    for (const name of ['O1', 'O2']) {
      const p = byChannel[name];
      const strongest = Object.entries(p).sort((a, b) => b[1] - a[1])[0][0];
      expect(strongest).toBe('alpha');
      expect(p.alpha).toBeGreaterThan(190);
      expect(p.alpha).toBeLessThan(215);
      expect(p.alpha).toBeGreaterThan(20 * Math.max(p.theta, p.betaL, p.betaH, p.gamma));
    }
  });

  it('has more alpha on O1/O2 than on P7/P8, and more there than on frontal sensors', () => {
    const occipital = Math.min(byChannel.O1.alpha, byChannel.O2.alpha);
    const parietal = Math.max(byChannel.P7.alpha, byChannel.P8.alpha);
    const frontal = Math.max(...FRONTAL.map((n) => byChannel[n].alpha));
    expect(occipital).toBeGreaterThan(2 * parietal);
    expect(Math.min(byChannel.P7.alpha, byChannel.P8.alpha)).toBeGreaterThan(2 * frontal);
  });

  it('has more theta on every frontal sensor than on O1/O2', () => {
    const posterior = Math.max(byChannel.O1.theta, byChannel.O2.theta);
    for (const name of FRONTAL) {
      expect(byChannel[name].theta).toBeGreaterThan(10 * posterior);
      expect(byChannel[name].theta).toBeGreaterThan(byChannel[name].alpha);
    }
  });

  it('centres samples on the 4200 µV offset, with a noise floor of 2σ²/fs µV²/Hz', () => {
    expect(EEG_DC_OFFSET_UV).toBe(4200);
    const t7 = data.T7;
    const mean = t7.reduce((a, b) => a + b, 0) / t7.length;
    expect(Math.abs(mean - 4200)).toBeLessThan(0.1);
    const { psd } = welchPsd(t7, { sampleRateHz: SAMPLE_RATE_HZ, segmentLength: 256 });
    // 30–60 Hz holds no component: only the σ = 2 µV white noise, 2·4/128 = 0.0625 µV²/Hz.
    const from = frequencyBin(30, SAMPLE_RATE_HZ, 256);
    const to = frequencyBin(60, SAMPLE_RATE_HZ, 256);
    const floor = psd.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
    expect(Math.abs(floor / 0.0625 - 1)).toBeLessThan(0.1);
  });

  it('states its expectations as data in DEFAULT_SPECTRUM', () => {
    expect(DEFAULT_SPECTRUM.channels.O1?.find((c) => c.frequencyHz === 10)?.amplitudeUv).toBe(20);
    expect(DEFAULT_SPECTRUM.channels.AF3?.find((c) => c.frequencyHz === 6)?.amplitudeUv).toBe(10);
    expect(DEFAULT_SPECTRUM.default.every((c) => c.amplitudeUv <= 4)).toBe(true);
    for (const name of FRONTAL) expect(DEFAULT_SPECTRUM.channels[name]).toBe(DEFAULT_SPECTRUM.channels.AF3);
  });
});

describe('createSyntheticEeg determinism', () => {
  it('gives identical output for the same seed, and different noise for another seed', () => {
    const a = record({ seconds: 4, seed: 7 });
    const b = record({ seconds: 4, seed: 7 });
    const c = record({ seconds: 4, seed: 8 });
    expect(Array.from(a.O1)).toEqual(Array.from(b.O1));
    expect(Array.from(a.AF4)).toEqual(Array.from(b.AF4));
    let differing = 0;
    for (let i = 0; i < a.O1.length; i++) if (a.O1[i] !== c.O1[i]) differing++;
    expect(differing).toBe(a.O1.length);
    // Same spectrum regardless of seed.
    expect(
      Math.abs(
        powers(record({ seconds: 30, seed: 8 }).O1).alpha / powers(record({ seconds: 30, seed: 7 }).O1).alpha - 1,
      ),
    ).toBeLessThan(0.05);
  });

  it('gives the same samples whatever the chunking: fill(n) == n × next()', () => {
    const config = { channels: EPOC, sampleRateHz: 256, seed: 3, blinks: true };
    const one = createSyntheticEeg(config);
    const many = createSyntheticEeg(config);
    const block = new Float64Array(1000 * EPOC.length);
    one.fill(block.subarray(0, 300 * EPOC.length), 300);
    one.fill(block.subarray(300 * EPOC.length), 700);
    const sample = new Float64Array(EPOC.length);
    for (let i = 0; i < 1000; i++) {
      many.next(sample);
      expect(Array.from(sample)).toEqual(Array.from(block.subarray(i * EPOC.length, (i + 1) * EPOC.length)));
    }
    expect(one.sampleIndex).toBe(1000);
    expect(many.sampleIndex).toBe(1000);
  });

  it('computes sinusoids from the sample index: no phase drift after 10⁶ samples', () => {
    // A noise-free 10 Hz sine with a known phase: sample n must equal sin(2π·10·n/128) exactly enough.
    const eeg = createSyntheticEeg({
      channels: ['X'],
      sampleRateHz: 128,
      seed: 1,
      noiseUv: 0,
      dcOffsetUv: 0,
      components: { X: [{ frequencyHz: 10, amplitudeUv: 1, phaseRad: 0 }] },
    });
    const out = new Float64Array(1);
    const skip = new Float64Array(1_000_000);
    eeg.fill(skip, 1_000_000);
    for (let n = 1_000_000; n < 1_000_064; n++) {
      eeg.next(out);
      const cycles = (10 * n) / 128;
      expect(Math.abs(out[0] - Math.sin(2 * Math.PI * (cycles - Math.floor(cycles))))).toBeLessThan(1e-12);
    }
    expect(Math.abs(skip[16] - Math.sin((2 * Math.PI * 10 * 16) / 128))).toBeLessThan(1e-12);
  });
});

describe('createSyntheticEeg blinks', () => {
  it('adds 100–200 µV bumps on frontal sensors only, every few seconds, without changing the rest', () => {
    const seconds = 60;
    const withBlinks = record({ seconds, seed: 11, blinks: true });
    const without = record({ seconds, seed: 11 });
    expect(Array.from(withBlinks.O1)).toEqual(Array.from(without.O1));
    expect(Array.from(withBlinks.F3)).toEqual(Array.from(without.F3));
    const diff = withBlinks.AF3.map((v, i) => v - without.AF3[i]);
    // Count blink onsets and their peaks.
    const peaks: number[] = [];
    let inBlink = false;
    let peak = 0;
    for (const d of diff) {
      if (d > 1e-9) {
        inBlink = true;
        peak = Math.max(peak, d);
      } else if (inBlink) {
        peaks.push(peak);
        inBlink = false;
        peak = 0;
      }
    }
    expect(peaks.length).toBeGreaterThanOrEqual(seconds / 6 - 1);
    expect(peaks.length).toBeLessThanOrEqual(seconds / 2 + 1);
    for (const p of peaks) {
      expect(p).toBeGreaterThanOrEqual(95); // a sample near, not always on, the crest
      expect(p).toBeLessThanOrEqual(200);
    }
    const f7 = withBlinks.F7.map((v, i) => v - without.F7[i]);
    expect(Math.max(...f7)).toBeCloseTo(0.6 * Math.max(...diff), 9);
    // Duration ≈ 0.3 s = 38 samples at 128 Hz.
    const firstStart = diff.findIndex((d) => d > 1e-9);
    let length = 0;
    while (diff[firstStart + length] > 1e-9) length++;
    expect(length).toBeGreaterThanOrEqual(36);
    expect(length).toBeLessThanOrEqual(38);
  });
});

describe('createSyntheticEeg configuration', () => {
  it('overrides components per channel and falls back to the default for unknown sensors', () => {
    const data = record({
      seconds: 30,
      channels: ['O1', 'Cz'],
      components: { O1: [{ frequencyHz: 20, amplitudeUv: 10 }] },
    });
    const o1 = powers(data.O1);
    expect(o1.betaH).toBeGreaterThan(45);
    expect(o1.alpha).toBeLessThan(1);
    const cz = powers(data.Cz);
    expect(cz.alpha).toBeGreaterThan(7); // default: 4 µV alpha → 8 µV²
    expect(cz.alpha).toBeLessThan(9.5);
  });

  it('rejects misuse of the output buffers', () => {
    const eeg = createSyntheticEeg({ channels: EPOC, sampleRateHz: 128, seed: 1 });
    expect(() => eeg.next(new Float64Array(13))).toThrow('out must have at least 14 values (one per channel), got 13');
    expect(() => eeg.fill(new Float64Array(27), 2)).toThrow(
      'out must have at least count * channels (2 * 14 = 28) values, got 27',
    );
    expect(() => eeg.fill(new Float64Array(28), -1)).toThrow('count must be a non-negative integer, got -1');
    expect(eeg.sampleIndex).toBe(0); // failed calls produce nothing
    const wide = new Float64Array(20).fill(-1);
    eeg.next(wide);
    expect(Array.from(wide.subarray(14))).toEqual([-1, -1, -1, -1, -1, -1]);
    expect(eeg.sampleIndex).toBe(1);
    eeg.fill(wide, 0);
    expect(eeg.sampleIndex).toBe(1);
  });

  it('validates its configuration eagerly', () => {
    const base = { channels: EPOC, sampleRateHz: 128, seed: 1 };
    expect(() => createSyntheticEeg({ ...base, channels: [] })).toThrow(/channels must be a non-empty array/);
    expect(() => createSyntheticEeg({ ...base, sampleRateHz: 0 })).toThrow(
      'sampleRateHz must be a positive finite number, got 0',
    );
    expect(() => createSyntheticEeg({ ...base, seed: 1.5 })).toThrow('seed must be an integer, got 1.5');
    expect(() => createSyntheticEeg({ ...base, noiseUv: -1 })).toThrow('noiseUv must be a finite number >= 0, got -1');
    expect(() => createSyntheticEeg({ ...base, components: { O1: [{ frequencyHz: 64, amplitudeUv: 1 }] } })).toThrow(
      'components.O1[0].frequencyHz must be within [0, 64) Hz, got 64',
    );
    expect(() => createSyntheticEeg({ ...base, blinks: true, blinkIntervalS: [0.2, 1] })).toThrow(
      'blinkIntervalS must satisfy blinkDurationS (0.3) < minS <= maxS, got [0.2, 1]',
    );
  });
});
