import type { Observable } from 'rxjs';
import { of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { detectGaps, type DetectedGap } from '../../src/operators/detectGaps';
import type { GapEvent, Sample, SampleEvent } from '../../src/operators/sample';

const RATE_HZ = 256;
const T0_S = 1_700_000_000;
/** Sample k of the stream: time T0 + k/256 (exact), COUNTER k mod 256, as Cortex sends them. */
const timeOf = (k: number) => T0_S + k / RATE_HZ;
const frame = (k: number, extra: Partial<Sample> = {}): Sample => ({
  values: [k],
  timeS: timeOf(k),
  counter: k % RATE_HZ,
  interpolated: false,
  ...extra,
});
const gap = (kind: DetectedGap['kind'], missingSamples: number, fromTimeS: number, toTimeS: number): DetectedGap => ({
  _tag: 'gap',
  kind,
  missingSamples,
  fromTimeS,
  toTimeS,
});
const CONFIG = { sampleRateHz: RATE_HZ };

describe('detectGaps (marble)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('never, empty, single: passes everything through', () => {
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold<SampleEvent>('-').pipe(detectGaps(CONFIG))).toBe('-');
      expectObservable(cold<SampleEvent>('|').pipe(detectGaps(CONFIG))).toBe('|');
      expectObservable(cold<SampleEvent>('a|', { a: frame(7) }).pipe(detectGaps(CONFIG))).toBe('a|', { a: frame(7) });
    });
  });

  it('a COUNTER wrap (255 → 0 at 256 Hz) with steady times is not a gap', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const values = { a: frame(254), b: frame(255), c: frame(256), d: frame(257) };
      expect(values.c.counter).toBe(0);
      expectObservable(cold<SampleEvent>('abcd|', values).pipe(detectGaps(CONFIG))).toBe('abcd|', values);
    });
  });

  it('reports 10 samples dropped across a wrap (251 → 6) before the sample after them', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const values = { a: frame(250), b: frame(251), c: frame(262), d: frame(263) };
      expect(values.c.counter).toBe(6);
      expectObservable(cold<SampleEvent>('ab-c-----d|', values).pipe(detectGaps(CONFIG))).toBe('ab-(gc)--d|', {
        ...values,
        g: gap('counter', 10, timeOf(251), timeOf(262)),
      });
    });
  });

  it('counts whole seconds that COUNTER cannot see from the sample times; a time jump alone is a time gap', () => {
    scheduler.run(({ cold, expectObservable }) => {
      // 256 + 5 lost: COUNTER says 5, the times say 261
      const values = { a: frame(10), b: frame(10 + 261 + 1) };
      expectObservable(cold<SampleEvent>('a-b-----|', values).pipe(detectGaps(CONFIG))).toBe('a-(gb)--|', {
        ...values,
        g: gap('counter', 261, timeOf(10), timeOf(272)),
      });
      // exactly 256 lost: COUNTER is continuous, the time is not
      const second = { a: frame(10), b: frame(10 + 256 + 1) };
      expectObservable(cold<SampleEvent>('a-b-----|', second).pipe(detectGaps(CONFIG))).toBe('a-(gb)--|', {
        ...second,
        g: gap('time', 256, timeOf(10), timeOf(267)),
      });
    });
  });

  it('without COUNTER, a step over 1.5 periods is a time gap; 1.4 periods (jitter) is not', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const noCounter = (k: number): Sample => ({ values: [k], timeS: timeOf(k) });
      const values = {
        a: noCounter(0),
        b: noCounter(1),
        c: noCounter(4),
        d: { values: [5], timeS: timeOf(4) + 1.4 / RATE_HZ },
      };
      expectObservable(cold<SampleEvent>('ab-c----d|', values).pipe(detectGaps(CONFIG))).toBe('ab-(gc)-d|', {
        ...values,
        g: gap('time', 2, timeOf(1), timeOf(4)),
      });
    });
  });

  it('a COUNTER jump with steady times is a counter gap; a duplicate sample or a NaN counter is not checked', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const values = {
        a: frame(0),
        b: frame(1, { counter: 4 }), // COUNTER skipped 3, times did not
        c: frame(1, { counter: 4 }), // a duplicate: same time, same COUNTER
        d: frame(2, { counter: NaN }),
        e: frame(3, { counter: 7 }),
      };
      expectObservable(cold<SampleEvent>('a-b----cde|', values).pipe(detectGaps(CONFIG))).toBe('a-(gb)-cde|', {
        ...values,
        g: gap('counter', 3, timeOf(0), timeOf(1)),
      });
    });
  });

  it('passes INTERPOLATED samples through without gap events by default', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const i = (k: number) => frame(k, { interpolated: true });
      const values = { a: frame(0), b: i(1), c: i(2), d: i(3), e: frame(4) };
      expectObservable(cold<SampleEvent>('abcde|', values).pipe(detectGaps(CONFIG))).toBe('abcde|', values);
    });
  });

  it('with reportInterpolated, reports a run of INTERPOLATED samples once, when it ends, with its length', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const i = (k: number) => frame(k, { interpolated: true });
      const values = { a: frame(0), b: i(1), c: i(2), d: i(3), e: frame(4), f: i(5), h: i(6) };
      expectObservable(
        cold<SampleEvent>('abcd-e----fh|', values).pipe(detectGaps({ ...CONFIG, reportInterpolated: true })),
      ).toBe('abcd-(re)-fh(s|)', {
        ...values,
        r: gap('interpolated', 3, timeOf(0), timeOf(4)),
        s: gap('interpolated', 2, timeOf(4), timeOf(7)),
      });
    });
  });

  it('passes the input gap events through, closing a run first and restarting the checks after them', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const streamGap: GapEvent & { reason: string } = { _tag: 'gap', reason: 'disconnected' };
      const values = {
        a: frame(0),
        b: frame(1, { interpolated: true }),
        x: streamGap,
        c: frame(900, { interpolated: true }),
        d: frame(901),
      };
      // no counter gap from 1 to 900 across the input's gap; the run after it opens the segment
      expectObservable(
        cold<SampleEvent>('abx---cd----|', values).pipe(detectGaps({ ...CONFIG, reportInterpolated: true })),
      ).toBe('ab(rx)c(sd)-|', {
        ...values,
        r: gap('interpolated', 1, timeOf(0), timeOf(2)),
        s: gap('interpolated', 1, timeOf(899), timeOf(901)),
      });
    });
  });

  it('passes errors through and unsubscribes on early unsubscribe', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const failing = cold<SampleEvent>('a-#', { a: frame(0) }, new Error('socket'));
      expectObservable(failing.pipe(detectGaps(CONFIG))).toBe('a-#', { a: frame(0) }, new Error('socket'));
      const endless = cold<SampleEvent>('a-b-c-d-', { a: frame(0), b: frame(1), c: frame(2), d: frame(3) });
      expectObservable(endless.pipe(detectGaps(CONFIG)), '^--!').toBe('a-b', { a: frame(0), b: frame(1) });
      expectSubscriptions(endless.subscriptions).toBe('^--!');
    });
  });

  it('keeps the input type (an eeg frame stays an eeg frame)', () => {
    interface Frame extends Sample {
      readonly _tag: 'eeg';
    }
    const frames: Observable<Frame> = of<Frame[]>(
      { _tag: 'eeg', values: [0], timeS: timeOf(0), counter: 0 },
      { _tag: 'eeg', values: [0], timeS: timeOf(3), counter: 3 },
    );
    const out: Observable<Frame | DetectedGap> = frames.pipe(detectGaps(CONFIG));
    const tags: string[] = [];
    out.subscribe((e) => tags.push(e._tag));
    expect(tags).toEqual(['eeg', 'gap', 'eeg']);
  });

  it('checks its configuration synchronously', () => {
    expect(() => detectGaps({ sampleRateHz: -1 })).toThrow(
      new RangeError('detectGaps: sampleRateHz must be a positive finite number, got -1'),
    );
    expect(() => detectGaps({ sampleRateHz: 128, counterModulus: 2.5 })).toThrow(
      'detectGaps: counterModulus must be a positive integer, got 2.5',
    );
  });
});
