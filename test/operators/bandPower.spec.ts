import { from, lastValueFrom, Subject, toArray, type OperatorFunction } from 'rxjs';
import {
  bandPowers,
  CLASSIC_BANDS,
  CORTEX_BANDS,
  welchPsd,
  type FrequencyBands,
  type WelchConfig,
} from '../../src/dsp';
import {
  bandPower,
  epoch,
  type BandPowerConfig,
  type BandPowerEpoch,
  type Epoch,
  type Sample,
  type SampleEvent,
} from '../../src/operators';
import { dspScheduler, expectDeepClose, GAP, sample, seededUniform } from './operatorTestSupport';

/** A channel-major epoch from per-channel arrays. */
function makeEpoch(
  channelData: readonly Float64Array[],
  startTimeS = 10,
  startSampleIndex = 0,
  channels?: string[],
): Epoch {
  const lengthSamples = channelData[0].length;
  const data = new Float64Array(channelData.length * lengthSamples);
  channelData.forEach((x, c) => data.set(x, c * lengthSamples));
  const e = { data, channelCount: channelData.length, lengthSamples, startTimeS, startSampleIndex };
  return channels === undefined ? e : { ...e, channels };
}

function noise(length: number, seed: number): Float64Array {
  const rand = seededUniform(seed);
  return Float64Array.from({ length }, () => 4200 + 20 * (rand() - 0.5));
}

function sine(length: number, hz: number, sampleRateHz: number, amplitude: number, seed: number): Float64Array {
  const rand = seededUniform(seed);
  return Float64Array.from(
    { length },
    (_, n) => amplitude * Math.sin((2 * Math.PI * hz * n) / sampleRateHz) + 0.5 * (rand() - 0.5),
  );
}

/** The reference: `bandPowers(welchPsd(channel))` per channel, from the public dsp functions. */
function reference<K extends string>(
  e: Epoch,
  welch: WelchConfig,
  bands: FrequencyBands<K>,
  relative: boolean,
): BandPowerEpoch<K> {
  const bandNames = Object.keys(bands) as K[];
  const absoluteUv2 = new Float64Array(e.channelCount * bandNames.length);
  const fractions = new Float64Array(e.channelCount * bandNames.length);
  const totalUv2 = new Float64Array(e.channelCount);
  for (let c = 0; c < e.channelCount; c++) {
    const x = e.data.slice(c * e.lengthSamples, (c + 1) * e.lengthSamples);
    const { frequenciesHz, psd } = welchPsd(x, welch);
    const powers = bandPowers(psd, frequenciesHz, bands);
    bandNames.forEach((name, b) => {
      absoluteUv2[c * bandNames.length + b] = powers.absoluteUv2[name];
      fractions[c * bandNames.length + b] = powers.relative[name];
    });
    totalUv2[c] = powers.totalUv2;
  }
  const out = {
    startTimeS: e.startTimeS,
    startSampleIndex: e.startSampleIndex,
    channelCount: e.channelCount,
    bandNames,
    absoluteUv2,
    ...(e.channels === undefined ? {} : { channels: e.channels }),
  };
  return relative ? { ...out, relative: fractions, totalUv2 } : out;
}

const SMALL_BANDS = { low: [1, 4], high: [4, 8] } as const;
const SMALL: BandPowerConfig<'low' | 'high'> = { sampleRateHz: 16, segmentLength: 8, bands: SMALL_BANDS };
const A = makeEpoch([noise(16, 1), noise(16, 2)], 10, 0, ['X', 'Y']);
const B = makeEpoch([noise(16, 3), noise(16, 4)], 10.5, 8, ['X', 'Y']);
const refA = reference(A, SMALL, SMALL_BANDS, false);
const refB = reference(B, SMALL, SMALL_BANDS, false);

describe('bandPower (marble)', () => {
  it('never and empty', () => {
    dspScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold<Epoch>('-');
      expectObservable(never.pipe(bandPower(SMALL))).toBe('-');
      expectSubscriptions(never.subscriptions).toBe('^');
      expectObservable(cold<Epoch>('|').pipe(bandPower(SMALL))).toBe('|');
    });
  });

  it('single and many epochs: per channel, bandPowers(welchPsd(channel))', () => {
    dspScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      expectObservable(cold('-a-|', { a: A }).pipe(bandPower(SMALL))).toBe('-x-|', { x: refA });
      const source = cold('-a-b-a-|', { a: A, b: B });
      expectObservable(source.pipe(bandPower(SMALL))).toBe('-x-y-x-|', { x: refA, y: refB });
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('with relative: true also emits relative and totalUv2', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-|', { a: A }).pipe(bandPower({ ...SMALL, relative: true }))).toBe('-x-|', {
        x: reference(A, SMALL, SMALL_BANDS, true),
      });
    });
  });

  it('passes an error through', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-a-#', { a: A }, new Error('upstream')).pipe(bandPower(SMALL))).toBe(
        '-x-#',
        { x: refA },
        new Error('upstream'),
      );
    });
  });

  it('early unsubscribe unsubscribes the source', () => {
    dspScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a-b-a-b-', { a: A, b: B });
      expectObservable(source.pipe(bandPower(SMALL)), '^--!').toBe('-x--', { x: refA });
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('after epoch: a gap restarts the windows, so no band power spans it', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      const rand = seededUniform(9);
      const values: Record<string, SampleEvent> = { G: GAP };
      const keys = 'abcdefghijklmnop'.split('');
      keys.forEach((k, i) => (values[k] = sample([rand(), rand()], i)));
      // 16 samples, a gap after the 12th: windows of 8 every 4 → after h (8) and l (12); then 4 samples: none.
      const source = cold<SampleEvent>('abcdefghijklGmnop|', values);
      const windowAt = (first: number) =>
        makeEpoch(
          [0, 1].map((c) => Float64Array.from(keys.slice(first, first + 8), (k) => (values[k] as Sample).values[c])),
          first,
          first,
        );
      const config = { sampleRateHz: 16, segmentLength: 8, bands: SMALL_BANDS };
      expectObservable(source.pipe(epoch({ lengthSamples: 8, hopSamples: 4 }), bandPower(config))).toBe(
        '-------x---y-----|',
        {
          x: reference(windowAt(0), config, SMALL_BANDS, false),
          y: reference(windowAt(4), config, SMALL_BANDS, false),
        },
      );
    });
  });

  it('errors when an epoch changes length or channel count, or is shorter than a segment', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      const longer = makeEpoch([noise(32, 1), noise(32, 2)]);
      const wider = makeEpoch([noise(16, 1), noise(16, 2), noise(16, 3)]);
      const short = makeEpoch([noise(4, 1)]);
      expectObservable(cold('-a-b-', { a: A, b: longer }).pipe(bandPower(SMALL))).toBe(
        '-x-#',
        { x: refA },
        new RangeError("epoch lengthSamples must stay 16 (the first epoch's), got 32"),
      );
      expectObservable(cold('-a-b-', { a: A, b: wider }).pipe(bandPower(SMALL))).toBe(
        '-x-#',
        { x: refA },
        new RangeError("epoch channelCount must stay 2 (the first epoch's), got 3"),
      );
      expectObservable(cold('-a-', { a: short }).pipe(bandPower(SMALL))).toBe(
        '-#',
        undefined,
        new RangeError('epoch lengthSamples must be at least segmentLength (8), got 4'),
      );
    });
  });

  it('NaN propagates per channel, for that epoch only', () => {
    const withNaN = makeEpoch([noise(16, 1), noise(16, 2)]);
    withNaN.data[3] = NaN; // channel 0
    dspScheduler().run(({ cold, expectObservable }) => {
      const expected = reference(withNaN, SMALL, SMALL_BANDS, false);
      expect(Array.from(expected.absoluteUv2.subarray(0, 2)).every(Number.isNaN)).toBe(true);
      expect(Array.from(expected.absoluteUv2.subarray(2)).every(Number.isFinite)).toBe(true);
      expectObservable(cold('-n-a-|', { n: withNaN, a: A }).pipe(bandPower(SMALL))).toBe('-x-y-|', {
        x: expected,
        y: refA,
      });
    });
  });

  it.each([
    [{ sampleRateHz: 256, segmentLength: 300 }, 'segmentLength must be a power of two, got 300'],
    [{ sampleRateHz: 0, segmentLength: 256 }, 'sampleRateHz must be a positive finite number, got 0'],
    [{ sampleRateHz: 256, segmentLength: 1 }, 'segmentLength must be at least 2 for band powers, got 1'],
    [
      { sampleRateHz: 256, segmentLength: 256, overlapLength: 256 },
      'overlapLength must be an integer in [0, 255], got 256',
    ],
    [
      { sampleRateHz: 256, segmentLength: 256, bands: { alpha: [12, 8] } as unknown as FrequencyBands },
      'band alpha must satisfy 0 <= loHz < hiHz (finite), got [12, 8)',
    ],
    [{ sampleRateHz: 256, segmentLength: 256, bands: {} }, 'bands must name at least one band, got none'],
    [{ sampleRateHz: 256, segmentLength: 256, relative: 1 as unknown as boolean }, 'relative must be a boolean, got 1'],
  ] as Array<[BandPowerConfig<string>, string]>)('throws synchronously on bad config %j', (config, message) => {
    expect(() => bandPower(config)).toThrow(new RangeError(message));
  });
});

describe('bandPower numbers', () => {
  const sampleRateHz = 256;
  const config = { sampleRateHz, segmentLength: 256 };
  const sines = makeEpoch(
    [sine(512, 10, sampleRateHz, 20, 1), sine(512, 20, sampleRateHz, 20, 2), sine(512, 6, sampleRateHz, 20, 3)],
    0,
    0,
    ['alpha10', 'betaH20', 'theta6'],
  );

  it("puts each channel's sine in its band, and equals bandPowers(welchPsd(...))", async () => {
    const [out] = await lastValueFrom(from([sines]).pipe(bandPower({ ...config, relative: true }), toArray()));
    expect(out.bandNames).toEqual(Object.keys(CORTEX_BANDS));
    const dominant = [0, 1, 2].map((c) => {
      const row = Array.from(out.absoluteUv2.subarray(c * 5, c * 5 + 5));
      return out.bandNames[row.indexOf(Math.max(...row))];
    });
    expect(dominant).toEqual(['alpha', 'betaH', 'theta']);
    // A 20 µV sine has 200 µV² of power, nearly all in its band.
    expect(out.absoluteUv2[0 * 5 + 1]).toBeGreaterThan(190);
    expect(out.relative![0 * 5 + 1]).toBeGreaterThan(0.95);
    expectDeepClose(out, reference(sines, config, CORTEX_BANDS, true), { rtol: 1e-12, atol: 1e-12 });
  });

  it('skips the constant detrend only where it cannot change a band: equal to the detrended reference at a 4200 µV offset', async () => {
    const offset = makeEpoch(
      [0, 1, 2].map((c) => sine(512, 10 + c, sampleRateHz, 20, 7 + c).map((v) => v + 4200 + 30 * c)),
      0,
      0,
      ['a', 'b', 'c'],
    );
    for (const window of ['hann', 'hamming', 'blackman', 'rectangular'] as const) {
      const welch = { ...config, window };
      const [out] = await lastValueFrom(from([offset]).pipe(bandPower({ ...welch, relative: true }), toArray()));
      expectDeepClose(out, reference(offset, welch, CORTEX_BANDS, true), { rtol: 1e-9, atol: 1e-9 });
    }
    // with a band inside Hann's main lobe around DC (bin 1) the detrend matters, and is kept
    const edge = { one: [1, 3], rest: [3, 40] } as const;
    const [edgeOut] = await lastValueFrom(from([offset]).pipe(bandPower({ ...config, bands: edge }), toArray()));
    expectDeepClose(edgeOut, reference(offset, config, edge, false), { rtol: 1e-9, atol: 1e-9 });
    const low = { dc: [0, 2], rest: [2, 40] } as const;
    const [kept] = await lastValueFrom(from([offset]).pipe(bandPower({ ...config, bands: low }), toArray()));
    expectDeepClose(kept, reference(offset, config, low, false), { rtol: 1e-9, atol: 1e-9 });
    const noDetrend = reference(offset, { ...config, detrend: 'none' }, low, false);
    expect(Math.abs(kept.absoluteUv2[0] - noDetrend.absoluteUv2[0])).toBeGreaterThan(1);
  });

  it('uses a custom band table, typed by its names', async () => {
    const op: OperatorFunction<Epoch, BandPowerEpoch<keyof typeof CLASSIC_BANDS>> = bandPower({
      ...config,
      bands: CLASSIC_BANDS,
    });
    const [out] = await lastValueFrom(from([sines]).pipe(op, toArray()));
    expect(out.bandNames).toEqual(['delta', 'theta', 'alpha', 'beta', 'gamma']);
    expectDeepClose(out, reference(sines, config, CLASSIC_BANDS, false));
  });

  it('matches the reference with other Welch options (hamming, median, no overlap)', async () => {
    const welch = { sampleRateHz, segmentLength: 128, overlapLength: 0, window: 'hamming', average: 'median' } as const;
    const [out] = await lastValueFrom(from([sines]).pipe(bandPower(welch), toArray()));
    expectDeepClose(out, reference(sines, welch, CORTEX_BANDS, false));
  });

  it('copy: true emits fresh arrays; copy: false reuses them', () => {
    const input = new Subject<Epoch>();
    const fresh: BandPowerEpoch[] = [];
    const reused: BandPowerEpoch[] = [];
    const reusedSnapshots: number[][] = [];
    input.pipe(bandPower({ ...SMALL, relative: true })).subscribe((e) => fresh.push(e));
    input.pipe(bandPower({ ...SMALL, relative: true, copy: false })).subscribe((e) => {
      reused.push(e);
      reusedSnapshots.push(Array.from(e.absoluteUv2));
    });
    input.next(A);
    input.next(B);
    expect(fresh[0].absoluteUv2).not.toBe(fresh[1].absoluteUv2);
    expectDeepClose(fresh[0].absoluteUv2, refA.absoluteUv2);
    expect(reused[0].absoluteUv2).toBe(reused[1].absoluteUv2);
    expect(reused[0].relative).toBe(reused[1].relative);
    expect(fresh[0].bandNames).toBe(fresh[1].bandNames); // shared by every emission
    expectDeepClose(reusedSnapshots, [Array.from(refA.absoluteUv2), Array.from(refB.absoluteUv2)]);
    expectDeepClose(reused[0].absoluteUv2, refB.absoluteUv2); // overwritten by the second epoch
  });

  it('keeps the estimator per subscription: one operator serves two sources of different epoch lengths', async () => {
    const op = bandPower({ sampleRateHz: 16, segmentLength: 8, bands: SMALL_BANDS });
    const long = makeEpoch([noise(32, 7)]);
    const [a, b] = await Promise.all([
      lastValueFrom(from([A, A]).pipe(op, toArray())),
      lastValueFrom(from([long]).pipe(op, toArray())),
    ]);
    expectDeepClose(a, [refA, refA]);
    expectDeepClose(b, [reference(long, SMALL, SMALL_BANDS, false)]);
  });
});
