/**
 * Splits one RFC 4180 CSV line (quoted fields may hold commas and doubled quotes).
 *
 * ## Example
 * ```ts
 * splitCsvLine('1.5,"a, ""b""",3'); // ['1.5', 'a, "b"', '3']
 * ```
 */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}
