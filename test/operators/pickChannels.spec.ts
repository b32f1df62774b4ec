import { Subject } from 'rxjs';
import { pickChannels, type Float64Sample, type SampleEvent } from '../../src/operators';
import { dspScheduler, GAP, sample } from './operatorTestSupport';

const EPOC = ['AF3', 'F7', 'F3', 'FC5', 'T7', 'P7', 'O1', 'O2', 'P8', 'T8', 'FC6', 'F4', 'F8', 'AF4'];
const row = (base: number) => EPOC.map((_, c) => base + c);
const S: Record<string, SampleEvent> = {
  a: { ...sample(row(100), 1, EPOC), counter: 0, interpolated: false },
  b: { ...sample(row(200), 2, EPOC), counter: 1, interpolated: true },
  c: sample(row(300), 3, EPOC),
  G: GAP,
};
/** O2 is index 7, O1 index 6. */
const picked = (base: number, timeS: number, extra: object = {}): Float64Sample => ({
  values: Float64Array.of(base + 7, base + 6),
  timeS,
  channels: ['O2', 'O1'],
  ...extra,
});
const OUT = {
  a: picked(100, 1, { counter: 0, interpolated: false }),
  b: picked(200, 2, { counter: 1, interpolated: true }),
  c: picked(300, 3),
  G: GAP,
};
const EXACT = { rtol: 0, atol: 0 };

describe('pickChannels (marble)', () => {
  it('never and empty', () => {
    dspScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const never = cold<SampleEvent>('-');
      expectObservable(never.pipe(pickChannels(['O1']))).toBe('-');
      expectSubscriptions(never.subscriptions).toBe('^');
      expectObservable(cold<SampleEvent>('|').pipe(pickChannels(['O1']))).toBe('|');
    });
  });

  it('single and many: the named channels, in the given order, with timeS, counter and interpolated', () => {
    dspScheduler(EXACT).run(({ cold, expectObservable, expectSubscriptions }) => {
      expectObservable(cold<SampleEvent>('-a|', S).pipe(pickChannels(['O2', 'O1']))).toBe('-a|', OUT);
      const source = cold<SampleEvent>('-a-b-c-|', S);
      expectObservable(source.pipe(pickChannels(['O2', 'O1']))).toBe('-a-b-c-|', OUT);
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('passes gap events through unchanged', () => {
    dspScheduler(EXACT).run(({ cold, expectObservable }) => {
      expectObservable(cold<SampleEvent>('-a-G-b-|', S).pipe(pickChannels(['O2', 'O1']))).toBe('-a-G-b-|', OUT);
    });
  });

  it('passes an error through, and unsubscribes the source early', () => {
    dspScheduler(EXACT).run(({ cold, expectObservable, expectSubscriptions }) => {
      expectObservable(cold<SampleEvent>('-a-#', S, new Error('closed')).pipe(pickChannels(['O2', 'O1']))).toBe(
        '-a-#',
        OUT,
        new Error('closed'),
      );
      const source = cold<SampleEvent>('-a-b-c-', S);
      expectObservable(source.pipe(pickChannels(['O2', 'O1'])), '^--!').toBe('-a--', OUT);
      expectSubscriptions(source.subscriptions).toBe('^--!');
    });
  });

  it('errors on an unknown channel, listing the channels the samples have', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold<SampleEvent>('-a-', S).pipe(pickChannels(['O1', 'Oz']))).toBe(
        '-#',
        undefined,
        new RangeError(`unknown channel "Oz" (have ${EPOC.join(', ')})`),
      );
    });
  });

  it('errors on a sample without channels, or with values and channels of different lengths', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold<SampleEvent>('-a-x-', { ...S, x: sample([1, 2], 4) }).pipe(pickChannels(['O1']))).toBe(
        '-b-#',
        { b: { values: Float64Array.of(106), timeS: 1, channels: ['O1'], counter: 0, interpolated: false } },
        new RangeError('pickChannels needs samples with channels, got sample 1 without'),
      );
      expectObservable(cold<SampleEvent>('x', { x: sample([1, 2], 4, EPOC) }).pipe(pickChannels(['O1']))).toBe(
        '#',
        undefined,
        new RangeError('sample 0 has 2 values but 14 channels'),
      );
    });
  });

  it('rebuilds its index table when the samples bring another channels array', () => {
    const other = ['O1', 'O2', 'X'];
    dspScheduler(EXACT).run(({ cold, expectObservable }) => {
      const source = cold<SampleEvent>('ab|', { a: S.c, b: sample([1, 2, 3], 4, other) });
      expectObservable(source.pipe(pickChannels(['O2', 'O1']))).toBe('cb|', {
        c: OUT.c,
        b: { values: Float64Array.of(2, 1), timeS: 4, channels: ['O2', 'O1'] },
      });
    });
  });

  it.each([
    [[], 'names must list at least one channel, got none'],
    [['O1', 'O1'], 'duplicate channel "O1"'],
    [['O1', 3], 'channel names must be strings, got 3'],
    ['O1', 'names must list at least one channel, got O1'],
  ] as unknown as Array<[string[], string]>)('throws synchronously on bad names %j', (names, message) => {
    expect(() => pickChannels(names)).toThrow(new RangeError(message));
  });

  it('throws synchronously on a bad copy flag', () => {
    expect(() => pickChannels(['O1'], { copy: 1 as unknown as boolean })).toThrow(
      new RangeError('copy must be a boolean, got 1'),
    );
  });
});

describe('pickChannels buffers', () => {
  it('copy: true emits fresh values and a shared, frozen channels list; copy: false reuses one array', () => {
    const input = new Subject<SampleEvent>();
    const fresh: Float64Sample[] = [];
    const reused: Float64Sample[] = [];
    input.pipe(pickChannels(['O2', 'O1'])).subscribe((s) => fresh.push(s as Float64Sample));
    input.pipe(pickChannels(['O2', 'O1'], { copy: false })).subscribe((s) => reused.push(s as Float64Sample));
    input.next(S.a);
    input.next(S.b);
    expect(fresh[0].values).not.toBe(fresh[1].values);
    expect(Array.from(fresh[0].values)).toEqual([107, 106]);
    expect(fresh[0].channels).toBe(fresh[1].channels);
    expect(Object.isFrozen(fresh[0].channels)).toBe(true);
    expect(reused[0].values).toBe(reused[1].values);
    expect(Array.from(reused[0].values)).toEqual([207, 206]);
  });
});
