import { TestScheduler } from 'rxjs/testing';
import { KeyedLatch } from '../../../src/observables/connection/keyedLatch';
import { latchKeyText, type LatchKey } from '../../../src/observables/connection/latchKey';

const SESSION: LatchKey = { kind: 'session', headsetId: 'INSIGHT-1' };
const STREAM: LatchKey = { kind: 'stream', sessionId: 's1', stream: 'eeg' };
const RECORD: LatchKey = { kind: 'record', sessionId: 's1' };

describe('latchKeyText', () => {
  it('gives equal keys equal text and different keys different text', () => {
    expect(latchKeyText({ kind: 'stream', sessionId: 's1', stream: 'eeg' })).toBe(latchKeyText(STREAM));
    const texts = [
      SESSION,
      STREAM,
      RECORD,
      { kind: 'stream', sessionId: 's1', stream: 'pow' },
      { kind: 'stream', sessionId: 's2', stream: 'eeg' },
      { kind: 'session', headsetId: 's1' },
      { kind: 'record', sessionId: 'INSIGHT-1' },
    ].map((k) => latchKeyText(k as LatchKey));
    expect(new Set(texts).size).toBe(texts.length);
  });
});

describe('KeyedLatch (marble)', () => {
  let scheduler: TestScheduler;
  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('settles at once on a key nothing holds', () => {
    scheduler.run(({ expectObservable }) => {
      const latch = new KeyedLatch(100);
      expectObservable(latch.settled(SESSION)).toBe('(s|)', { s: undefined });
      expect(latch.size).toBe(0);
    });
  });

  it('waits for every hold of the key to be released (twice released counts once); other keys are free', () => {
    scheduler.run(({ expectObservable, cold }) => {
      const latch = new KeyedLatch(100);
      const a = latch.hold(STREAM);
      const b = latch.hold(STREAM);
      cold('--x').subscribe(() => {
        a();
        a();
      });
      cold('-----x').subscribe(() => b());
      expectObservable(latch.settled(STREAM)).toBe('-----(s|)', { s: undefined });
      expectObservable(latch.settled(RECORD)).toBe('(s|)', { s: undefined });
      expect(latch.size).toBe(1);
    });
  });

  it('gives up waiting after settleTimeoutMs: a cleanup that is never answered delays, never blocks', () => {
    scheduler.run(({ expectObservable }) => {
      const latch = new KeyedLatch(10);
      latch.hold(SESSION);
      expectObservable(latch.settled(SESSION)).toBe('10ms (s|)', { s: undefined });
    });
  });

  it('holds the key of a cleanup until its work completes or errors, then tells the observer', () => {
    scheduler.run(({ expectObservable, cold }) => {
      const latch = new KeyedLatch(100);
      const done: string[] = [];
      latch.cleanup(SESSION, cold('---|'), { complete: () => done.push('complete') });
      latch.cleanup(RECORD, cold('-#'), { error: () => done.push('error') });
      expectObservable(latch.settled(SESSION)).toBe('---(s|)', { s: undefined });
      expectObservable(latch.settled(RECORD)).toBe('-(s|)', { s: undefined });
      scheduler.flush();
      expect(done).toEqual(['error', 'complete']);
      expect(latch.size).toBe(0);
    });
  });

  it('releaseAll frees every waiter (the socket closed)', () => {
    scheduler.run(({ expectObservable, cold }) => {
      const latch = new KeyedLatch(100);
      latch.hold(SESSION);
      latch.hold(STREAM);
      cold('--x').subscribe(() => latch.releaseAll());
      expectObservable(latch.settled(SESSION)).toBe('--(s|)', { s: undefined });
      expectObservable(latch.settled(STREAM)).toBe('--(s|)', { s: undefined });
    });
  });
});
