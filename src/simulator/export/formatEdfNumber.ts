/**
 * How {@link formatEdfNumber} rounds when the number has more digits than the field holds.
 *
 * ## Example
 * ```ts
 * const rounding: EdfRounding = 'down'; // for a physical minimum
 * ```
 */
export type EdfRounding = 'nearest' | 'down' | 'up';

/**
 * Renders a number in at most `width` characters for an EDF header field, with as many decimals as fit.
 *
 * Like `toFixed`, but the number of decimals is the largest that fits the field, trailing zeros are dropped, there
 * is never an exponent nor a digit-grouping symbol (the EDF specification forbids both), and the rounding direction
 * can be forced: a physical minimum is rounded `down` and a maximum `up`, so the rendered range still covers the data.
 *
 * ## Example
 * ```ts
 * formatEdfNumber(4123.45678, 8, 'down'); // '4123.456'
 * formatEdfNumber(-8400.123, 8, 'down');  // '-8400.13'
 * formatEdfNumber(32767);                 // '32767'
 * ```
 *
 * @param value the number (finite).
 * @param [width=8] the field width (characters).
 * @param [rounding='nearest'] the rounding direction when digits must be dropped.
 * @returns the text, at most `width` characters.
 * @throws RangeError when the number is not finite or its integer part alone does not fit.
 */
export function formatEdfNumber(value: number, width = 8, rounding: EdfRounding = 'nearest'): string {
  if (!Number.isFinite(value)) throw new RangeError(`formatEdfNumber: value must be finite, got ${value}`);
  const round = rounding === 'down' ? Math.floor : rounding === 'up' ? Math.ceil : Math.round;
  for (let decimals = Math.max(0, width - 2); decimals >= 0; decimals--) {
    const scale = 10 ** decimals;
    const rounded = round(value * scale) / scale;
    let text = rounded.toFixed(decimals);
    if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
    if (text === '-0') text = '0';
    if (text.length <= width && !text.includes('e')) return text;
  }
  throw new RangeError(`formatEdfNumber: ${value} does not fit in ${width} characters`);
}
