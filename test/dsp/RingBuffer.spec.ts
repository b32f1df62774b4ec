import { RingBuffer } from '../../src/dsp';

describe('RingBuffer', () => {
  it('keeps the last `capacity` samples of one channel, oldest first', () => {
    const ring = new RingBuffer(4);
    expect(ring.length).toBe(0);
    ring.push(1);
    ring.push(2);
    expect(ring.length).toBe(2);
    expect(Array.from(ring.copyLast(2))).toEqual([1, 2]);
    for (const v of [3, 4, 5, 6]) ring.push(v);
    expect(ring.length).toBe(4);
    expect(ring.totalPushed).toBe(6);
    expect(Array.from(ring.copyLast(4))).toEqual([3, 4, 5, 6]);
    expect(Array.from(ring.copyLast(3))).toEqual([4, 5, 6]);
    expect(Array.from(ring.copyLast(0))).toEqual([]);
  });

  it('stores multi-channel frames and copies one channel into out without allocating a result', () => {
    const ring = new RingBuffer(3, 2);
    for (let i = 0; i < 5; i++) ring.push(Float64Array.of(i, 100 + i));
    const out = new Float64Array(3);
    expect(ring.copyLast(3, 1, out)).toBe(out);
    expect(Array.from(out)).toEqual([102, 103, 104]);
    expect(Array.from(ring.copyLast(2, 0))).toEqual([3, 4]);
  });

  it('matches a plain array model over a long random sequence (wrap-around at every offset)', () => {
    const capacity = 7;
    const ring = new RingBuffer(capacity, 3);
    const model: number[][] = [];
    for (let i = 0; i < 100; i++) {
      const frame = [i, -i, i * i];
      ring.push(frame);
      model.push(frame);
      const n = Math.min(model.length, capacity, (i % capacity) + 1);
      for (let c = 0; c < 3; c++) {
        expect(Array.from(ring.copyLast(n, c))).toEqual(model.slice(-n).map((f) => f[c]));
      }
    }
  });

  it('keeps NaN as NaN', () => {
    const ring = new RingBuffer(2);
    ring.push(NaN);
    ring.push(1);
    expect(Array.from(ring.copyLast(2))).toEqual([NaN, 1]);
  });

  it('clear() empties it and restarts the sample count', () => {
    const ring = new RingBuffer(3);
    [1, 2, 3, 4].forEach((v) => ring.push(v));
    ring.clear();
    expect(ring.length).toBe(0);
    expect(ring.totalPushed).toBe(0);
    ring.push(9);
    expect(Array.from(ring.copyLast(1))).toEqual([9]);
    expect(() => ring.copyLast(2)).toThrow('count must be an integer in [0, 1] (length), got 2');
  });

  it('validates sizes, frames, channels and out', () => {
    expect(() => new RingBuffer(0)).toThrow('capacity must be a positive integer, got 0');
    expect(() => new RingBuffer(4, 1.5)).toThrow('channelCount must be a positive integer, got 1.5');
    const ring = new RingBuffer(4, 2);
    expect(() => ring.push(1)).toThrow('frame must have channelCount (2) values, got a number');
    expect(() => ring.push([1, 2, 3])).toThrow('frame must have channelCount (2) values, got 3');
    ring.push([1, 2]);
    expect(() => ring.copyLast(1, 2)).toThrow('channel must be an integer in [0, 1], got 2');
    expect(() => ring.copyLast(1, 0, new Float64Array(2))).toThrow('out must have length 1, got 2');
  });
});

describe('RingBuffer.copyFrames and snapshot', () => {
  /** The reference: every frame pushed since the last clear, kept in a plain array. */
  const model = (frames: number[][], from: number, count: number, channels: number): number[] => {
    const out: number[] = [];
    for (let c = 0; c < channels; c++) for (let i = 0; i < count; i++) out.push(frames[from + i][c]);
    return out;
  };

  it('copies any held run of frames, channel-major, as a plain array model does (wrap-around at every offset)', () => {
    const capacity = 5;
    const channels = 3;
    const ring = new RingBuffer(capacity, channels);
    const frames: number[][] = [];
    for (let n = 0; n < 17; n++) {
      const frame = [n, 100 + n, -n / 3];
      ring.push(frame);
      frames.push(frame);
      const oldest = Math.max(0, frames.length - capacity);
      for (let from = oldest; from <= frames.length; from++) {
        for (let count = 0; from + count <= frames.length; count++) {
          expect(Array.from(ring.copyFrames(from, count))).toEqual(model(frames, from, count, channels));
        }
      }
      if (frames.length >= capacity) {
        expect(Array.from(ring.snapshot())).toEqual(model(frames, frames.length - capacity, capacity, channels));
      }
    }
  });

  it('snapshot returns one array, overwritten by the next call, and keeps the ring intact after growing', () => {
    const ring = new RingBuffer(2, 2);
    ring.push([1, 10]);
    ring.push([2, 20]);
    const first = ring.snapshot();
    expect(Array.from(first)).toEqual([1, 2, 10, 20]);
    ring.push([3, 30]);
    expect(ring.snapshot()).toBe(first);
    expect(Array.from(first)).toEqual([2, 3, 20, 30]);
    expect(Array.from(ring.copyLast(2, 1))).toEqual([20, 30]);
  });

  it('copies into out, counts frames from the last clear, and keeps NaN', () => {
    const ring = new RingBuffer(3, 1);
    for (const v of [1, 2, 3, 4]) ring.push(v);
    ring.clear();
    ring.push(NaN);
    ring.push(7);
    const out = new Float64Array(2);
    expect(ring.copyFrames(0, 2, out)).toBe(out);
    expect(Array.from(out)).toEqual([NaN, 7]);
  });

  it('validates the frames, the count, out, and a full ring for snapshot', () => {
    const ring = new RingBuffer(3, 2);
    for (let n = 0; n < 5; n++) ring.push([n, n]);
    expect(() => ring.copyFrames(1, 2)).toThrow(
      new RangeError('fromFrame must be an integer in [2, 3] (the held frames), got 1'),
    );
    expect(() => ring.copyFrames(4, 2)).toThrow(
      new RangeError('fromFrame must be an integer in [2, 3] (the held frames), got 4'),
    );
    expect(() => ring.copyFrames(2, 4)).toThrow(new RangeError('count must be an integer in [0, 3] (length), got 4'));
    expect(() => ring.copyFrames(2, 2, new Float64Array(2))).toThrow(new RangeError('out must have length 4, got 2'));
    expect(() => new RingBuffer(3, 2).snapshot()).toThrow(
      new RangeError('snapshot needs a full ring (3 frames), got 0'),
    );
  });
});
