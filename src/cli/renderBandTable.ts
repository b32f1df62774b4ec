/** What one refresh of the live view shows. */
export interface BandTable {
  readonly channels: readonly string[];
  readonly bandNames: readonly string[];
  /** Relative power (0–1), channel-major: `[c * bandCount + b]`. */
  readonly relative: ArrayLike<number>;
  /** A status line (headset, rate, elapsed time). */
  readonly title: string;
  /** A line under the title, e.g. "no data from EPOCX-… for 3 s" while the headset is silent. */
  readonly notice?: string;
}

const BAR_WIDTH = 12;
const BLOCKS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

function bar(fraction: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * BAR_WIDTH * 8);
  return ('█'.repeat(Math.floor(eighths / 8)) + BLOCKS[eighths % 8]).padEnd(BAR_WIDTH, ' ');
}

/**
 * Renders the live band-power view: one row per channel, the relative power of each band as a percentage, a bar
 * for the dominant band, and the dominant band's name. With `color`, the dominant band is highlighted.
 *
 * ## Example
 * ```ts
 * import { renderBandTable } from './renderBandTable'; // inside src/cli: the command line is the public face
 * console.log(renderBandTable({ title: 'demo', channels: ['O1'], bandNames: ['theta', 'alpha'], relative: [0.2, 0.8] }, false));
 * ```
 */
export function renderBandTable(table: BandTable, color: boolean): string {
  const { channels, bandNames, relative } = table;
  const bands = bandNames.length;
  const highlight = (s: string) => (color ? `\x1b[1;32m${s}\x1b[0m` : s);
  const header = `${'channel'.padEnd(8)}${bandNames.map((b) => b.padStart(7)).join('')}   dominant`;
  const lines = table.notice === undefined ? [table.title, header] : [table.title, table.notice, header];
  channels.forEach((name, c) => {
    let best = 0;
    for (let b = 1; b < bands; b++) if (relative[c * bands + b] > relative[c * bands + best]) best = b;
    const cells = bandNames.map((_, b) => {
      const v = relative[c * bands + b];
      const text = (Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : '–').padStart(7);
      return b === best ? highlight(text) : text;
    });
    lines.push(`${name.padEnd(8)}${cells.join('')}   ${bar(relative[c * bands + best])} ${bandNames[best]}`);
  });
  return lines.join('\n');
}
