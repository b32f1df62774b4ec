import { take } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { alignMarkers, type AlignedEvent } from '../../src/operators/alignMarkers';
import type { MarkerEvent } from '../../src/operators/markerEvent';
import type { GapEvent, Sample, SampleEvent } from '../../src/operators/sample';

/** 4 Hz: sample times are exact binary fractions, so ties are exact. */
const RATE_HZ = 4;
const T0_S = 1000;
const timeOf = (i: number) => T0_S + i / RATE_HZ;
const sample = (i: number): Sample => ({ values: [i, -i], timeS: timeOf(i) });
const marker = (label: string, timeS: number): MarkerEvent => ({ timeS, label, value: 1 });
const GAP: GapEvent = { _tag: 'gap' };

const s = { a: sample(0), b: sample(1), c: sample(2), d: sample(3), e: sample(4), f: sample(5), g: GAP };
const aligned = (x: Sample, ...markers: MarkerEvent[]): AlignedEvent => ({ _tag: 'aligned', sample: x, markers });
const late = (m: MarkerEvent): AlignedEvent => ({ _tag: 'unalignedMarker', marker: m, reason: 'late' });

describe('alignMarkers (marble)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('never, empty, single', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const none = hot<MarkerEvent>('-');
      expectObservable(cold<SampleEvent>('-').pipe(alignMarkers(none))).toBe('-');
      expectObservable(cold<SampleEvent>('|').pipe(alignMarkers(none))).toBe('|');
      expectObservable(cold<SampleEvent>('a|', s).pipe(alignMarkers(none))).toBe('-(A|)', { A: aligned(s.a) });
      // a sample source that never ends, markers that complete: samples are still released by the sample clock
      expectObservable(
        cold<SampleEvent>('a-b-c-', s).pipe(alignMarkers(cold<MarkerEvent>('|'), { maxDelayS: 0.5 })),
      ).toBe('----A-', {
        A: aligned(s.a),
      });
    });
  });

  it('holds each sample until the sample clock is maxDelayS past it, then emits every sample in order', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const values = { A: aligned(s.a), B: aligned(s.b), C: aligned(s.c), D: aligned(s.d), E: aligned(s.e) };
      expectObservable(
        cold<SampleEvent>('abcde|', s).pipe(alignMarkers(hot<MarkerEvent>('-'), { maxDelayS: 0.5 })),
      ).toBe('--ABC(DE|)', values);
      expectObservable(cold<SampleEvent>('abcde|', s).pipe(alignMarkers(hot<MarkerEvent>('-'), { maxDelayS: 0 }))).toBe(
        'ABCDE|',
        values,
      );
    });
  });

  it('attaches a marker that arrives before its sample, and one that arrives after it, to the nearest sample', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const early = marker('early', timeOf(2) + 0.1); // nearer c (0.1) than d (0.15)
      const afterwards = marker('late-ish', timeOf(1) - 0.1); // nearer b (0.1) than a (0.15); arrives after c
      const markers = hot<MarkerEvent>('-x---y----', { x: early, y: afterwards });
      expectObservable(cold<SampleEvent>('a-b-c-d-e-f|', s).pipe(alignMarkers(markers, { maxDelayS: 0.5 }))).toBe(
        '----A-B-C-D(EF|)',
        {
          A: aligned(s.a),
          B: aligned(s.b, afterwards),
          C: aligned(s.c, early),
          D: aligned(s.d),
          E: aligned(s.e),
          F: aligned(s.f),
        },
      );
    });
  });

  it('uses sample time, not arrival: markers in any arrival order land on their samples, in time order', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const m1 = marker('m1', timeOf(3));
      const m2 = marker('m2', timeOf(1) + 0.01);
      const m3 = marker('m3', timeOf(3) - 0.01);
      const markers = hot<MarkerEvent>('xyz', { x: m1, y: m2, z: m3 });
      expectObservable(cold<SampleEvent>('---a-b-c-d-e|', s).pipe(alignMarkers(markers, { maxDelayS: 10 }))).toBe(
        '------------(ABCDE|)',
        {
          A: aligned(s.a),
          B: aligned(s.b, m2),
          C: aligned(s.c),
          D: aligned(s.d, m3, m1),
          E: aligned(s.e),
        },
      );
    });
  });

  it('breaks a tie (a marker midway between two samples) towards the earlier sample, early or late', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const early = marker('early-tie', (timeOf(2) + timeOf(3)) / 2);
      const lateTie = marker('late-tie', (timeOf(0) + timeOf(1)) / 2);
      const markers = hot<MarkerEvent>('x-----y--', { x: early, y: lateTie });
      expectObservable(cold<SampleEvent>('a-b-c-d-e|', s).pipe(alignMarkers(markers, { maxDelayS: 10 }))).toBe(
        '---------(ABCDE|)',
        {
          A: aligned(s.a, lateTie),
          B: aligned(s.b),
          C: aligned(s.c, early),
          D: aligned(s.d),
          E: aligned(s.e),
        },
      );
    });
  });

  it('reports a marker whose nearest sample was already emitted as late, never attaching it elsewhere', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const tooLate = marker('too-late', timeOf(0) + 0.05); // a was released at c (0.5 s later)
      const tieWithReleased = marker('tie', (timeOf(0) + timeOf(1)) / 2); // tie between released a and held b: a wins
      const justInTime = marker('b', timeOf(1) + 0.05);
      const markers = hot<MarkerEvent>('-----xyz', { x: tooLate, y: tieWithReleased, z: justInTime });
      expectObservable(cold<SampleEvent>('a-b-c---|', s).pipe(alignMarkers(markers, { maxDelayS: 0.5 }))).toBe(
        '----AXY-(BC|)',
        {
          A: aligned(s.a),
          X: late(tooLate),
          Y: late(tieWithReleased),
          B: aligned(s.b, justInTime),
          C: aligned(s.c),
        },
      );
    });
  });

  it('with maxDelayS 0, a marker must come before its sample; then it still goes to the nearest one', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const nearPrevious = marker('p', timeOf(0) + 0.1); // waits for b, but a (already emitted) is nearer
      const nearNext = marker('n', timeOf(2) - 0.1);
      const markers = hot<MarkerEvent>('-x-y', { x: nearPrevious, y: nearNext });
      expectObservable(cold<SampleEvent>('a-b----c|', s).pipe(alignMarkers(markers, { maxDelayS: 0 }))).toBe(
        'A-(XB)-C|',
        {
          A: aligned(s.a),
          X: late(nearPrevious),
          B: aligned(s.b),
          C: aligned(s.c, nearNext),
        },
      );
    });
  });

  it('a gap flushes the held samples and passes through; waiting markers are placed after it', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const source = () => cold<SampleEvent>('a-b-g------e-f|', s);
      const beforeGap = marker('before-gap', timeOf(1) - 0.01); // nearest b, still held when it arrives
      expectObservable(source().pipe(alignMarkers(hot<MarkerEvent>('---x', { x: beforeGap }), { maxDelayS: 10 }))).toBe(
        '----(ABg)-----(EF|)',
        {
          A: aligned(s.a),
          B: aligned(s.b, beforeGap),
          g: GAP,
          E: aligned(s.e),
          F: aligned(s.f),
        },
      );
      // after b in time, so it waits; e comes after the gap, and b (flushed by the gap) is nearer: late
      const waitsButLate = marker('waits-but-late', timeOf(1) + 0.01);
      // at or before b in time, arriving after the gap flushed b: late at once
      const lateAfterGap = marker('late-after-gap', timeOf(1) - 0.01);
      expectObservable(
        source().pipe(
          alignMarkers(hot<MarkerEvent>('---x-----y', { x: waitsButLate, y: lateAfterGap }), { maxDelayS: 10 }),
        ),
      ).toBe('----(ABg)y-x--(EF|)', {
        A: aligned(s.a),
        B: aligned(s.b),
        g: GAP,
        x: late(waitsButLate),
        y: late(lateAfterGap),
        E: aligned(s.e),
        F: aligned(s.f),
      });
      // waits across the gap for e, its nearest sample
      const afterGap = marker('after-gap', timeOf(4) - 0.01);
      expectObservable(source().pipe(alignMarkers(hot<MarkerEvent>('-x', { x: afterGap }), { maxDelayS: 10 }))).toBe(
        '----(ABg)-----(EF|)',
        {
          A: aligned(s.a),
          B: aligned(s.b),
          g: GAP,
          E: aligned(s.e, afterGap),
          F: aligned(s.f),
        },
      );
    });
  });

  it('at the end, a waiting marker goes to the last sample; with no sample at all it is reported', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const after = marker('after-last', timeOf(9));
      expectObservable(
        cold<SampleEvent>('-a-b|', s).pipe(alignMarkers(hot<MarkerEvent>('x', { x: after }), { maxDelayS: 10 })),
      ).toBe('----(AB|)', {
        A: aligned(s.a),
        B: aligned(s.b, after),
      });
      expectObservable(cold<SampleEvent>('--|').pipe(alignMarkers(hot<MarkerEvent>('x', { x: after })))).toBe(
        '--(x|)',
        {
          x: { _tag: 'unalignedMarker', marker: after, reason: 'noSample' },
        },
      );
    });
  });

  it('passes an error of either input through, and unsubscribes the other', () => {
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const markers = hot<MarkerEvent>('---------');
      const samples = cold<SampleEvent>('a-b-#', s, new Error('socket'));
      expectObservable(samples.pipe(alignMarkers(markers, { maxDelayS: 10 }))).toBe(
        '----#',
        undefined,
        new Error('socket'),
      );
      expectSubscriptions(markers.subscriptions).toBe('^---!');

      const failing = hot<MarkerEvent>('--#', undefined, new Error('markers'));
      const endless = cold<SampleEvent>('a--b-c-d-', s);
      expectObservable(endless.pipe(alignMarkers(failing, { maxDelayS: 0 }))).toBe(
        'A-#',
        { A: aligned(s.a) },
        new Error('markers'),
      );
      expectSubscriptions(endless.subscriptions).toBe('^-!');
    });
  });

  it('unsubscribes from both inputs on early unsubscribe', () => {
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const markers = hot<MarkerEvent>('-x-------', { x: marker('m', timeOf(0)) });
      const samples = cold<SampleEvent>('a-b-c-d-e-', s);
      expectObservable(samples.pipe(alignMarkers(markers, { maxDelayS: 0.25 })), '^----!').toBe('--A-B', {
        A: aligned(s.a, marker('m', timeOf(0))),
        B: aligned(s.b),
      });
      expectSubscriptions(markers.subscriptions).toBe('^----!');
      expectSubscriptions(samples.subscriptions).toBe('^----!');
    });
  });

  it('stops releasing when the consumer unsubscribes from inside next (take)', () => {
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const markers = hot<MarkerEvent>('-');
      expectObservable(cold<SampleEvent>('abcde|', s).pipe(alignMarkers(markers, { maxDelayS: 10 }), take(2))).toBe(
        '-----(AB|)',
        {
          A: aligned(s.a),
          B: aligned(s.b),
        },
      );
      expectSubscriptions(markers.subscriptions).toBe('^----!');
    });
  });

  it('errors on a marker or sample time that cannot be placed (NaN); sample values pass through untouched', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      expectObservable(
        cold<SampleEvent>('a---', s).pipe(
          alignMarkers(hot<MarkerEvent>('--x', { x: marker('bad', NaN) }), { maxDelayS: 0 }),
        ),
      ).toBe('A-#', { A: aligned(s.a) }, new RangeError('alignMarkers: marker timeS must be finite, got NaN'));
      const nanValues: Sample = { values: [NaN, 1], timeS: timeOf(0) };
      expectObservable(
        cold<SampleEvent>('a-x|', { a: nanValues, x: { values: [1, 1], timeS: NaN } }).pipe(
          alignMarkers(hot<MarkerEvent>('-'), { maxDelayS: 0 }),
        ),
      ).toBe('A-#', { A: aligned(nanValues) }, new RangeError('alignMarkers: sample timeS must be finite, got NaN'));
    });
  });

  it('keeps the sample type (an eeg frame stays an eeg frame) and the input gap type', () => {
    interface Frame extends Sample {
      readonly _tag: 'eeg';
      readonly counter: number;
    }
    interface StreamGap extends GapEvent {
      readonly reason: 'disconnected';
    }
    scheduler.run(({ cold, hot, expectObservable }) => {
      const frame: Frame = { _tag: 'eeg', values: [1], timeS: timeOf(0), counter: 0 };
      const gap: StreamGap = { _tag: 'gap', reason: 'disconnected' };
      const out = cold<Frame | StreamGap>('ag-----|', { a: frame, g: gap }).pipe(alignMarkers(hot<MarkerEvent>('-')));
      expectObservable(out).toBe('-(Ag)--|', { A: { _tag: 'aligned', sample: frame, markers: [] }, g: gap });
      out.subscribe((e) => {
        if (e._tag === 'aligned') {
          const counter: number = e.sample.counter; // typed as the input frame
          expect(counter).toBe(0);
        } else if (e._tag === 'gap') {
          expect(e.reason).toBe('disconnected');
        }
      });
    });
  });

  it('checks its configuration synchronously', () => {
    const none = new TestScheduler(() => undefined).createHotObservable<MarkerEvent>('-');
    expect(() => alignMarkers(none, { maxDelayS: -1 })).toThrow(
      new RangeError('alignMarkers: maxDelayS must be a finite number >= 0, got -1'),
    );
    expect(() => alignMarkers(none, { maxDelayS: Infinity })).toThrow(
      'alignMarkers: maxDelayS must be a finite number >= 0, got Infinity',
    );
    expect(() => alignMarkers(undefined as never)).toThrow(
      new TypeError('alignMarkers: markers must be an Observable, got undefined'),
    );
  });
});
