import { TestScheduler } from 'rxjs/testing';
import type { Observable } from 'rxjs';
import { map } from 'rxjs';
import type { StreamGap } from '../../../src';
import { followLive } from '../../../src/observables/session/followLive';

interface F {
  readonly timeS: number;
}

describe('followLive (marble)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  const gap = (reason: StreamGap['reason'], lastTimeS: number | undefined): StreamGap => ({
    _tag: 'gap',
    stream: 'eeg',
    reason,
    lastTimeS,
  });

  it('emits nothing for a source that never has a live session (never, empty)', () => {
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold<Observable<F> | undefined>('-u-u-', { u: undefined }).pipe(followLive<F>('eeg'))).toBe(
        '-----',
      );
      expectObservable(cold<Observable<F> | undefined>('|').pipe(followLive<F>('eeg'))).toBe('|');
      expectObservable(cold<Observable<F> | undefined>('-').pipe(followLive<F>('eeg'))).toBe('-');
    });
  });

  it('passes frames, marks a drop with `disconnected` and the resumption with `resubscribed`', () => {
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const f1 = cold<F>('a-b----', { a: { timeS: 1 }, b: { timeS: 2 } });
      const f2 = cold<F>('c--', { c: { timeS: 5 } });
      const source = hot<Observable<F> | undefined>('-x----u--y--', { x: f1, u: undefined, y: f2 });
      expectObservable(source.pipe(followLive<F>('eeg'))).toBe('-a-b--g--(rc)', {
        a: { timeS: 1 },
        b: { timeS: 2 },
        g: gap('disconnected', 2),
        r: gap('resubscribed', 2),
        c: { timeS: 5 },
      });
      expectSubscriptions(f1.subscriptions).toBe('-^----!-----');
      expectSubscriptions(f2.subscriptions).toBe('---------^--');
    });
  });

  it('passes an error of the source or of the live frames through', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const failing = cold<F>('a-#', { a: { timeS: 1 } }, new Error('-32016'));
      expectObservable(hot<Observable<F> | undefined>('-x---', { x: failing }).pipe(followLive<F>('eeg'))).toBe(
        '-a-#',
        { a: { timeS: 1 } },
        new Error('-32016'),
      );
      expectObservable(
        cold<Observable<F> | undefined>('--#', undefined, new Error('SESSION_CLOSED')).pipe(followLive<F>('eeg')),
      ).toBe('--#', undefined, new Error('SESSION_CLOSED'));
    });
  });

  it('stops the live frames on early unsubscribe', () => {
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const frames = cold<F>('a-a-a-a-a', { a: { timeS: 1 } });
      const source = hot<Observable<F> | undefined>('x--------', { x: frames });
      expectObservable(source.pipe(followLive<F>('eeg')), '^----!').toBe('a-a-a-', { a: { timeS: 1 } });
      expectSubscriptions(frames.subscriptions).toBe('^----!');
    });
  });

  it('completes like switchAll: when the source and the live frames have both completed', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const a = { a: { timeS: 1 } };
      // The source completes first: the live frames still run to their end.
      expectObservable(
        cold<Observable<F> | undefined>('x|', { x: cold<F>('a--a|', a) }).pipe(followLive<F>('eeg')),
      ).toBe('a--a|', a);
      // The live frames complete first: the stream waits for the next live session or the source's end.
      expectObservable(
        cold<Observable<F> | undefined>('x-----|', { x: cold<F>('a|', a) }).pipe(followLive<F>('eeg')),
      ).toBe('a-----|', a);
      // Live frames that complete at once, then the source.
      expectObservable(cold<Observable<F> | undefined>('x-|', { x: cold<F>('|') }).pipe(followLive<F>('eeg'))).toBe(
        '--|',
      );
    });
  });

  it('switches at once when a new live session replaces one without a gap between them', () => {
    scheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const f1 = cold<F>('a-a-a-a', { a: { timeS: 1 } });
      const f2 = cold<F>('b---b', { b: { timeS: 2 } });
      const source = hot<Observable<F> | undefined>('x---y--', { x: f1, y: f2 });
      expectObservable(source.pipe(followLive<F>('eeg'))).toBe('a-a-(rb)b', {
        a: { timeS: 1 },
        b: { timeS: 2 },
        r: gap('resubscribed', 1),
      });
      expectSubscriptions(f1.subscriptions).toBe('^---!');
    });
  });

  it('an error thrown while mapping the source surfaces as an error', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold('-x-', { x: 1 }).pipe(
        map((): Observable<F> | undefined => {
          throw new Error('boom');
        }),
      );
      expectObservable(source.pipe(followLive<F>('eeg'))).toBe('-#', undefined, new Error('boom'));
    });
  });
});
