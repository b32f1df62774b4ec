import { arch, cpus, totalmem, type as osType, release } from 'os';

/** The `q`-quantile (0..1) of `values` by linear interpolation between order statistics; NaN when empty. */
export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Median, and the spread of `values` as `(max − min) / median` (a rough margin of error across rounds). */
export function summarize(values: readonly number[]): { median: number; min: number; max: number; spread: number } {
  const median = quantile(values, 0.5);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { median, min, max, spread: median > 0 ? (max - min) / median : NaN };
}

/** Rounds to `digits` significant digits, for tables and JSON. */
export function sig(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/** `12 345 678` → `12.3 M`, for tables. */
export function human(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${sig(value / 1e9)} G`;
  if (abs >= 1e6) return `${sig(value / 1e6)} M`;
  if (abs >= 1e3) return `${sig(value / 1e3)} k`;
  return String(sig(value));
}

/** What the results were measured on. */
export function machineInfo(): { cpu: string; cores: number; memoryGiB: number; os: string; arch: string } {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: sig(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    arch: arch(),
  };
}

/** Prints a progress line to stderr (the table goes to stdout). */
export function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** A markdown table. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  // A `|` inside a cell would end it: escape it.
  for (const row of rows) lines.push(`| ${row.map((cell) => String(cell).replace(/\|/g, '\\|')).join(' | ')} |`);
  return lines.join('\n');
}
