import { Subject, asyncScheduler, take, type SchedulerLike, type Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { StreamGap } from '../../../src';
import { detectStall } from '../../../src/observables/session/detectStall';
import { stallTimeoutFor } from '../../../src/observables/session/stallTimeoutFor';

interface F {
  readonly _tag: 'eeg';
  readonly timeS: number;
}
type E = F | StreamGap;

const f = (timeS: number): F => ({ _tag: 'eeg', timeS });
const gap = (reason: StreamGap['reason'], lastTimeS: number | undefined): StreamGap => ({
  _tag: 'gap',
  stream: 'eeg',
  reason,
  lastTimeS,
});
const stall5 = () => detectStall<F>('eeg', () => 5);

describe('detectStall (marble)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('passes never, empty and an error through, and emits nothing before a first frame', () => {
    scheduler.run(({ cold, expectObservable }) => {
      expectObservable(cold<E>('-').pipe(stall5())).toBe('-');
      expectObservable(cold<E>('|').pipe(stall5())).toBe('|');
      expectObservable(cold<E>('--#').pipe(stall5())).toBe('--#');
      expectObservable(cold<E>('-----------').pipe(stall5())).toBe('-----------');
    });
  });

  it('emits `stalled` once after the timeout without frames, and `resumed` before the next frame', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold<E>('a-b------------c----d-|', { a: f(1), b: f(2), c: f(3), d: f(4) });
      expectObservable(source.pipe(stall5())).toBe('a-b----s-------(rc)-d-|', {
        a: f(1),
        b: f(2),
        s: gap('stalled', 2),
        r: gap('resumed', 2),
        c: f(3),
        d: f(4),
      });
    });
  });

  it('frames closer than the timeout never stall', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold<E>('a---b---c---d---|', { a: f(1), b: f(2), c: f(3), d: f(4) });
      expectObservable(source.pipe(stall5())).toBe('a---b---c---d---|', { a: f(1), b: f(2), c: f(3), d: f(4) });
    });
  });

  it('a `disconnected` gap stops the watch; a `resubscribed` gap starts it again', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const d = gap('disconnected', 1);
      const u = gap('resubscribed', 1);
      const source = cold<E>('a-d---------u--------', { a: f(1), d, u });
      expectObservable(source.pipe(stall5())).toBe('a-d---------u----s---', { a: f(1), d, u, s: gap('stalled', 1) });
    });
  });

  it('a timeout of 0 turns detection off', () => {
    scheduler.run(({ cold, expectObservable }) => {
      const source = cold<E>('a----------b|', { a: f(1), b: f(2) });
      expectObservable(source.pipe(detectStall<F>('eeg', () => 0))).toBe('a----------b|', { a: f(1), b: f(2) });
    });
  });

  it('a consumer that leaves on a frame (take) leaves no check scheduled', () => {
    const checks: Subscription[] = [];
    const counting: SchedulerLike = {
      now: () => asyncScheduler.now(),
      schedule: (...args: Parameters<SchedulerLike['schedule']>) => {
        const s = asyncScheduler.schedule(...args);
        checks.push(s);
        return s;
      },
    };
    const frames = new Subject<E>();
    const seen: E[] = [];
    frames
      .pipe(
        detectStall<F>('eeg', () => 60_000, counting),
        take(2),
      )
      .subscribe((e) => seen.push(e));
    frames.next(f(1));
    frames.next(f(2));
    expect(seen).toEqual([f(1), f(2)]);
    expect(checks.length).toBeGreaterThan(0);
    expect(checks.every((s) => s.closed)).toBe(true);
  });

  it('early unsubscribe cancels the pending check', () => {
    scheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<E>('a---------', { a: f(1) });
      expectObservable(source.pipe(stall5()), '--!').toBe('a-', { a: f(1) });
      expectSubscriptions(source.subscriptions).toBe('^-!');
    });
  });
});

describe('stallTimeoutFor', () => {
  it('gives each stream its default, the configured value, and never for sys', () => {
    expect(stallTimeoutFor('eeg', undefined)(undefined)).toBe(1000);
    expect(stallTimeoutFor('dev', undefined)(undefined)).toBe(2000);
    expect(stallTimeoutFor('eeg', 300)(undefined)).toBe(300);
    expect(stallTimeoutFor('sys', 300)(undefined)).toBe(0);
  });

  it('follows the met rate: 25 s until frames come at 2 Hz, then 2 s', () => {
    const met = stallTimeoutFor('met', undefined);
    expect(met(undefined)).toBe(25_000);
    expect(met(10_000)).toBe(25_000);
    expect(met(500)).toBe(2000);
  });
});
