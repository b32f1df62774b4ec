import { Subject } from 'rxjs';
import { welchPsd, type WelchConfig } from '../../src/dsp';
import { epoch, psd, type Epoch, type PsdConfig, type PsdEpoch, type SampleEvent } from '../../src/operators';
import { dspScheduler, expectDeepClose, GAP, sample, seededUniform } from './operatorTestSupport';

function makeEpoch(channelData: readonly Float64Array[], startTimeS = 10, startSampleIndex = 0): Epoch {
  const lengthSamples = channelData[0].length;
  const data = new Float64Array(channelData.length * lengthSamples);
  channelData.forEach((x, c) => data.set(x, c * lengthSamples));
  return { data, channelCount: channelData.length, lengthSamples, startTimeS, startSampleIndex };
}

function noise(length: number, seed: number): Float64Array {
  const rand = seededUniform(seed);
  return Float64Array.from({ length }, () => 4200 + 20 * (rand() - 0.5));
}

/** The reference: `welchPsd` of each channel, concatenated. */
function reference(e: Epoch, config: WelchConfig): PsdEpoch {
  const spectra = Array.from({ length: e.channelCount }, (_, c) =>
    welchPsd(e.data.slice(c * e.lengthSamples, (c + 1) * e.lengthSamples), config),
  );
  const binCount = spectra[0].psd.length;
  const all = new Float64Array(e.channelCount * binCount);
  spectra.forEach((s, c) => all.set(s.psd, c * binCount));
  return {
    startTimeS: e.startTimeS,
    startSampleIndex: e.startSampleIndex,
    channelCount: e.channelCount,
    binCount,
    frequenciesHz: spectra[0].frequenciesHz,
    psd: all,
  };
}

const CONFIG: PsdConfig = { sampleRateHz: 16, segmentLength: 8 };
const A = makeEpoch([noise(16, 1), noise(16, 2)], 1, 0);
const B = makeEpoch([noise(16, 3), noise(16, 4)], 2, 16);

describe('psd (marble)', () => {
  it('never and empty', () => {
    dspScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold<Epoch>('-');
      expectObservable(never.pipe(psd(CONFIG))).toBe('-');
      expectSubscriptions(never.subscriptions).toBe('^');
      expectObservable(cold<Epoch>('|').pipe(psd(CONFIG))).toBe('|');
    });
  });

  it('single and many epochs: welchPsd of every channel, channel-major', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('a|', { a: A }).pipe(psd(CONFIG))).toBe('x|', { x: reference(A, CONFIG) });
      expectObservable(cold('-a-b-|', { a: A, b: B }).pipe(psd(CONFIG))).toBe('-x-y-|', {
        x: reference(A, CONFIG),
        y: reference(B, CONFIG),
      });
    });
  });

  it('passes an error through, and unsubscribes the source early', () => {
    dspScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      expectObservable(cold('-a-#', { a: A }, new Error('boom')).pipe(psd(CONFIG))).toBe(
        '-x-#',
        { x: reference(A, CONFIG) },
        new Error('boom'),
      );
      const source = cold('-a-b-a-', { a: A, b: B });
      expectObservable(source.pipe(psd(CONFIG)), '^--!').toBe('-x--', { x: reference(A, CONFIG) });
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('after epoch, a gap means no spectrum spans it', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      const values: Record<string, SampleEvent> = { G: GAP };
      'abcdefghijklmnop'.split('').forEach((k, i) => (values[k] = sample([Math.sin(i), Math.cos(3 * i)], i)));
      const spectra = cold<SampleEvent>('abcdefghGijklmnop|', values).pipe(
        epoch({ lengthSamples: 8, hopSamples: 4 }), // without the gap there would be a window at l too
        psd(CONFIG),
      );
      const window = (first: number, startSampleIndex: number) =>
        makeEpoch(
          [0, 1].map((c) =>
            Float64Array.from({ length: 8 }, (_, n) => (c === 0 ? Math.sin(first + n) : Math.cos(3 * (first + n)))),
          ),
          first,
          startSampleIndex,
        );
      expectObservable(spectra).toBe('-------x--------y|', {
        x: reference(window(0, 0), CONFIG),
        y: reference(window(8, 8), CONFIG),
      });
    });
  });

  it('errors when the epoch length changes', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('ab', { a: A, b: makeEpoch([noise(8, 1), noise(8, 2)]) }).pipe(psd(CONFIG))).toBe(
        'x#',
        { x: reference(A, CONFIG) },
        new RangeError("epoch lengthSamples must stay 16 (the first epoch's), got 8"),
      );
    });
  });

  it.each([
    [{ sampleRateHz: 256, segmentLength: 300 }, 'segmentLength must be a power of two, got 300'],
    [
      { sampleRateHz: 256, segmentLength: 256, window: 'kaiser' },
      'window must be one of hann, hamming, blackman, rectangular, got kaiser',
    ],
    [{ sampleRateHz: 256, segmentLength: 256, copy: 0 }, 'copy must be a boolean, got 0'],
  ] as unknown as Array<[PsdConfig, string]>)('throws synchronously on bad config %j', (config, message) => {
    expect(() => psd(config)).toThrow(new RangeError(message));
  });
});

describe('psd buffers', () => {
  it('copy: false reuses the psd array; frequenciesHz is always shared', () => {
    const input = new Subject<Epoch>();
    const fresh: PsdEpoch[] = [];
    const reused: PsdEpoch[] = [];
    input.pipe(psd(CONFIG)).subscribe((e) => fresh.push(e));
    input.pipe(psd({ ...CONFIG, copy: false })).subscribe((e) => reused.push(e));
    input.next(A);
    input.next(B);
    expect(fresh[0].psd).not.toBe(fresh[1].psd);
    expect(reused[0].psd).toBe(reused[1].psd);
    expect(fresh[0].frequenciesHz).toBe(fresh[1].frequenciesHz);
    expectDeepClose(fresh[0], reference(A, CONFIG));
    expectDeepClose(reused[1], reference(B, CONFIG));
  });
});
