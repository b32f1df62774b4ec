import * as path from 'path';
import type { CortexRecord, Marker } from '../../protocol';
import { isoLocal, parseIso } from '../isoTime';
import type { RecordSource } from '../store/recordSource';
import type { StoredRecord } from '../store/storeTypes';
import { BDF_DIGITAL, EDF_DIGITAL } from './edfDigital';
import { ExportError } from './exportError';
import { exportFileStem } from './exportFileStem';
import { planAnnotationRecords } from './planAnnotationRecords';
import type { ExportSteps } from './exportSteps';
import { planEdfGroups, type EdfGroup } from './planEdfGroups';
import { writeEdfFile } from './writeEdfFile';
import { writeOutputFile } from './writeOutputFile';

const US_PER_S = 1_000_000;
const MS_PER_S = 1000;
/** Data records are 1 s when every rate allows it; otherwise the shortest whole number of seconds up to this. */
const MAX_RECORD_DURATION_S = 60;

/**
 * The EDF-family formats of exportRecord.
 *
 * ## Example
 * ```ts
 * const format: EdfFormat = 'EDFPLUS';
 * ```
 */
export type EdfFormat = 'EDF' | 'EDFPLUS' | 'BDFPLUS';

/**
 * What {@link exportEdf} writes.
 *
 * ## Example
 * ```ts
 * const config: EdfExportConfig = { folder: '/tmp/out', format: 'EDFPLUS', eeg: true, motion: true };
 * ```
 */
export interface EdfExportConfig {
  /** Existing folder the files go to. */
  readonly folder: string;
  /** `EDFPLUS`/`BDFPLUS`: one EDF+C/BDF+C file with annotations; `EDF`: one plain EDF file per stream. */
  readonly format: EdfFormat;
  /** Include the EEG channels (stream `eeg`). */
  readonly eeg: boolean;
  /** Include the motion channels (stream `mot`). */
  readonly motion: boolean;
}

/** Seconds per data record: the shortest whole number of seconds holding a whole number of samples of every rate. */
function recordDurationS(ratesHz: readonly number[]): number {
  for (let d = 1; d <= MAX_RECORD_DURATION_S; d++) {
    if (
      ratesHz.every((r) => Math.abs(r * d - Math.round(r * d)) < 1e-9 * Math.max(1, r * d) && Math.round(r * d) >= 1)
    ) {
      return d;
    }
  }
  throw new ExportError(
    'UNSUPPORTED',
    `Invalid Parameters: no data record of 1 to ${MAX_RECORD_DURATION_S} s holds a whole number of samples at ${ratesHz.join(', ')} Hz.`,
  );
}

/** Annotation text of a marker: its label, then `=value` when the value is not empty (`stim_on=42`). */
function markerText(m: Marker): string {
  const value = String(m.value);
  return `${m.label === '' ? 'marker' : m.label}${value === '' ? '' : `=${value}`}`;
}

/** Start time (µs since the epoch, integer) of a marker, and its duration (µs) when it is an interval. */
function markerTimesUs(m: Marker): { startUs: number; durationUs: number | undefined } {
  const startUs = Math.round(parseIso(m.startDatetime) * MS_PER_S);
  const endUs = m.endDatetime ? Math.round(parseIso(m.endDatetime) * MS_PER_S) : startUs;
  return { startUs, durationUs: endUs > startUs ? endUs - startUs : undefined };
}

/**
 * When a file of these groups starts: its first sample (of the first group that has one: EEG before motion), the
 * local second holding it (the header's start date/time) and the fraction of that second (the first time-keeping TAL).
 */
function startOf(groups: readonly EdfGroup[]): { dataStartUs: number; startSecondUs: number; fractionUs: number } {
  const g = groups.find((x) => x.reader.rows > 0) as EdfGroup;
  g.reader.ensure(0, 1);
  const dataStartUs = Math.round(g.reader.timeS(0) * US_PER_S);
  const startSecondUs = Math.floor(dataStartUs / US_PER_S) * US_PER_S;
  return { dataStartUs, startSecondUs, fractionUs: dataStartUs - startSecondUs };
}

/** Writes `<stem>_markers.json`: the markers with their onsets (and durations) relative to the first exported sample. */
function* writeMarkersJson(
  stem: string,
  record: CortexRecord,
  markers: readonly TimedMarker[],
  dataStartUs: number,
): ExportSteps<string> {
  const json = {
    recordId: record.uuid,
    title: record.title,
    dataStartDatetime: isoLocal(dataStartUs / MS_PER_S),
    markers: markers.map(({ m, startUs, durationUs }) => ({
      ...m,
      onsetS: (startUs - dataStartUs) / US_PER_S,
      ...(durationUs === undefined ? {} : { durationS: durationUs / US_PER_S }),
    })),
  };
  const markersFile = `${stem}_markers.json`;
  yield* writeOutputFile(markersFile, (write) => write(`${JSON.stringify(json, null, 2)}\n`));
  return markersFile;
}

/** A marker with its start and duration in µs (see markerTimesUs). */
type TimedMarker = { m: Marker; startUs: number; durationUs: number | undefined };

/**
 * Writes a stopped record as EDF+C (`EDFPLUS`), BDF+C (`BDFPLUS`) or plain EDF (`EDF`) files, plus its markers as JSON.
 *
 * Like Cortex's EDF exports (cortex-api §6): `EDFPLUS`/`BDFPLUS` give one file `<stem>.edf`/`<stem>.bdf` with the EEG
 * channels, the motion channels when asked, and an `EDF Annotations`/`BDF Annotations` signal (last) holding one
 * marker per TAL; `EDF` gives `<stem>_EEG.edf` and `<stem>_MOTION.edf` without annotations. Every format also writes
 * `<stem>_markers.json`: `{ recordId, title, dataStartDatetime, markers: [{ ...marker, onsetS, durationS? }] }`, onsets
 * relative to the first exported sample. `<stem>` is {@link exportFileStem}.
 *
 * Choices:
 * - Labels `EEG <sensor>` in `uV` (the EDF+ standard text), motion `MISC <column>` with an empty dimension (units
 *   UNVERIFIED); counters, `RAW_CQ` and `MARKER_HARDWARE` are left out.
 * - Physical range per channel: the stored min/max widened by max(span/64, 0.001 × magnitude), rounded outward to 8
 *   characters; digital range -32768..32767 (BDF: -8388608..8388607). Values round-trip within half a step.
 * - NaN (missing) samples are written as the digital minimum, which no valid sample maps to.
 * - Data records last 1 s (or the shortest whole number of seconds holding whole samples of every rate); the last one
 *   is padded by repeating each signal's last stored value. Sample i of a signal sits at fileStart + i / rate: stored
 *   timestamps are not used past the first, and a stream shorter than the others is padded the same way.
 * - The header start date/time is the local second of the first sample; the first time-keeping TAL is `+0.xxx`, the
 *   fraction of that second (EDF+ §2.2.4), and record k's is that + k × duration. Marker onsets are relative to the
 *   header second, durations are set for markers whose end is after their start, texts are `label=value`
 *   (`label` alone for an empty value), cut to 256 UTF-8 bytes ending in `...` (the whole label is in the markers
 *   JSON). A marker's TAL goes in the data record covering its onset (the first or last one when outside) when it has
 *   room, else in the nearest record with room; the annotation signal is sized by what each record needs once the
 *   TALs are spread, so the file grows with the data, not with the longest label (see planAnnotationRecords).
 * - Patient `X X X <subjectName>`, recording `Startdate dd-MMM-yyyy <recordId> X <headsetId>`; prefiltering
 *   `HP:0.16Hz LP:43Hz N:50Hz N:60Hz` (what EMOTIV documents for its headsets).
 *
 * ## Example
 * ```ts
 * const files = runSteps(exportEdf(store, store.get(id)!, { folder: '/tmp', format: 'EDFPLUS', eeg: true, motion: false }));
 * // ['/tmp/Run_1_<id>.edf', '/tmp/Run_1_<id>_markers.json']
 * ```
 *
 * @param store the record store.
 * @param stored the record (stopped).
 * @param config folder, format and streams.
 * @returns the paths written.
 * @throws ExportError `NO_DATA` (a stream missing or empty), `UNSUPPORTED` (a range or rate EDF cannot state).
 * @see exportRecord, which validates the request and calls this.
 */
export function* exportEdf(store: RecordSource, stored: StoredRecord, config: EdfExportConfig): ExportSteps<string[]> {
  const streams = [...(config.eeg ? (['eeg'] as const) : []), ...(config.motion ? (['mot'] as const) : [])];
  const rates = streams.map((s) => stored.streams.find((l) => l.stream === s)?.sampleRateHz ?? 1);
  const durationS = recordDurationS(rates);
  const digital = config.format === 'BDFPLUS' ? BDF_DIGITAL : EDF_DIGITAL;
  const groups = yield* planEdfGroups(store, stored, streams, digital, durationS);
  const recordsOf = (gs: readonly EdfGroup[]): number =>
    Math.max(0, ...gs.map((g) => Math.ceil(g.reader.rows / g.samplesPerRecord)));
  const recordId = stored.record.uuid;
  if (recordsOf(groups) === 0) {
    throw new ExportError(
      'NO_DATA',
      `Invalid Parameters: record ${recordId} has no ${streams.join('/')} samples to export.`,
    );
  }

  const record = stored.record;
  const who = { subjectName: record.subject?.subjectName, recordId, headsetId: stored.headset.id };
  const markers = [...(record.markers ?? [])]
    .map((m) => ({ m, ...markerTimesUs(m) }))
    .sort((a, b) => a.startUs - b.startUs);
  const stem = path.join(config.folder, exportFileStem(record));
  const files: string[] = [];

  let dataStartUs: number;
  if (config.format === 'EDF') {
    const empty = streams.filter((_, i) => (groups[i] as EdfGroup).reader.rows === 0);
    if (empty.length > 0) {
      throw new ExportError(
        'NO_DATA',
        `Invalid Parameters: record ${recordId} has no '${empty.join("', '")}' samples to export.`,
      );
    }
    // Plain EDF cannot state a fraction of a second: each file starts at the local second of its first sample.
    dataStartUs = startOf(groups).dataStartUs;
    for (const [i, stream] of streams.entries()) {
      const g = groups[i] as EdfGroup;
      const file = `${stem}_${stream === 'eeg' ? 'EEG' : 'MOTION'}.edf`;
      const plan = {
        variant: 'EDF',
        startSecondMs: startOf([g]).startSecondUs / MS_PER_S,
        durationS,
        recordCount: recordsOf([g]),
        tals: undefined,
      } as const;
      yield* writeEdfFile(file, who, plan, [g]);
      files.push(file);
    }
  } else {
    const t = startOf(groups);
    dataStartUs = t.dataStartUs;
    const recordCount = recordsOf(groups);
    const annotations = markers.map(({ m, startUs, durationUs }) => ({
      onsetUs: startUs - t.startSecondUs,
      durationUs,
      text: markerText(m),
    }));
    const tals = planAnnotationRecords(t.fractionUs, durationS * US_PER_S, recordCount, annotations);
    const file = `${stem}.${config.format === 'BDFPLUS' ? 'bdf' : 'edf'}`;
    const variant = config.format === 'BDFPLUS' ? 'BDF+C' : 'EDF+C';
    yield* writeEdfFile(
      file,
      who,
      { variant, startSecondMs: t.startSecondUs / MS_PER_S, durationS, recordCount, tals },
      groups,
    );
    files.push(file);
  }

  files.push(yield* writeMarkersJson(stem, record, markers, dataStartUs));
  return files;
}
