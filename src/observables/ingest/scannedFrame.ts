/**
 * What a value of a scanned data frame was (see {@link ScannedFrame}): a number (in `values`), `null`, `true`,
 * `false` or an empty array `[]` (an eeg sample's MARKERS column).
 * @internal
 */
export const SCANNED = { number: 0, null: 1, true: 2, false: 3, emptyArray: 4 } as const;

/**
 * The scratch a data frame is scanned into (`scanDataFrame`): one stream's values as doubles with their kinds,
 * `time`, and where the `sid` and the stream's name are in the frame's bytes. One per connection, reused for every
 * frame: the numbers never become JS values, and the frame decoders copy what they keep.
 *
 * ## Example
 * ```ts
 * const scan = new ScannedFrame();
 * scanDataFrame(Buffer.from('{"pow":[1,2],"sid":"s","time":1}'), 33, scan); // true; scan.count === 2
 * ```
 * @internal
 */
export class ScannedFrame {
  /** The values: `values[i]` holds value i when `kinds[i]` is `SCANNED.number`. */
  values = new Float64Array(64);
  kinds = new Uint8Array(64);
  count = 0;
  timeS = 0;
  /** The bytes of the frame and, in them, the sid's and the stream name's characters `[start, end)`. */
  bytes: Uint8Array = new Uint8Array(0);
  sidStart = 0;
  sidEnd = 0;
  streamStart = 0;
  streamEnd = 0;

  /** Appends one value. */
  push(kind: number, value: number): void {
    const n = this.count;
    if (n === this.kinds.length) {
      const values = new Float64Array(n * 2);
      values.set(this.values);
      const kinds = new Uint8Array(n * 2);
      kinds.set(this.kinds);
      this.values = values;
      this.kinds = kinds;
    }
    this.values[n] = value;
    this.kinds[n] = kind;
    this.count = n + 1;
  }

  /**
   * Value `i` as a sample number: the number when it is one and finite, else NaN (what `sampleNumber` makes of
   * the value `JSON.parse` would give: null, booleans, arrays, an overflowing literal and a missing column).
   */
  numberAt(i: number): number {
    if (i < 0 || i >= this.count || this.kinds[i] !== SCANNED.number) return NaN;
    const v = this.values[i];
    return v - v === 0 ? v : NaN;
  }

  /** The values as `JSON.parse` gives them (numbers, null, booleans, a fresh `[]`), for decoders with no scan form. */
  parsedValues(): unknown[] {
    const out: unknown[] = [];
    for (let i = 0; i < this.count; i++) {
      switch (this.kinds[i]) {
        case SCANNED.number:
          out.push(this.values[i]);
          break;
        case SCANNED.null:
          out.push(null);
          break;
        case SCANNED.true:
          out.push(true);
          break;
        case SCANNED.false:
          out.push(false);
          break;
        default:
          out.push([]);
      }
    }
    return out;
  }
}
