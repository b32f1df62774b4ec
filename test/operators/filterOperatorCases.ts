import { from, lastValueFrom, Subject, toArray, type OperatorFunction } from 'rxjs';
import { SosFilter } from '../../src/dsp';
import { isGap, type Float64Sample, type GapEvent, type Sample, type SampleEvent } from '../../src/operators';
import {
  channelOf,
  dspScheduler,
  expectDeepClose,
  GAP,
  sample,
  seededUniform,
  syntheticSamples,
} from './operatorTestSupport';

type FilterOperator = (copy?: boolean) => OperatorFunction<SampleEvent, Float64Sample | GapEvent>;

/**
 * The behaviour `removeDc`, `notch` and `bandpass` share, checked for one of them: `makeOperator` builds the
 * operator, `sos` its coefficients, from which the reference (`SosFilter` on the concatenated input) is built.
 */
export function describeFilterOperator(
  name: string,
  makeOperator: FilterOperator,
  sos: Float64Array,
  sampleRateHz: number,
): void {
  /** Reference outputs: one fresh `SosFilter` per channel over `samples` in one `process` call per channel. */
  const filtered = (samples: readonly Sample[]): Float64Sample[] => {
    if (samples.length === 0) return [];
    const channelCount = samples[0].values.length;
    const outputs = Array.from({ length: channelCount }, (_, c) => new SosFilter(sos).process(channelOf(samples, c)));
    return samples.map((s, n) => {
      const values = Float64Array.from({ length: channelCount }, (_, c) => outputs[c][n]);
      return { ...s, values };
    });
  };

  const rand = seededUniform(42);
  const S: Record<string, Sample> = Object.fromEntries(
    'abcdef'.split('').map((k, i) => {
      const values = [4200 + 50 * rand(), -20 + 40 * rand()];
      return [k, sample(values, 100 + i / sampleRateHz, ['X', 'Y'])];
    }),
  );
  const seq = (keys: string): Sample[] => keys.split('').map((k) => S[k]);
  /** Values table `{ a: filtered a, b: filtered b after a, … }` for the keys in `keys`, in that order. */
  const outputsFor = (keys: string): Record<string, Float64Sample> =>
    Object.fromEntries(filtered(seq(keys)).map((s, i) => [keys[i], s]));
  const EXACT = { rtol: 0, atol: 0 };

  describe(`${name}: shared filter behaviour (marble)`, () => {
    it('never and empty', () => {
      dspScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
        const never = cold<SampleEvent>('-');
        expectObservable(never.pipe(makeOperator())).toBe('-');
        expectSubscriptions(never.subscriptions).toBe('^');
        expectObservable(cold<SampleEvent>('|').pipe(makeOperator())).toBe('|');
      });
    });

    it('single and many samples: SosFilter on the concatenated input, bit for bit', () => {
      dspScheduler(EXACT).run(({ cold, expectObservable, expectSubscriptions }) => {
        expectObservable(cold<SampleEvent>('-a-|', S).pipe(makeOperator())).toBe('-a-|', outputsFor('a'));
        const source = cold<SampleEvent>('-a-b-c-d-e-f-|', S);
        expectObservable(source.pipe(makeOperator())).toBe('-a-b-c-d-e-f-|', outputsFor('abcdef'));
        expectSubscriptions(source.subscriptions).toBe('^------------!');
      });
    });

    it('passes an error through', () => {
      dspScheduler(EXACT).run(({ cold, expectObservable }) => {
        expectObservable(cold<SampleEvent>('-a-b-#', S, new Error('socket')).pipe(makeOperator())).toBe(
          '-a-b-#',
          outputsFor('ab'),
          new Error('socket'),
        );
      });
    });

    it('early unsubscribe unsubscribes the source', () => {
      dspScheduler(EXACT).run(({ cold, expectObservable, expectSubscriptions }) => {
        const source = cold<SampleEvent>('-a-b-c-d-e-f-', S);
        expectObservable(source.pipe(makeOperator()), '^----!').toBe('-a-b--', outputsFor('ab'));
        expectSubscriptions(source.subscriptions).toBe('^----!');
      });
    });

    it('a gap passes through and resets the state: after it, the output is a fresh filter', () => {
      dspScheduler(EXACT).run(({ cold, expectObservable }) => {
        const source = cold<SampleEvent>('-a-b-G-c-d-|', { ...S, G: GAP });
        expectObservable(source.pipe(makeOperator())).toBe('-a-b-G-c-d-|', {
          ...outputsFor('ab'),
          ...outputsFor('cd'),
          G: GAP,
        });
      });
    });

    it('NaN: that channel and sample is NaN and its filter restarts; the other channel is untouched', () => {
      const bad = sample([NaN, S.b.values[1]], S.b.timeS, ['X', 'Y']);
      const run = filtered(seq('abcd'));
      const restarted = filtered(seq('cd'));
      const expected = {
        a: run[0],
        b: { ...bad, values: Float64Array.of(NaN, run[1].values[1]) },
        c: { ...S.c, values: Float64Array.of(restarted[0].values[0], run[2].values[1]) },
        d: { ...S.d, values: Float64Array.of(restarted[1].values[0], run[3].values[1]) },
      };
      dspScheduler(EXACT).run(({ cold, expectObservable }) => {
        expectObservable(cold<SampleEvent>('abcd|', { ...S, b: bad }).pipe(makeOperator())).toBe('abcd|', expected);
      });
    });

    it('errors with a precise message when a sample has another channel count', () => {
      dspScheduler(EXACT).run(({ cold, expectObservable }) => {
        expectObservable(cold<SampleEvent>('ab', { a: S.a, b: sample([1], 1) }).pipe(makeOperator())).toBe(
          'a#',
          outputsFor('a'),
          new RangeError('sample 1 has 1 values, expected 2 (the channel count of the first sample)'),
        );
      });
    });

    it('two subscribers keep independent state: a late subscriber starts from zero state', () => {
      dspScheduler(EXACT).run(({ hot, expectObservable }) => {
        const filteredSamples = hot<SampleEvent>('-a-b-c-d-|', S).pipe(makeOperator());
        expectObservable(filteredSamples).toBe('-a-b-c-d-|', outputsFor('abcd'));
        expectObservable(filteredSamples, '----^').toBe('-----c-d-|', outputsFor('cd'));
      });
    });
  });

  describe(`${name}: on longer input`, () => {
    const samples = syntheticSamples(
      1000,
      14,
      sampleRateHz,
      3,
      Array.from({ length: 14 }, (_, c) => `C${c}`),
    );

    it('equals SosFilter on each whole channel, and on any chunking of it', async () => {
      const out = await lastValueFrom(from(samples).pipe(makeOperator(), toArray()));
      expect(out).toHaveLength(1000);
      const rand = seededUniform(11);
      for (let c = 0; c < 14; c++) {
        const x = channelOf(samples, c);
        const whole = new SosFilter(sos).process(x);
        const chunkedFilter = new SosFilter(sos);
        const chunked = new Float64Array(x.length);
        for (let start = 0; start < x.length; ) {
          const end = Math.min(x.length, start + 1 + Math.floor(rand() * 300));
          chunked.set(chunkedFilter.process(x.subarray(start, end)), start);
          start = end;
        }
        const got = Float64Array.from(out, (s) => (isGap(s) ? NaN : s.values[c]));
        expect(got).toEqual(whole);
        expect(got).toEqual(chunked);
      }
    });

    it('two subscribers of one filtered observable get identical outputs', async () => {
      const filteredSamples = from(samples).pipe(makeOperator());
      const [first, second] = await Promise.all([
        lastValueFrom(filteredSamples.pipe(toArray())),
        lastValueFrom(filteredSamples.pipe(toArray())),
      ]);
      expectDeepClose(first, second, EXACT);
      expect((first[0] as Float64Sample).values).not.toBe((second[0] as Float64Sample).values);
    });

    it('keeps timeS, channels, counter and interpolated, and drops fields outside Sample', async () => {
      const frame = {
        _tag: 'eeg',
        values: Float64Array.of(1, 2),
        timeS: 5,
        channels: ['X', 'Y'],
        counter: 7,
        interpolated: false,
        markers: [],
      };
      const [out] = await lastValueFrom(from([frame as SampleEvent]).pipe(makeOperator(), toArray()));
      expect(Object.keys(out).sort()).toEqual(['channels', 'counter', 'interpolated', 'timeS', 'values']);
      expect(out).toMatchObject({ timeS: 5, channels: ['X', 'Y'], counter: 7, interpolated: false });
    });

    it('copy: true (default) emits fresh values; copy: false reuses one array', () => {
      const input = new Subject<SampleEvent>();
      const fresh: Float64Sample[] = [];
      const reused: Float64Sample[] = [];
      const reusedSnapshots: number[][] = [];
      input.pipe(makeOperator()).subscribe((s) => fresh.push(s as Float64Sample));
      input.pipe(makeOperator(false)).subscribe((s) => {
        reused.push(s as Float64Sample);
        reusedSnapshots.push(Array.from((s as Float64Sample).values));
      });
      for (const s of seq('abc')) input.next(s);
      const expected = filtered(seq('abc'));
      expect(new Set(fresh.map((s) => s.values)).size).toBe(3);
      expect(new Set(reused.map((s) => s.values)).size).toBe(1);
      expectDeepClose(fresh, expected, EXACT);
      expectDeepClose(
        reusedSnapshots,
        expected.map((s) => Array.from(s.values)),
        EXACT,
      );
    });
  });
}
