import { readFileSync } from 'fs';
import type { Observable } from 'rxjs';
import type { EegFrame, EegMarker } from '../observables';
import { CsvLineReader } from './csv/csvLineReader';
import { splitCsvLine } from './csv/splitCsvLine';
import { emitChunks, type FrameChunks } from './emitChunks';
import { FileFormatError } from './fileFormatError';
import type { FileStreamConfig } from './fileStreamConfig';
import { MarkerQueue } from './markerQueue';

const DEFAULT_CHUNK_SAMPLES = 256;
const NON_CHANNEL = new Set(['COUNTER', 'INTERPOLATED', 'RAW_CQ', 'MARKER_HARDWARE']);

/** Options of {@link fromCsvExport}. */
export interface CsvStreamConfig extends FileStreamConfig {
  /** The export's `<stem>_markers.csv`, whose markers join the samples nearest their start. */
  readonly markersCsvPath?: string;
}

/** The markers of a `<stem>_markers.csv`, as MARKERS-column objects (`time` in ms since the epoch). */
function readMarkers(path: string): { timeS: number; marker: EegMarker }[] {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  if (lines.length === 0) return [];
  const header = splitCsvLine(lines[0]);
  const at = (name: string) => header.indexOf(name);
  if (at('startTimeS') < 0) throw new FileFormatError(path, `has no startTimeS column`);
  return lines.slice(1).map((line) => {
    const f = splitCsvLine(line);
    const value = f[at('value')] ?? '';
    const timeS = Number(f[at('startTimeS')]);
    return {
      timeS,
      marker: {
        label: f[at('label')] ?? '',
        value: /^\d{1,15}$/.test(value) ? Number(value) : value,
        ...(at('uuid') >= 0 ? { uuid: f[at('uuid')] } : {}),
        time: timeS * 1000,
      },
    };
  });
}

/** The frames of a CSV export, `chunkSamples` lines at a time. */
function csvChunks(eegCsvPath: string, config: CsvStreamConfig, chunkSamples: number): FrameChunks {
  const markerList = config.markersCsvPath ? readMarkers(config.markersCsvPath) : [];
  const lines = new CsvLineReader(eegCsvPath);
  try {
    const header = splitCsvLine(lines.next() ?? '');
    if (header[0] !== 'Timestamp') {
      throw new FileFormatError(eegCsvPath, `the first column must be Timestamp, got "${header[0]}"`);
    }
    const names = header.map((h) => h.replace(/^EEG\./, ''));
    const cols = names.flatMap((name, i) => (i > 0 && !NON_CHANNEL.has(name) ? [i] : []));
    const channels = Object.freeze(cols.map((i) => names[i]));
    const counterCol = names.indexOf('COUNTER');
    const interpolatedCol = names.indexOf('INTERPOLATED');
    let markers: MarkerQueue | undefined;
    let ahead = lines.next();
    if (ahead === undefined) throw new FileFormatError(eegCsvPath, 'has no samples');
    return {
      next: () => {
        if (ahead === undefined) return undefined;
        const block = new Float64Array(chunkSamples * cols.length);
        const frames: EegFrame[] = [];
        for (let i = 0; i < chunkSamples && ahead !== undefined; i++) {
          const f = splitCsvLine(ahead);
          ahead = lines.next();
          const timeS = Number(f[0]);
          if (!Number.isFinite(timeS)) throw new FileFormatError(eegCsvPath, `Timestamp '${f[0]}' is not a number`);
          const values = block.subarray(i * cols.length, (i + 1) * cols.length);
          cols.forEach((col, c) => (values[c] = f[col] === '' || f[col] === undefined ? NaN : Number(f[col])));
          if (markers === undefined) {
            // The rate is known from the second sample; the first sample takes what precedes it.
            markers = new MarkerQueue(ahead === undefined ? 0 : Number(splitCsvLine(ahead)[0]) - timeS);
            for (const m of markerList) markers.add(m.timeS, m.marker);
          }
          const taken = markers.take(timeS, ahead === undefined);
          frames.push({
            _tag: 'eeg',
            timeS,
            counter: counterCol < 0 ? 0 : Number(f[counterCol]),
            interpolated: interpolatedCol >= 0 && Number(f[interpolatedCol]) === 1,
            channels,
            values,
            rawCq: 0,
            hardwareMarker: taken.length > 0 ? 1 : 0,
            markers: taken,
          });
        }
        return frames;
      },
      close: () => lines.close(),
    };
  } catch (err) {
    lines.close();
    throw err;
  }
}

/**
 * Streams a CSV export (`<stem>_EEG.csv` of `exportRecord`, V1 or V2 column names) as the eeg frames
 * `session.stream('eeg')` emits: `timeS` the Timestamp column (seconds since the epoch), `counter` and
 * `interpolated` from their columns, the EEG columns as `values` (µV, empty fields NaN), and the markers of
 * `markersCsvPath` on the samples nearest their start. The file is read 64 KiB at a time, never whole, and closed on
 * complete, error or unsubscribe. `readCsvExport` (cortex-rx/plot) reads the same files at once.
 *
 * ## Example
 * ```ts
 * import { fromCsvExport } from 'cortex-rx/files';
 * import { collect } from 'cortex-rx';
 * const capture = await collect(fromCsvExport('out/run_EEG.csv', { markersCsvPath: 'out/run_markers.csv' }), {
 *   seconds: 10,
 * });
 * ```
 * @param eegCsvPath the `<stem>_EEG.csv` file
 * @param config `markersCsvPath`, `pace` (`'fast'` default, or `'realtime'`), `chunkSamples` (default 256)
 * @returns a cold observable; errors with FileFormatError for a file that is not a CSV export
 */
export function fromCsvExport(eegCsvPath: string, config: CsvStreamConfig = {}): Observable<EegFrame> {
  const chunkSamples = config.chunkSamples ?? DEFAULT_CHUNK_SAMPLES;
  if (!(Number.isSafeInteger(chunkSamples) && chunkSamples > 0)) {
    throw new RangeError(`chunkSamples must be a positive integer, got ${chunkSamples}`);
  }
  return emitChunks(() => csvChunks(eegCsvPath, config, chunkSamples), config.pace ?? 'fast');
}
