import { take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { epochsAround, type DroppedEpoch, type MarkerEpoch } from '../../src/operators/epochsAround';
import type { MarkerEvent } from '../../src/operators/markerEvent';
import type { GapEvent, Sample, SampleEvent } from '../../src/operators/sample';

/** 4 Hz: sample times are exact binary fractions, so ties are exact. */
const RATE_HZ = 4;
const T0_S = 1000;
const CHANNELS = ['Cz', 'O1'] as const;
/** beforeS 0.5 s = 2 samples, afterS 0.25 s = 1 sample: 4 samples per epoch, the marker's at index 2. */
const CONFIG = { beforeS: 0.5, afterS: 0.25, sampleRateHz: RATE_HZ };
const BEFORE = 2;
const LENGTH = 4;

const timeOf = (i: number) => T0_S + i / RATE_HZ;
/** Channel 0 is i, channel 1 is 100 + i²: a baseline mean is easy to check. */
const valueOf = (i: number, c: number) => (c === 0 ? i : 100 + i * i);
const sample = (i: number): Sample => ({
  values: [valueOf(i, 0), valueOf(i, 1)],
  timeS: timeOf(i),
  channels: CHANNELS,
});
const marker = (label: string, timeS: number): MarkerEvent => ({ timeS, label, value: label });
const GAP: GapEvent = { _tag: 'gap' };

/** Samples 0…9 as a…j, and a gap as x. */
const s: Record<string, SampleEvent> = Object.fromEntries([...'abcdefghij'].map((k, i) => [k, sample(i)]));
s.x = GAP;

/**
 * The epoch expected around `m`, whose nearest sample is `markerSample`, computed independently of the operator;
 * `received`: how many samples the subscription had received before the epoch's first one.
 */
function epoch(
  m: MarkerEvent,
  markerSample: number,
  baselineSamples = 0,
  value = valueOf,
  received = markerSample - BEFORE,
): MarkerEpoch {
  const start = markerSample - BEFORE;
  const data = new Float64Array(CHANNELS.length * LENGTH);
  for (let c = 0; c < CHANNELS.length; c++) {
    let sum = 0;
    let n = 0;
    for (let i = BEFORE - baselineSamples; i < BEFORE; i++) {
      if (Number.isFinite(value(start + i, c))) {
        sum += value(start + i, c);
        n++;
      }
    }
    const mean = baselineSamples === 0 ? 0 : n === 0 ? NaN : sum / n;
    for (let i = 0; i < LENGTH; i++) data[c * LENGTH + i] = value(start + i, c) - mean;
  }
  return {
    _tag: 'markerEpoch',
    marker: m,
    data,
    channelCount: CHANNELS.length,
    lengthSamples: LENGTH,
    markerIndex: BEFORE,
    startTimeS: timeOf(start),
    startSampleIndex: received,
    sampleRateHz: RATE_HZ,
    channels: CHANNELS,
  };
}
const dropped = (m: MarkerEvent, reason: DroppedEpoch['reason']): DroppedEpoch => ({
  _tag: 'droppedEpoch',
  marker: m,
  reason,
});

describe('epochsAround (marble)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('never, empty, no markers: nothing but completion', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const none = hot<MarkerEvent>('-');
      expectObservable(cold<SampleEvent>('-').pipe(epochsAround(none, CONFIG))).toBe('-');
      expectObservable(cold<SampleEvent>('|').pipe(epochsAround(none, CONFIG))).toBe('|');
      expectObservable(cold<SampleEvent>('abcdef|', s).pipe(epochsAround(none, CONFIG))).toBe('------|');
      expectObservable(cold<SampleEvent>('abcdef|', s).pipe(epochsAround(cold<MarkerEvent>('|'), CONFIG))).toBe(
        '------|',
      );
    });
  });

  it('a single marker, arriving before its sample: one epoch, as soon as the sample after it arrives', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const m = marker('m', timeOf(3) + 0.05); // nearest d (index 3): window b, c, d, e
      expectObservable(
        cold<SampleEvent>('-abcdefgh|', s).pipe(epochsAround(hot<MarkerEvent>('m', { m }), CONFIG)),
      ).toBe('-----E---|', {
        E: epoch(m, 3),
      });
    });
  });

  it('many markers, in any arrival order, before or after their samples (up to afterS late), ties to the earlier sample', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const early = marker('early', timeOf(5) - 0.1); // nearest f (placed when f arrives)
      const tie = marker('tie', (timeOf(2) + timeOf(3)) / 2); // midway c/d: c; window a…d, complete at d
      const sameSample = marker('same', timeOf(5) + 0.1); // also f (placed when g arrives)
      const lateOk = marker('late-ok', timeOf(4)); // arrives after e, its sample: window c…f, complete at f
      const markers = hot<MarkerEvent>('(sET)-----L', { E: early, T: tie, s: sameSample, L: lateOk });
      // samples a…h at frames 1, 3, …, 15; d at 7, e at 9, f at 11, g at 13
      expectObservable(cold<SampleEvent>('-a-b-c-d-e-f-g-h----|', s).pipe(epochsAround(markers, CONFIG))).toBe(
        '-------T---L-(ES)---|',
        {
          T: epoch(tie, 2),
          L: epoch(lateOk, 4),
          E: epoch(early, 5),
          S: epoch(sameSample, 5),
        },
      );
    });
  });

  it('subtracts the per-channel baseline mean over [marker − baselineS, marker)', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const m = marker('m', timeOf(4));
      const samples = cold<SampleEvent>('abcdefg|', s);
      expectObservable(samples.pipe(epochsAround(hot<MarkerEvent>('m', { m }), { ...CONFIG, baselineS: 0.5 }))).toBe(
        '-----E-|',
        {
          E: epoch(m, 4, 2),
        },
      );
      expectObservable(samples.pipe(epochsAround(hot<MarkerEvent>('m', { m }), { ...CONFIG, baselineS: 0.25 }))).toBe(
        '-----E-|',
        {
          E: epoch(m, 4, 1),
        },
      );
    });
  });

  it('NaN: stays NaN in the epoch, is ignored by the baseline mean, and a baseline with no value makes the channel NaN', () => {
    const withNaN = (i: number, c: number) => (i === 3 && c === 1 ? NaN : i === 4 ? NaN : valueOf(i, c));
    const nanSample = (i: number): Sample => ({
      values: [withNaN(i, 0), withNaN(i, 1)],
      timeS: timeOf(i),
      channels: CHANNELS,
    });
    scheduler.run(({ cold, hot, expectObservable }) => {
      const m = marker('m', timeOf(5));
      const samples = cold<SampleEvent>(
        'abcdefg|',
        Object.fromEntries([...'abcdefg'].map((k, i) => [k, nanSample(i)])),
      );
      // baseline = samples 3 and 4: channel 0 has 3 (4 is NaN), channel 1 has none (both NaN)
      const expected = epoch(m, 5, 2, withNaN);
      expect(Array.from(expected.data)).toEqual([0, NaN, 2, 3, NaN, NaN, NaN, NaN]);
      expectObservable(samples.pipe(epochsAround(hot<MarkerEvent>('m', { m }), { ...CONFIG, baselineS: 0.5 }))).toBe(
        '------E|',
        {
          E: expected,
        },
      );
    });
  });

  it('drops with a reason: not enough history, too late, cut by a gap event, by lost samples, a marker in a hole, the end', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const tooEarly = marker('too-early', timeOf(1)); // needs 2 samples before b
      const beforeStream = marker('before-stream', timeOf(-5));
      const tooLate = marker('too-late', timeOf(2)); // arrives at g: its window a…d has left the 5-sample ring
      expectObservable(
        cold<SampleEvent>('abcdefgh|', s).pipe(
          epochsAround(hot<MarkerEvent>('(pq)--l', { p: tooEarly, q: beforeStream, l: tooLate }), CONFIG),
        ),
      ).toBe('QP----L-|', {
        P: dropped(tooEarly, 'beforeStart'),
        Q: dropped(beforeStream, 'beforeStart'),
        L: dropped(tooLate, 'late'),
      });

      const cut = marker('cut', timeOf(3)); // window b…e, the gap comes after d
      const afterGap = marker('after-gap', timeOf(7)); // window f…i: but the gap reset the ring at g
      const afterGapOk = marker('after-gap-ok', timeOf(8)); // window g…j after the gap: fine
      expectObservable(
        cold<SampleEvent>('abcdxghij|', s).pipe(
          epochsAround(hot<MarkerEvent>('(cao)', { c: cut, a: afterGap, o: afterGapOk }), CONFIG),
        ),
      ).toBe('----C-A-O|', {
        C: dropped(cut, 'gap'),
        A: dropped(afterGap, 'beforeStart'),
        O: epoch(afterGapOk, 8, 0, valueOf, 4), // g is the 5th sample received (e and f never came)
      });

      // samples e and f lost without a gap event: the window of `jump` spans 5 periods instead of 3
      const jump = marker('jump', timeOf(3));
      const hole = marker('hole', timeOf(4) + 0.05); // nearest sample (d or g) is over a period away
      expectObservable(
        cold<SampleEvent>('abcdghij|', s).pipe(epochsAround(hot<MarkerEvent>('(jh)', { j: jump, h: hole }), CONFIG)),
      ).toBe('----(HJ)|', { J: dropped(jump, 'gap'), H: dropped(hole, 'gap') });

      const unfinished = marker('unfinished', timeOf(3)); // needs e
      const never = marker('never', timeOf(50));
      expectObservable(
        cold<SampleEvent>('abcd|', s).pipe(epochsAround(hot<MarkerEvent>('(un)', { u: unfinished, n: never }), CONFIG)),
      ).toBe('----(UN|)', { U: dropped(unfinished, 'end'), N: dropped(never, 'end') });
    });
  });

  it('passes an error of either input through, and unsubscribes the other', () => {
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const markers = hot<MarkerEvent>('-------');
      const samples = cold<SampleEvent>('ab-#', s, new Error('socket'));
      expectObservable(samples.pipe(epochsAround(markers, CONFIG))).toBe('---#', undefined, new Error('socket'));
      expectSubscriptions(markers.subscriptions).toBe('^--!');

      const failing = hot<MarkerEvent>('--#', undefined, new Error('markers'));
      const endless = cold<SampleEvent>('abcdefgh', s);
      expectObservable(endless.pipe(epochsAround(failing, CONFIG))).toBe('--#', undefined, new Error('markers'));
      expectSubscriptions(endless.subscriptions).toBe('^-!');
    });
  });

  it('unsubscribes from both inputs on early unsubscribe, and when the consumer leaves from inside next', () => {
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const m = marker('m', timeOf(2));
      const markers = hot<MarkerEvent>('m-------', { m });
      const samples = cold<SampleEvent>('abcdefgh', s);
      expectObservable(samples.pipe(epochsAround(markers, CONFIG)), '^-----!').toBe('---E--', { E: epoch(m, 2) });
      expectSubscriptions(markers.subscriptions).toBe('^-----!');
      expectSubscriptions(samples.subscriptions).toBe('^-----!');

      // two epochs complete on the same sample; take(1) leaves after the first
      const m2 = marker('m2', timeOf(2) + 0.01);
      const both = hot<MarkerEvent>('(mn)', { m, n: m2 });
      const samples2 = cold<SampleEvent>('abcdefgh', s);
      expectObservable(samples2.pipe(epochsAround(both, CONFIG), take(1))).toBe('---(E|)', { E: epoch(m, 2) });
      expectSubscriptions(samples2.subscriptions).toBe('^--!');
    });
  });

  it('errors on input it cannot place: a NaN time, or a channel count that changes without a gap (it may change at one)', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      expectObservable(
        cold<SampleEvent>('abcd', s).pipe(epochsAround(hot<MarkerEvent>('-m', { m: marker('bad', NaN) }), CONFIG)),
      ).toBe('-#', undefined, new RangeError('epochsAround: marker timeS must be finite, got NaN'));
      const three: Sample = { values: [1, 2, 3], timeS: timeOf(2) };
      expectObservable(
        cold<SampleEvent>('abz', { ...s, z: three }).pipe(epochsAround(hot<MarkerEvent>('-'), CONFIG)),
      ).toBe(
        '--#',
        undefined,
        new RangeError('epochsAround: sample has 3 values, expected 2 (channel count changed without a gap)'),
      );
      const m = marker('m', timeOf(4));
      const wide = (i: number): Sample => ({ values: [i, i, i], timeS: timeOf(i) });
      const after = { y: wide(2), z: wide(3), w: wide(4), v: wide(5) };
      expectObservable(
        cold<SampleEvent>('abxyzwv|', { ...s, ...after }).pipe(epochsAround(hot<MarkerEvent>('m', { m }), CONFIG)),
      ).toBe('------E|', {
        E: {
          _tag: 'markerEpoch',
          marker: m,
          data: Float64Array.from([2, 3, 4, 5, 2, 3, 4, 5, 2, 3, 4, 5]),
          channelCount: 3,
          lengthSamples: LENGTH,
          markerIndex: BEFORE,
          startTimeS: timeOf(2),
          startSampleIndex: 2, // a, b, then y (after the gap): y is the third sample received
          sampleRateHz: RATE_HZ,
        },
      });
    });
  });

  it('supports beforeS 0 and afterS 0 (a one-sample epoch at the marker)', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const m = marker('m', timeOf(1) + 0.1);
      // placed when c arrives (it is past b), on b: the ring keeps the sample before the newest for this
      expectObservable(
        cold<SampleEvent>('abc|', s).pipe(
          epochsAround(hot<MarkerEvent>('m', { m }), { beforeS: 0, afterS: 0, sampleRateHz: RATE_HZ }),
        ),
      ).toBe('--E|', {
        E: {
          _tag: 'markerEpoch',
          marker: m,
          data: Float64Array.from([1, 101]),
          channelCount: 2,
          lengthSamples: 1,
          markerIndex: 0,
          startTimeS: timeOf(1),
          startSampleIndex: 1,
          sampleRateHz: RATE_HZ,
          channels: CHANNELS,
        },
      });
    });
  });

  it('checks its configuration synchronously, with precise messages', () => {
    const none = new TestScheduler(() => undefined).createHotObservable<MarkerEvent>('-');
    const bad = (config: Partial<typeof CONFIG> & { baselineS?: number }) => () =>
      epochsAround(none, { ...CONFIG, ...config });
    expect(bad({ sampleRateHz: 0 })).toThrow(
      new RangeError('epochsAround: sampleRateHz must be a positive finite number, got 0'),
    );
    expect(bad({ beforeS: -0.1 })).toThrow('epochsAround: beforeS must be a finite number >= 0, got -0.1');
    expect(bad({ afterS: NaN })).toThrow('epochsAround: afterS must be a finite number >= 0, got NaN');
    expect(bad({ baselineS: 0.75 })).toThrow('epochsAround: baselineS must be in (0, beforeS] = (0, 0.5], got 0.75');
    expect(bad({ baselineS: 0 })).toThrow('epochsAround: baselineS must be in (0, beforeS] = (0, 0.5], got 0');
    expect(bad({ baselineS: 0.1 })).toThrow(
      'epochsAround: baselineS must cover at least one sample (1 / sampleRateHz = 0.25 s), got 0.1',
    );
    expect(() => epochsAround({} as never, CONFIG)).toThrow(
      new TypeError('epochsAround: markers must be an Observable, got [object Object]'),
    );
  });
});
