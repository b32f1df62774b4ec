/** Frames per block of `Float64Slab`: one allocation per 256 frames (one second of eeg) instead of one per frame. */
const SLAB_FRAMES = 256;

/**
 * Hands out `Float64Array` views of `width` values, cut from blocks of `SLAB_FRAMES` rows. A `Float64Array(14)`
 * (112 bytes) is over V8's limit for on-heap typed arrays, so each one would malloc its own backing store; a
 * view of a shared block is a small heap object. A block is dropped by the slab when it is used up and freed by
 * the GC once no frame that views it is held.
 *
 * ## Example
 * ```ts
 * const slab = new Float64Slab(14);
 * const row = slab.take(); // a Float64Array(14) viewing a block of 256 rows
 * ```
 * @internal
 */
export class Float64Slab {
  private block: Float64Array;
  private used = SLAB_FRAMES;

  constructor(private readonly width: number) {
    this.block = new Float64Array(0);
  }

  /** The next unused row of the current block (a new block when this one is used up). */
  take(): Float64Array {
    if (this.used === SLAB_FRAMES) {
      this.block = new Float64Array(SLAB_FRAMES * this.width);
      this.used = 0;
    }
    const start = this.used++ * this.width;
    return this.block.subarray(start, start + this.width);
  }
}
