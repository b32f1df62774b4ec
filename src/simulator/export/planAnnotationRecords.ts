import { encodeTal } from './encodeTal';

/**
 * The longest annotation text an EDF+/BDF+ export writes, in UTF-8 bytes: a longer `label=value` is cut to at most
 * this many bytes at a character boundary, its end replaced by `...`. The whole label stays in `<stem>_markers.json`.
 */
export const MAX_ANNOTATION_TEXT_BYTES = 256;
const ELLIPSIS = '...';
/** Each failed placement retries with this much more room per data record. */
const GROWTH = 1.25;

/** One annotation to place: onset relative to the file's header second, duration when it is an interval, text. */
export interface EdfAnnotationInput {
  readonly onsetUs: number;
  readonly durationUs: number | undefined;
  readonly text: string;
}

/**
 * An annotation text cut to {@link MAX_ANNOTATION_TEXT_BYTES} UTF-8 bytes (never inside a character), ending in
 * `...` when it was cut.
 *
 * ## Example
 * ```ts
 * truncateAnnotationText('x'.repeat(300)); // 'xxx...x...' (253 × 'x' then '...'): 256 bytes
 * ```
 */
export function truncateAnnotationText(text: string): string {
  if (Buffer.byteLength(text, 'utf8') <= MAX_ANNOTATION_TEXT_BYTES) return text;
  const room = MAX_ANNOTATION_TEXT_BYTES - ELLIPSIS.length;
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > room) break;
    bytes += n;
    end += ch.length;
  }
  return text.slice(0, end) + ELLIPSIS;
}

/**
 * The TALs of each data record of an EDF+/BDF+ file: record k starts with its time-keeping TAL (`fractionUs + k ×
 * recordUs`), then annotation TALs, every annotation once, in onset order across the file.
 *
 * The annotation signal has one size for every data record (its samples per record are in the header), so it is sized
 * by what the records need once the TALs are spread: an annotation goes in the data record covering its onset when
 * that record has room, else in the nearest one with room (earlier ones when the end of the file is crowded). Readers
 * take an annotation's time from its TAL's onset, whatever record holds it. The room per record starts at the
 * longest time-keeping TAL plus the larger of the longest annotation TAL and the annotation bytes per record, and
 * grows by a quarter until every TAL is placed: a file grows with its data and its annotations' total size, never
 * with its longest label times its records (texts are cut to {@link MAX_ANNOTATION_TEXT_BYTES} first).
 *
 * ## Example
 * ```ts
 * const tals = planAnnotationRecords(529_000, 1_000_000, 4, [{ onsetUs: 779_000, durationUs: undefined, text: 'stim=1' }]);
 * // tals[0]: ['+0.529\x14\x14\x00', '+0.779\x14stim=1\x14\x00']; tals[1..3]: their time-keeping TAL only
 * ```
 * @param fractionUs onset of the first data record, relative to the header second (µs).
 * @param recordUs duration of a data record (µs).
 * @param recordCount number of data records (> 0).
 * @param annotations in onset order; texts longer than the limit are cut here.
 */
export function planAnnotationRecords(
  fractionUs: number,
  recordUs: number,
  recordCount: number,
  annotations: readonly EdfAnnotationInput[],
): Buffer[][] {
  const keeping = Array.from({ length: recordCount }, (_, k) => encodeTal(fractionUs + k * recordUs, undefined, ['']));
  const tals = annotations.map((a) => encodeTal(a.onsetUs, a.durationUs, [truncateAnnotationText(a.text)]));
  const homes = annotations.map((a) =>
    Math.min(recordCount - 1, Math.max(0, Math.floor((a.onsetUs - fractionUs) / recordUs))),
  );
  const longestKeeping = Math.max(...keeping.map((b) => b.length));
  const totalBytes = tals.reduce((n, b) => n + b.length, 0);
  const longest = tals.reduce((n, b) => Math.max(n, b.length), 0);
  let room = longestKeeping + Math.max(longest, Math.ceil(totalBytes / recordCount));
  for (;;) {
    const placed = place(room, keeping, tals, homes);
    if (placed !== undefined) return placed;
    // Always ends: with room for every TAL in one record, each one fits where it is first tried.
    room = Math.ceil(room * GROWTH);
  }
}

/** Places every TAL in records of `room` bytes, or undefined when they do not fit that way. */
function place(
  room: number,
  keeping: readonly Buffer[],
  tals: readonly Buffer[],
  homes: readonly number[],
): Buffer[][] | undefined {
  const last = keeping.length - 1;
  // Backwards: the latest record each TAL can go in so that every later one still fits before the file ends.
  const latest: number[] = new Array<number>(tals.length);
  let q = last;
  let used = (keeping[q] as Buffer).length;
  for (let i = tals.length - 1; i >= 0; i--) {
    const n = (tals[i] as Buffer).length;
    if (used + n > room) {
      if (--q < 0) return undefined;
      used = (keeping[q] as Buffer).length;
    }
    used += n;
    latest[i] = q;
  }
  // Forwards: each TAL in its home record (or its latest, if earlier), else the next record with room.
  const records = keeping.map((b) => [b]);
  let p = 0;
  used = (keeping[0] as Buffer).length;
  for (let i = 0; i < tals.length; i++) {
    const tal = tals[i] as Buffer;
    const target = Math.max(p, Math.min(homes[i] as number, latest[i] as number));
    if (target > p) {
      p = target;
      used = (keeping[p] as Buffer).length;
    }
    while (used + tal.length > room) {
      if (++p > last) return undefined;
      used = (keeping[p] as Buffer).length;
    }
    (records[p] as Buffer[]).push(tal);
    used += tal.length;
  }
  return records;
}
