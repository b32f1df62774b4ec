/**
 * A fixed-capacity FIFO of multi-channel samples over one `Float64Array`, overwriting the oldest when full.
 *
 * Like a sliding window for `epoch`-style processing: push one frame (one value per channel) per sample, then
 * copy out the last `n` samples of a channel, oldest first, into a preallocated array. Storage is
 * channel-major, so a copy-out is a contiguous read (in at most two runs); nothing allocates after
 * construction when an `out` array is passed.
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
  /** `data[channel * capacity + slot]`. */
  private readonly data: Float64Array;
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

  /** Empties the buffer and resets `totalPushed` (the storage is kept, not reallocated). */
  clear(): void {
    this.head = 0;
    this.size = 0;
    this.pushed = 0;
  }
}
