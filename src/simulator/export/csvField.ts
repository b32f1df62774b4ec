/** Characters that force quoting (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Renders one CSV field per RFC 4180: quoted, with inner quotes doubled, when it holds a comma, a quote, CR or LF.
 *
 * ## Example
 * ```ts
 * csvField('stim_on');    // 'stim_on'
 * csvField('say "hi", x'); // '"say ""hi"", x"'
 * ```
 *
 * @param text the field's text.
 * @returns the field as it goes between the commas.
 */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
