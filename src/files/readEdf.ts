import type { EegCapture } from '../observables';
import type { MarkerEvent } from '../operators';
import { annotationParts } from './edf/annotationParts';
import { EdfSource } from './edf/edfSource';

/** A signal of the file that is not one of the EEG channels (another rate, or not a voltage), in the file's units. */
export interface EdfOtherSignal {
  /** The label as written. */
  readonly label: string;
  /** The physical dimension as written (`''` when the file states none). */
  readonly dimension: string;
  /** Its sample rate, Hz. */
  readonly sampleRateHz: number;
  /** Physical values over the whole file, in `dimension`. */
  readonly data: Float64Array;
}

/** What {@link readEdf} returns: the `collect()` shape, plus what only a file has. */
export interface EdfRecording extends EegCapture {
  /** `EDF`, `EDF+C`, `EDF+D`, `BDF`, `BDF+C` or `BDF+D`. */
  readonly format: string;
  /** The header's start date/time (local time). `timesS` and marker times are seconds from it. */
  readonly startDate: Date;
  /** µV per digital step of each channel: the file's quantisation. */
  readonly resolutionUv: Float64Array;
  /** The signals kept apart: other rates, dimensions that are not voltages (motion). */
  readonly otherSignals: readonly EdfOtherSignal[];
}

/** Options of {@link readEdf}. */
export interface ReadEdfConfig {
  /** Which rate's EEG channels to read when the file's voltage channels run at several rates. */
  readonly sampleRateHz?: number;
}

/**
 * Reads an EDF, EDF+ (annotations become markers), BDF or BDF+ file, from any writer, into the shape `collect()`
 * resolves to: channel-major µV (`uV`, `mV`, `V` scaled), `timesS` in seconds from the header's start (EDF+ record
 * onsets honoured), annotations as markers (`label=value` texts split into label and value), plus the format, the
 * start date, the quantisation and the signals kept apart.
 *
 * Like MNE's `mne.io.read_raw_edf(path, preload=True)`, but µV, and markers instead of `Annotations`. The EEG
 * channels are the signals with a voltage dimension (every ordinary signal when none has one), `EEG ` label prefixes
 * removed; they must share one rate, or `sampleRateHz` picks one. For a file too big for memory, use {@link fromEdf}.
 *
 * ## Example
 * ```ts
 * import { readEdf } from 'cortex-rx/files';
 * const rec = readEdf('run.edf');
 * rec.channels; // ['AF3', 'F7', ...]
 * rec.data.subarray(0, rec.lengthSamples); // the first channel, µV
 * rec.markers; // [{ timeS: 2.5, label: 'stim', value: 1 }, ...]
 * ```
 * @param path the file
 * @param config `sampleRateHz` to choose among EEG rates
 * @returns the recording
 * @throws FileFormatError for a file that is not a readable EDF/BDF, or EEG channels at several rates
 */
export function readEdf(path: string, config: ReadEdfConfig = {}): EdfRecording {
  const source = EdfSource.open(path, config);
  try {
    const h = source.header;
    const n = source.lengthSamples;
    const spr = source.samplesPerRecord;
    const data = new Float64Array(source.channels.length * n);
    const timesS = new Float64Array(n);
    const markers: MarkerEvent[] = [];
    const chunk = Math.max(1, Math.floor((1 << 22) / h.recordBytes));
    for (let r0 = 0; r0 < h.recordCount; r0 += chunk) {
      const count = Math.min(chunk, h.recordCount - r0);
      const read = source.read(r0, count, data, { offset: r0 * spr, sampleStride: 1, channelStride: n });
      for (let r = 0; r < count; r++) {
        for (let j = 0; j < spr; j++) timesS[(r0 + r) * spr + j] = read.recordOnsetsS[r] + j / source.sampleRateHz;
      }
      for (const a of read.annotations) markers.push({ timeS: a.onsetS, ...annotationParts(a.text) });
    }
    const otherSignals = h.signals.flatMap((s, i): EdfOtherSignal[] =>
      s.isAnnotations || source.signalIndices.includes(i)
        ? []
        : [
            {
              label: s.label,
              dimension: s.dimension,
              sampleRateHz: s.samplesPerRecord / h.recordDurationS,
              data: source.readSignal(i),
            },
          ],
    );
    return {
      format: h.format,
      startDate: h.startDate,
      channels: source.channels,
      sampleRateHz: source.sampleRateHz,
      timesS,
      data,
      lengthSamples: n,
      markers,
      resolutionUv: source.resolutionUv,
      otherSignals,
    };
  } finally {
    source.close();
  }
}
