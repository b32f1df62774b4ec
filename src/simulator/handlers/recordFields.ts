import { ERROR } from '../../protocol';
import { CortexFault } from '../cortexFault';

/** Longest record title, in characters (§6 createRecord). */
export const MAX_RECORD_TITLE_CHARS = 200;
/** Longest record description, in characters: a simulator limit (the reference states none). */
export const MAX_RECORD_DESCRIPTION_CHARS = 10_000;
/** Most tags on a record: a simulator limit (the reference states none). */
export const MAX_RECORD_TAGS = 64;
/** Longest tag, in characters: a simulator limit (the reference states none). */
export const MAX_RECORD_TAG_CHARS = 100;

/** The editable fields of a record, as createRecord and updateRecord take them. */
export interface RecordFields {
  readonly title?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
}

const invalid = (what: string): CortexFault => new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: ${what}`);

/**
 * Checks the title, description and tags a request gives, by the same rules for createRecord and updateRecord
 * (issue 13 §7: updateRecord used to accept an empty or 250,000-character title that createRecord refused).
 *
 * ## Example
 * ```ts
 * checkRecordFields({ title: 'Run 1', tags: ['eyes-open'] }); // ok
 * checkRecordFields({ title: '  ' }); // throws CortexFault -32602
 * ```
 * @throws CortexFault `INVALID_PARAMS` (-32602) naming the field, its limit and what it got
 */
export function checkRecordFields(fields: RecordFields): void {
  const { title, description, tags } = fields;
  if (title !== undefined && (title.trim().length === 0 || title.length > MAX_RECORD_TITLE_CHARS))
    throw invalid(`'title' must be 1 to ${MAX_RECORD_TITLE_CHARS} characters, got ${title.length}.`);
  if (description !== undefined && description.length > MAX_RECORD_DESCRIPTION_CHARS)
    throw invalid(
      `'description' must be at most ${MAX_RECORD_DESCRIPTION_CHARS} characters, got ${description.length}.`,
    );
  if (tags === undefined) return;
  if (tags.length > MAX_RECORD_TAGS)
    throw invalid(`'tags' must hold at most ${MAX_RECORD_TAGS} tags, got ${tags.length}.`);
  const bad = tags.findIndex((tag) => tag.trim().length === 0 || tag.length > MAX_RECORD_TAG_CHARS);
  if (bad >= 0)
    throw invalid(`'tags[${bad}]' must be 1 to ${MAX_RECORD_TAG_CHARS} characters, got ${tags[bad].length}.`);
}

/**
 * Checks a `limit` or `offset` of queryRecords or querySubjects: absent, or an integer >= 0 (one rule for both).
 *
 * ## Example
 * ```ts
 * checkPageNumber('offset', 20); // ok
 * checkPageNumber('limit', -1); // throws CortexFault -32602
 * ```
 * @throws CortexFault `INVALID_PARAMS` (-32602) naming the field and what it got
 */
export function checkPageNumber(name: 'limit' | 'offset', value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value >= 0))
    throw invalid(`'${name}' must be an integer >= 0, got ${value}.`);
}
