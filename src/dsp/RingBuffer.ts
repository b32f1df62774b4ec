/**
 * A fixed-capacity FIFO of multi-channel samples over one `Float64Array`, overwriting the oldest when full.
 *
 * Like a sliding window for `epoch`-style processing: push one frame (one value per channel) per sample, then
 * copy out the last `n` samples of a channel (`copyLast`) or a run of frames of every channel (`copyFrames`, what
 * the `epochsAround` operator cuts its epochs with), oldest first, into a preallocated array, or read the whole ring
 * as one shared window (`snapshot`, what the `epoch` operator uses). Storage is channel-major, so a copy-out is a contiguous read (in at
 * most two runs per channel); nothing allocates after construction when an `out` array is passed (and after the
 * first `snapshot`).
 *
 * NaN policy: values are stored and returned as-is; NaN gaps stay NaN.
 *
 * ## Example
 * ```ts
 * import { RingBuffer, welchPsd } from 'cortex-rx/dsp';
 *
 * const history = new RingBuffer(256, 14); // 2 s of 14-channel EEG at 128 Hz
 * history.push(sampleUv); // a 14-value frame, once per sample
 * const o1 = new Float64Array(256);
 * if (history.length === 256) history.copyLast(256, 6, o1); // channel 6 = O1, oldest first
 * ```
 */
export class RingBuffer {
  /** Maximum number of samples (frames) held. */
  readonly capacity: number;
  /** Values per frame. */
  readonly channelCount: number;
  /** `data[channel * capacity + slot]`; after the first `snapshot()`, followed by the snapshot's region. */
  private data: Float64Array;
  /** The `snapshot()` view (`data`'s second half), made on the first call. */
  private snapshotView: Float64Array | null = null;
  /** Slot the next frame is written to. */
  private head = 0;
  private size = 0;
  private pushed = 0;

  /**
   * @param capacity maximum number of frames kept, a positive integer.
   * @param channelCount values per frame, a positive integer. Defaults to 1.
   * @throws RangeError on a non-positive or non-integer size.
   */
  constructor(capacity: number, channelCount = 1) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
    if (!Number.isSafeInteger(channelCount) || channelCount < 1) {
      throw new RangeError(`channelCount must be a positive integer, got ${channelCount}`);
    }
    this.capacity = capacity;
    this.channelCount = channelCount;
    this.data = new Float64Array(capacity * channelCount);
  }

  /** Number of frames currently held, `min(totalPushed, capacity)`. */
  get length(): number {
    return this.size;
  }

  /** Frames pushed since construction or the last `clear()`, including overwritten ones: a sample index. */
  get totalPushed(): number {
    return this.pushed;
  }

  /**
   * Appends one frame, overwriting the oldest frame when full.
   *
   * @param frame `channelCount` values (a number is accepted when `channelCount` is 1).
   * @throws RangeError when the frame has the wrong number of values.
   */
  push(frame: number | ArrayLike<number>): void {
    const { capacity, channelCount, data, head } = this;
    if (typeof frame === 'number') {
      if (channelCount !== 1) {
        throw new RangeError(`frame must have channelCount (${channelCount}) values, got a number`);
      }
      data[head] = frame;
    } else {
      if (frame.length !== channelCount) {
        throw new RangeError(`frame must have channelCount (${channelCount}) values, got ${frame.length}`);
      }
      for (let c = 0; c < channelCount; c++) data[c * capacity + head] = frame[c];
    }
    this.head = head + 1 === capacity ? 0 : head + 1;
    if (this.size < capacity) this.size++;
    this.pushed++;
  }

  /**
   * Copies the last `count` samples of `channel`, oldest first, into `out` (or a new array).
   *
   * @param count samples to copy, `0 <= count <= length`.
   * @param channel channel index in `0..channelCount-1`. Defaults to 0.
   * @param out optional destination of length `count`.
   * @returns `out`, or a new array of `count` samples.
   * @throws RangeError when `count` exceeds `length`, the channel is out of range, or `out` has the wrong length.
   */
  copyLast(count: number, channel = 0, out?: Float64Array): Float64Array {
    if (!Number.isInteger(count) || count < 0 || count > this.size) {
      throw new RangeError(`count must be an integer in [0, ${this.size}] (length), got ${count}`);
    }
    if (!Number.isInteger(channel) || channel < 0 || channel >= this.channelCount) {
      throw new RangeError(`channel must be an integer in [0, ${this.channelCount - 1}], got ${channel}`);
    }
    if (out !== undefined && out.length !== count) {
      throw new RangeError(`out must have length ${count}, got ${out.length}`);
    }
    const result = out ?? new Float64Array(count);
    const { capacity, data } = this;
    const base = channel * capacity;
    let slot = this.head - count;
    if (slot < 0) slot += capacity;
    for (let i = 0; i < count; i++) {
      result[i] = data[base + slot];
      slot = slot + 1 === capacity ? 0 : slot + 1;
    }
    return result;
  }

  /**
   * Copies `count` consecutive frames of every channel, from frame `fromFrame` on, into `out` (or a new array),
   * channel-major and oldest first: `out[c · count + i]` is channel `c` of frame `fromFrame + i`. Frames are
   * numbered like `totalPushed` (0 is the first frame pushed since construction or the last `clear()`), and only
   * the last `length` of them are held. Allocates nothing when `out` is given.
   *
   * @param fromFrame first frame to copy, an integer in `[totalPushed − length, totalPushed − count]`.
   * @param count frames to copy, an integer in `[0, length]`.
   * @param out optional destination of length `count · channelCount`.
   * @returns `out`, or a new array of `count · channelCount` values.
   * @throws RangeError when the frames are not all held, or `out` has the wrong length.
   */
  copyFrames(fromFrame: number, count: number, out?: Float64Array): Float64Array {
    const oldest = this.pushed - this.size;
    if (!Number.isInteger(count) || count < 0 || count > this.size) {
      throw new RangeError(`count must be an integer in [0, ${this.size}] (length), got ${count}`);
    }
    if (!Number.isInteger(fromFrame) || fromFrame < oldest || fromFrame + count > this.pushed) {
      throw new RangeError(
        `fromFrame must be an integer in [${oldest}, ${this.pushed - count}] (the held frames), got ${fromFrame}`,
      );
    }
    const { capacity, channelCount, data } = this;
    if (out !== undefined && out.length !== count * channelCount) {
      throw new RangeError(`out must have length ${count * channelCount}, got ${out.length}`);
    }
    const result = out ?? new Float64Array(count * channelCount);
    // The slot of frame i is i mod capacity (the head starts at slot 0 and wraps); at most two runs per channel.
    const slot = fromFrame % capacity;
    const firstRun = Math.min(count, capacity - slot);
    for (let c = 0; c < channelCount; c++) {
      const base = c * capacity;
      let o = c * count;
      for (let s = base + slot, end = base + slot + firstRun; s < end; s++) result[o++] = data[s];
      for (let s = base, end = base + count - firstRun; s < end; s++) result[o++] = data[s];
    }
    return result;
  }

  /**
   * The whole ring, channel-major and oldest first (`[c · capacity + i]`, as `copyFrames(totalPushed − capacity,
   * capacity)` gives it), in one array owned by the buffer and overwritten by the next call: the zero-allocation
   * read of a sliding window. The storage grows to hold it on the first call; after that a call allocates nothing
   * and copies with `copyWithin` (a native memmove, two runs per channel), several times faster than an element
   * loop into another array.
   *
   * @returns the same array on every call (read it before the next call, or copy it).
   * @throws RangeError when the ring is not full (`length < capacity`).
   */
  snapshot(): Float64Array {
    const { capacity, channelCount, head } = this;
    if (this.size < capacity) {
      throw new RangeError(`snapshot needs a full ring (${capacity} frames), got ${this.size}`);
    }
    const ringValues = capacity * channelCount;
    if (this.snapshotView === null) {
      const storage = new Float64Array(2 * ringValues);
      storage.set(this.data);
      this.data = storage;
      this.snapshotView = storage.subarray(ringValues);
    }
    const data = this.data;
    // The ring is full, so the oldest frame is at `head`: slots head..capacity-1, then 0..head-1.
    const tail = capacity - head;
    for (let c = 0; c < channelCount; c++) {
      const base = c * capacity;
      data.copyWithin(ringValues + base, base + head, base + capacity);
      if (head > 0) data.copyWithin(ringValues + base + tail, base, base + head);
    }
    return this.snapshotView;
  }

  /** Empties the buffer and resets `totalPushed` (the storage is kept, not reallocated). */
  clear(): void {
    this.head = 0;
    this.size = 0;
    this.pushed = 0;
  }
}
