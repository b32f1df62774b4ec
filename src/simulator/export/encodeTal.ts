/** EDF+ TAL delimiters (EDF+ §2.2.2): 21 before a duration, 20 after the onset/duration and after each text, 0 at the end. */
const DURATION_MARK = 0x15;
const TEXT_END = 0x14;
const TAL_END = 0x00;
const US_PER_S = 1_000_000;

/** Seconds text of a whole number of microseconds: no exponent, no trailing zeros (`1.5`, `12`, `0.000001`). */
function secondsText(us: number): string {
  const abs = Math.abs(us);
  const whole = Math.floor(abs / US_PER_S);
  const fraction = abs - whole * US_PER_S;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`;
}

/**
 * Encodes one EDF+ Time-stamped Annotations List: `±onset[\x15duration]\x14text\x14...\x00`.
 *
 * Like the TAL grammar of EDF+ §2.2.2, with times given as whole microseconds so the decimal text is exact.
 * The time-keeping TAL that starts every data record is `encodeTal(recordOnsetUs, undefined, [''])` (an empty first
 * annotation). Control characters in the texts (including TAB, CR, LF, which some readers' parsers mishandle) become
 * spaces; texts are UTF-8, as EDF+ allows.
 *
 * ## Example
 * ```ts
 * encodeTal(0, undefined, ['']);          // '+0\x14\x14\x00' (time keeping of the first record)
 * encodeTal(2_529_000, 500_000, ['stim']); // '+2.529\x150.5\x14stim\x14\x00'
 * ```
 *
 * @param onsetUs onset relative to the file start (microseconds, integer, any sign).
 * @param durationUs duration (microseconds, integer, > 0), or undefined for none.
 * @param texts the annotations sharing this onset.
 * @returns the TAL bytes.
 * @throws RangeError for a non-integer time or a non-positive duration.
 */
export function encodeTal(onsetUs: number, durationUs: number | undefined, texts: readonly string[]): Buffer {
  if (!Number.isSafeInteger(onsetUs)) throw new RangeError(`encodeTal: onsetUs must be an integer, got ${onsetUs}`);
  if (durationUs !== undefined && !(Number.isSafeInteger(durationUs) && durationUs > 0)) {
    throw new RangeError(`encodeTal: durationUs must be a positive integer, got ${durationUs}`);
  }
  const parts: Buffer[] = [Buffer.from(`${onsetUs < 0 ? '-' : '+'}${secondsText(onsetUs)}`, 'ascii')];
  if (durationUs !== undefined) parts.push(Buffer.from([DURATION_MARK]), Buffer.from(secondsText(durationUs), 'ascii'));
  parts.push(Buffer.from([TEXT_END]));
  for (const text of texts) {
    // eslint-disable-next-line no-control-regex -- control characters are exactly what a TAL text must not hold
    parts.push(Buffer.from(text.replace(/[\u0000-\u001f\u007f]/g, ' '), 'utf8'), Buffer.from([TEXT_END]));
  }
  parts.push(Buffer.from([TAL_END]));
  return Buffer.concat(parts);
}
