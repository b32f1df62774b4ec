import { readFileSync } from 'fs';
import type { EegCapture } from '../observables/collect';
import type { MarkerEvent } from '../operators/markerEvent';
import { splitCsvLine } from '../files/csv/splitCsvLine';

const NON_CHANNEL = new Set(['COUNTER', 'INTERPOLATED', 'RAW_CQ', 'MARKER_HARDWARE']);

/**
 * Reads a cortex-rx CSV export back (the simulator's `exportRecord` format: `<stem>_EEG.csv` with a
 * `Timestamp,<columns>` header, V1 or V2 column names, and the optional `<stem>_markers.csv`) into an
 * {@link EegCapture}. Empty fields are NaN.
 *
 * ## Example
 * ```ts
 * import { readCsvExport } from 'cortex-rx/plot';
 * const capture = readCsvExport('out/run_1234_EEG.csv', 'out/run_1234_markers.csv');
 * ```
 */
export function readCsvExport(eegCsvPath: string, markersCsvPath?: string): EegCapture {
  const lines = readFileSync(eegCsvPath, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  if (lines.length < 2) throw new Error(`${eegCsvPath}: no samples`);
  const header = splitCsvLine(lines[0]);
  if (header[0] !== 'Timestamp')
    throw new Error(`${eegCsvPath}: the first column must be Timestamp, got "${header[0]}"`);
  const names = header.map((h) => h.replace(/^EEG\./, ''));
  const channelCols = names.flatMap((name, i) => (i > 0 && !NON_CHANNEL.has(name) ? [i] : []));
  const n = lines.length - 1;
  const timesS = new Float64Array(n);
  const data = new Float64Array(channelCols.length * n);
  for (let i = 0; i < n; i++) {
    const fields = splitCsvLine(lines[i + 1]);
    timesS[i] = Number(fields[0]);
    channelCols.forEach((col, c) => {
      data[c * n + i] = fields[col] === '' || fields[col] === undefined ? NaN : Number(fields[col]);
    });
  }
  const markers: MarkerEvent[] = [];
  if (markersCsvPath) {
    const mLines = readFileSync(markersCsvPath, 'utf8')
      .split(/\r?\n/)
      .filter((l) => l.length > 0);
    const mHeader = splitCsvLine(mLines[0]);
    const at = (name: string) => mHeader.indexOf(name);
    for (const line of mLines.slice(1)) {
      const f = splitCsvLine(line);
      const value = f[at('value')];
      markers.push({
        timeS: Number(f[at('startTimeS')]),
        label: f[at('label')],
        value: value !== '' && /^\d+$/.test(value) ? Number(value) : value,
        uuid: f[at('uuid')],
      });
    }
  }
  const steps = Array.from(timesS.subarray(1), (t, i) => t - timesS[i]).sort((a, b) => a - b);
  return {
    channels: channelCols.map((i) => names[i]),
    sampleRateHz: Math.round(1 / steps[Math.floor(steps.length / 2)]),
    timesS,
    data,
    lengthSamples: n,
    markers,
  };
}
