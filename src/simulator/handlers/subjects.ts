import { ERROR, type ParamsOf, type ResultOf } from '../../protocol';
import { CortexFault } from '../cortexFault';
import { isoLocal } from '../isoTime';
import { ownProperty } from '../ownProperty';
import type { HandlerMap } from './handlerTypes';
import { checkPageNumber } from './recordFields';

/** createSubject refuses names longer than this (§8.1). */
const MAX_SUBJECT_NAME_CHARS = 30;

/** A subject as the simulator keeps it (the result of createSubject). */
export type StoredSubject = ResultOf<'createSubject'>;

/** The methods of §8.1: subjects and their demographic attributes. */
export type SubjectMethod =
  | 'createSubject'
  | 'updateSubject'
  | 'deleteSubjects'
  | 'querySubjects'
  | 'getDemographicAttributes';

/** What the subject handlers use. */
export interface SubjectsContext {
  /** The subjects, by name (shared by every app, like the user's subjects in Cortex). */
  readonly subjects: Map<string, StoredSubject>;
}

function subjectOf(p: ParamsOf<'createSubject'>): StoredSubject {
  return {
    subjectName: p.subjectName,
    dateOfBirth: p.dateOfBirth ?? '',
    sex: p.sex ?? 'U',
    countryCode: p.countryCode ?? '',
    state: p.state ?? '',
    city: p.city ?? '',
    attributes: p.attributes ?? [],
    experimentsCount: 0,
    modifiedDatetime: isoLocal(Date.now()),
  };
}

/**
 * The handlers of §8.1 (subjects).
 *
 * ## Example
 * ```ts
 * const handlers = createSubjectsHandlers({ subjects: new Map() });
 * handlers.createSubject({ cortexToken, subjectName: 'P01', sex: 'F' }, conn, app);
 * ```
 */
export function createSubjectsHandlers(ctx: SubjectsContext): HandlerMap<SubjectMethod> {
  const { subjects } = ctx;
  return {
    createSubject: (p) => {
      if (p.subjectName.length === 0 || p.subjectName.length > MAX_SUBJECT_NAME_CHARS) {
        throw new CortexFault(
          ERROR.INVALID_PARAMS,
          `Invalid Parameters: 'subjectName' must be 1 to ${MAX_SUBJECT_NAME_CHARS} characters, got ${p.subjectName.length}.`,
        );
      }
      if (subjects.has(p.subjectName)) {
        throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: subject "${p.subjectName}" already exists.`);
      }
      const subject = subjectOf(p);
      subjects.set(p.subjectName, subject);
      return subject;
    },
    updateSubject: (p) => {
      if (!subjects.has(p.subjectName)) {
        throw new CortexFault(ERROR.INVALID_PARAMS, `Invalid Parameters: no subject "${p.subjectName}".`);
      }
      const subject = subjectOf(p);
      subjects.set(p.subjectName, subject);
      return subject;
    },
    deleteSubjects: (p) => {
      const success: { subjectName: string }[] = [];
      const failure: { subjectName: string; code: number; message: string }[] = [];
      for (const subjectName of p.subjects) {
        if (subjects.delete(subjectName)) success.push({ subjectName });
        else failure.push({ subjectName, code: ERROR.INVALID_PARAMS, message: `No subject "${subjectName}".` });
      }
      return { success, failure };
    },
    querySubjects: (p) => {
      checkPageNumber('limit', p.limit);
      checkPageNumber('offset', p.offset);
      const keyword = ownProperty(p.query, 'subjectName');
      let found = [...subjects.values()].filter((s) => typeof keyword !== 'string' || s.subjectName.includes(keyword));
      const desc = p.orderBy.some((o) => ownProperty(o, 'subjectName') === 'DESC');
      found = found.sort((a, b) => (desc ? -1 : 1) * a.subjectName.localeCompare(b.subjectName));
      const offset = p.offset ?? 0;
      const limit = p.limit ?? 0;
      return {
        subjects: found.slice(offset, limit > 0 ? offset + limit : undefined),
        count: found.length,
        limit,
        offset,
      };
    },
    getDemographicAttributes: () => [
      { name: 'Handedness', value: ['Left', 'Right', 'Ambidextrous'] },
      { name: 'Education', value: ['Primary', 'Secondary', 'Tertiary'] },
    ],
  };
}
