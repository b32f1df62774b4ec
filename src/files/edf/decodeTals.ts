/** One TAL of an EDF+ annotation signal: an onset, an optional duration, and the texts sharing them. */
export interface Tal {
  /** Seconds from the file's start (the header's start date/time). */
  readonly onsetS: number;
  readonly durationS?: number;
  readonly texts: readonly string[];
}

const ONSET = /^[+-]\d+(?:\.\d*)?$/;
const DURATION = /^\d+(?:\.\d*)?$/;

/**
 * Decodes the Time-stamped Annotations Lists of one data record's annotation bytes (EDF+ §2.2): `±onset[\x15duration]
 * \x14text\x14…\x00`, repeated, then zero padding. Lenient where writers differ: a TAL whose onset or duration is not a
 * number is skipped rather than failing the whole file; texts are UTF-8.
 *
 * ## Example
 * ```ts
 * decodeTals(Buffer.from('+0\x14\x14\x00+1.5\x150.2\x14stim=1\x14\x00\x00\x00'));
 * // [{ onsetS: 0, texts: [''] }, { onsetS: 1.5, durationS: 0.2, texts: ['stim=1'] }]
 * ```
 */
export function decodeTals(bytes: Uint8Array): Tal[] {
  const tals: Tal[] = [];
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] === 0) {
      i++;
      continue;
    }
    let end = i;
    while (end < bytes.length && bytes[end] !== 0) end++;
    const tal = Buffer.from(bytes.buffer, bytes.byteOffset + i, end - i).toString('utf8');
    i = end + 1;
    const parts = tal.split('\x14');
    const [onsetText, durationText] = (parts[0] ?? '').split('\x15');
    if (!ONSET.test(onsetText) || (durationText !== undefined && !DURATION.test(durationText))) continue;
    // The text after the last \x14 is empty in a well-formed TAL.
    const texts = parts.slice(1, parts.length > 1 && parts[parts.length - 1] === '' ? -1 : undefined);
    tals.push({
      onsetS: Number(onsetText),
      ...(durationText !== undefined && durationText !== '' ? { durationS: Number(durationText) } : {}),
      texts,
    });
  }
  return tals;
}
