/**
 * The label and value of an annotation text, the inverse of the exporter's `label=value`: the text is split at its
 * last `=`; an integer value becomes a number; a text without `=` is the label, with value `''`.
 *
 * ## Example
 * ```ts
 * annotationParts('stim_on=42'); // { label: 'stim_on', value: 42 }
 * annotationParts('Eyes closed'); // { label: 'Eyes closed', value: '' }
 * ```
 */
export function annotationParts(text: string): { label: string; value: string | number } {
  const at = text.lastIndexOf('=');
  if (at <= 0) return { label: text, value: '' };
  const value = text.slice(at + 1);
  return { label: text.slice(0, at), value: /^\d{1,15}$/.test(value) ? Number(value) : value };
}
