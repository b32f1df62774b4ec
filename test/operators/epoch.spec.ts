import { from, Subject, toArray, lastValueFrom } from 'rxjs';
import { epoch, type Epoch, type Sample, type SampleEvent } from '../../src/operators';
import { dspScheduler, GAP, sample, syntheticSamples } from './operatorTestSupport';

/** Samples a..h: two channels `[i, 10·i]` at `timeS = i` (a = 1). */
const S: Record<string, SampleEvent> = Object.fromEntries(
  'abcdefgh'.split('').map((k, i) => [k, sample([i + 1, 10 * (i + 1)], i + 1, ['X', 'Y'])]),
);
const VALUES = { ...S, G: GAP };

/** The two-channel epoch of samples `first..first+len-1` (1-based, as in S). */
function expectedEpoch(first: number, len: number, startSampleIndex: number): Epoch {
  const idx = Array.from({ length: len }, (_, n) => first + n);
  return {
    data: Float64Array.from([...idx, ...idx.map((i) => 10 * i)]),
    channelCount: 2,
    lengthSamples: len,
    startTimeS: first,
    startSampleIndex,
    channels: ['X', 'Y'],
  };
}

describe('epoch (marble)', () => {
  it('never: emits nothing and stays subscribed', () => {
    dspScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<SampleEvent>('-');
      expectObservable(source.pipe(epoch({ lengthSamples: 3, hopSamples: 1 }))).toBe('-');
      expectSubscriptions(source.subscriptions).toBe('^');
    });
  });

  it('empty: completes', () => {
    dspScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<SampleEvent>('|');
      expectObservable(source.pipe(epoch({ lengthSamples: 3, hopSamples: 1 }))).toBe('|');
      expectSubscriptions(source.subscriptions).toBe('(^!)');
    });
  });

  it('single value: a one-sample window', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      const source = cold<SampleEvent>('-a-|', VALUES);
      expectObservable(source.pipe(epoch({ lengthSamples: 1, hopSamples: 1 }))).toBe('-x-|', {
        x: expectedEpoch(1, 1, 0),
      });
    });
  });

  it('fewer samples than lengthSamples: nothing, then complete', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold<SampleEvent>('-a-b-|', VALUES).pipe(epoch({ lengthSamples: 3, hopSamples: 1 }))).toBe(
        '-----|',
      );
    });
  });

  it('many values: the first window after lengthSamples, then one every hopSamples', () => {
    dspScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<SampleEvent>('-a-b-c-d-e-f-g-|', VALUES);
      expectObservable(source.pipe(epoch({ lengthSamples: 3, hopSamples: 2 }))).toBe('-----x---y---z-|', {
        x: expectedEpoch(1, 3, 0),
        y: expectedEpoch(3, 3, 2),
        z: expectedEpoch(5, 3, 4),
      });
      expectSubscriptions(source.subscriptions).toBe('^--------------!');
    });
  });

  it('hopSamples > lengthSamples skips samples between windows', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      const source = cold<SampleEvent>('abcdefgh|', VALUES);
      expectObservable(source.pipe(epoch({ lengthSamples: 2, hopSamples: 3 }))).toBe('-x--y--z|', {
        x: expectedEpoch(1, 2, 0),
        y: expectedEpoch(4, 2, 3),
        z: expectedEpoch(7, 2, 6),
      });
    });
  });

  it('a gap empties the buffer and is not emitted: no window spans it; sample indices keep counting', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      const source = cold<SampleEvent>('-a-b-G-c-d-e-|', VALUES);
      expectObservable(source.pipe(epoch({ lengthSamples: 2, hopSamples: 1 }))).toBe('---x-----y-z-|', {
        x: expectedEpoch(1, 2, 0),
        y: expectedEpoch(3, 2, 2),
        z: expectedEpoch(4, 2, 3),
      });
    });
  });

  it('passes an error through, after the windows before it', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      const source = cold<SampleEvent>('-a-b-#', VALUES, new Error('socket'));
      expectObservable(source.pipe(epoch({ lengthSamples: 2, hopSamples: 1 }))).toBe(
        '---x-#',
        { x: expectedEpoch(1, 2, 0) },
        new Error('socket'),
      );
    });
  });

  it('early unsubscribe unsubscribes the source', () => {
    dspScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold<SampleEvent>('-a-b-c-d-e-f-g-', VALUES);
      expectObservable(source.pipe(epoch({ lengthSamples: 2, hopSamples: 2 })), '^------!').toBe('---x---', {
        x: expectedEpoch(1, 2, 0),
      });
      expectSubscriptions(source.subscriptions).toBe('^------!');
    });
  });

  it('keeps separate buffers per subscription (a late subscriber starts empty)', () => {
    dspScheduler().run(({ hot, expectObservable }) => {
      const source = hot<SampleEvent>('-a-b-c-d-e-|', VALUES);
      const epochs = source.pipe(epoch({ lengthSamples: 3, hopSamples: 1 }));
      expectObservable(epochs).toBe('-----x-y-z-|', {
        x: expectedEpoch(1, 3, 0),
        y: expectedEpoch(2, 3, 1),
        z: expectedEpoch(3, 3, 2),
      });
      expectObservable(epochs, '----^').toBe('---------z-|', { z: expectedEpoch(3, 3, 0) });
    });
  });

  it('errors with a precise message when a sample has another channel count', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      const bad = sample([1, 2, 3], 2);
      const source = cold<SampleEvent>('-a-b-c-', { ...VALUES, b: bad });
      expectObservable(source.pipe(epoch({ lengthSamples: 2, hopSamples: 1 }))).toBe(
        '---#',
        undefined,
        new RangeError('sample 1 has 3 values, expected 2 (the channel count of the first sample)'),
      );
    });
  });

  it('omits channels when the samples have none, and copies NaN as it is', () => {
    dspScheduler().run(({ cold, expectObservable }) => {
      const source = cold<SampleEvent>('ab|', { a: sample([NaN], 1), b: sample([2], 2) });
      expectObservable(source.pipe(epoch({ lengthSamples: 2, hopSamples: 1 }))).toBe('-x|', {
        x: { data: Float64Array.of(NaN, 2), channelCount: 1, lengthSamples: 2, startTimeS: 1, startSampleIndex: 0 },
      });
    });
  });

  it.each([
    [{ lengthSamples: 0, hopSamples: 1 }, 'lengthSamples must be a positive integer, got 0'],
    [{ lengthSamples: 1.5, hopSamples: 1 }, 'lengthSamples must be a positive integer, got 1.5'],
    [{ lengthSamples: NaN, hopSamples: 1 }, 'lengthSamples must be a positive integer, got NaN'],
    [{ lengthSamples: 4, hopSamples: -1 }, 'hopSamples must be a positive integer, got -1'],
    [{ lengthSamples: 4, hopSamples: 0 }, 'hopSamples must be a positive integer, got 0'],
    [{ lengthSamples: 4, hopSamples: 1, copy: 'yes' as unknown as boolean }, 'copy must be a boolean, got yes'],
  ])('throws synchronously on bad config %j', (config, message) => {
    expect(() => epoch(config)).toThrow(new RangeError(message));
  });
});

describe('epoch buffers', () => {
  it('copy: true (default) emits a fresh array per window, safe to keep', () => {
    const input = new Subject<SampleEvent>();
    const seen: Epoch[] = [];
    input.pipe(epoch({ lengthSamples: 2, hopSamples: 1 })).subscribe((e) => seen.push(e));
    for (const k of 'abcd') input.next(S[k]);
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((e) => e.data)).size).toBe(3);
    expect(Array.from(seen[0].data)).toEqual([1, 2, 10, 20]);
    expect(Array.from(seen[2].data)).toEqual([3, 4, 30, 40]);
  });

  it('copy: false reuses one array, overwritten by the next window', () => {
    const input = new Subject<SampleEvent>();
    const seen: Epoch[] = [];
    const snapshots: number[][] = [];
    input.pipe(epoch({ lengthSamples: 2, hopSamples: 1, copy: false })).subscribe((e) => {
      seen.push(e);
      snapshots.push(Array.from(e.data));
    });
    for (const k of 'abcd') input.next(S[k]);
    expect(new Set(seen.map((e) => e.data)).size).toBe(1);
    expect(snapshots).toEqual([
      [1, 2, 10, 20],
      [2, 3, 20, 30],
      [3, 4, 30, 40],
    ]);
    expect(Array.from(seen[0].data)).toEqual([3, 4, 30, 40]); // overwritten
  });

  it('matches slicing the input directly on 14 channels, 512 / 128', async () => {
    const samples: Sample[] = syntheticSamples(2000, 14, 256, 5);
    const epochs = await lastValueFrom(from(samples).pipe(epoch({ lengthSamples: 512, hopSamples: 128 }), toArray()));
    expect(epochs).toHaveLength(Math.floor((2000 - 512) / 128) + 1);
    epochs.forEach((e, i) => {
      const start = i * 128;
      expect(e.startSampleIndex).toBe(start);
      expect(e.startTimeS).toBe(samples[start].timeS);
      const expected = new Float64Array(14 * 512);
      for (let c = 0; c < 14; c++) for (let n = 0; n < 512; n++) expected[c * 512 + n] = samples[start + n].values[c];
      expect(e.data.length).toBe(expected.length);
      expect(e.data.findIndex((v, j) => v !== expected[j])).toBe(-1);
    });
  });
});
