import { randomUUID } from 'crypto';
import { ERROR, type CortexRecord, type ParamsOf, type ResultOf } from '../../protocol';
import type { AppState } from '../appState';
import { CortexFault } from '../cortexFault';
import { isoLocal } from '../isoTime';
import { missingParams } from '../missingParams';
import { ownProperty } from '../ownProperty';
import type { SessionState } from '../sessionState';
import type { SessionTable } from '../sessionTable';
import { copyJson } from '../store/recordFiles';
import type { RecordStore } from '../store/recordStore';
import type { StoredRecord } from '../store/storeTypes';
import type { HandlerMap } from './handlerTypes';
import { itemFailure } from './itemFailure';
import { ownedRecord } from './ownedRecord';
import { recordedLayouts } from './recordedLayouts';
import { recordIdList } from './recordIdList';
import { checkPageNumber, checkRecordFields } from './recordFields';
import { requireApp } from './requireApp';
import { sortRecords } from './sortRecords';

/** The methods of §6 but exportRecord: starting, stopping, changing, deleting and finding records. */
export type RecordMethod =
  | 'createRecord'
  | 'stopRecord'
  | 'updateRecord'
  | 'deleteRecord'
  | 'queryRecords'
  | 'getRecordInfos'
  | 'configOptOut'
  | 'requestToDownloadRecordData';

/** What the record handlers use. */
export interface RecordsContext {
  readonly config: { readonly username: string };
  readonly sessions: Pick<SessionTable, 'of' | 'stopRecording'>;
  readonly store: RecordStore;
}

/** The record object createRecord stores for a session. */
function newRecord(p: ParamsOf<'createRecord'>, session: SessionState, username: string, nowMs: number): CortexRecord {
  return {
    uuid: randomUUID(),
    title: p.title,
    description: p.description ?? '',
    tags: p.tags ?? [],
    experimentId: p.experimentId ?? 0,
    startDatetime: isoLocal(nowMs),
    ownerId: '00000000-0000-4000-8000-000000000001',
    applicationId: session.app.appId,
    applicationVersion: '1.0',
    licenseId: session.app.licenseId,
    licenseScope: [...session.app.scopes],
    subject: { subjectName: p.subjectName ?? username },
    // false unless the user opted out of cloud upload (§6; the reference example shows false).
    localOnly: false,
    headbandPosition: session.headset.headbandPosition,
  };
}

/** createRecord: starts a record of an activated session, storing every stream the headset sends. */
function createRecord(
  ctx: RecordsContext,
  p: ParamsOf<'createRecord'>,
  app: AppState | undefined,
): ResultOf<'createRecord'> {
  const { config, sessions, store } = ctx;
  const session = sessions.of(app, p.session);
  if (session.status !== 'activated') {
    throw new CortexFault(ERROR.SESSION_NOT_ACTIVATED, 'The session must be activated before creating a record.');
  }
  if (session.writer)
    throw new CortexFault(ERROR.RECORD_ALREADY_STARTED, 'A record is already running in this session.');
  checkRecordFields(p);
  const now = Date.now();
  const record = newRecord(p, session, config.username, now);
  const h = session.headset;
  session.writer = store.create({
    record,
    appId: session.app.appId,
    sessionId: session.id,
    headset: { id: h.id, sensors: [...h.model.sensors] },
    streams: recordedLayouts(h),
  });
  session.recordStartS = now / 1000;
  session.recordIds.push(record.uuid);
  const stored = store.get(record.uuid);
  return { record: stored ? asListed(stored) : { ...record, endDatetime: '' }, sessionId: session.id };
}

/** A stored record as Cortex lists it: a running one has `endDatetime: ""` (the store leaves it out until it stops). */
function asListed(stored: StoredRecord): CortexRecord {
  return stored.running ? { ...stored.record, endDatetime: '' } : stored.record;
}

function withoutMarkers(r: Readonly<CortexRecord>): CortexRecord {
  const { markers: _markers, ...rest } = r;
  return rest;
}

/**
 * The handlers of §6 (records) but exportRecord, which has its own file.
 *
 * ## Example
 * ```ts
 * const handlers = createRecordsHandlers({ config, sessions, store });
 * handlers.createRecord({ cortexToken, session: sessionId, title: 'Run 1' }, conn, app); // { record, sessionId }
 * ```
 */
export function createRecordsHandlers(ctx: RecordsContext): HandlerMap<RecordMethod> {
  const { sessions, store } = ctx;
  return {
    createRecord: (p, _conn, app) => createRecord(ctx, p, app),
    stopRecord: (p, _conn, app) => {
      const session = sessions.of(app, p.session);
      const record = sessions.stopRecording(session);
      if (!record) throw new CortexFault(ERROR.RECORD_NOT_RUNNING, 'There is no record running in this session.');
      return { record, sessionId: session.id };
    },
    updateRecord: (p, _conn, app) => {
      ownedRecord(store, app, p.record);
      checkRecordFields(p);
      return store.update(p.record, { title: p.title, description: p.description, tags: p.tags }).record;
    },
    deleteRecord: async (p, _conn, app) => {
      const success: { recordId: string }[] = [];
      const failure: { recordId: string; code: number; message: string }[] = [];
      for (const recordId of recordIdList('records', p.records)) {
        try {
          const stored = ownedRecord(store, app, recordId);
          if (stored.running) throw new CortexFault(ERROR.RECORD_ALREADY_STARTED, 'The record is still running.');
          await store.delete(recordId);
          success.push({ recordId });
        } catch (err) {
          failure.push(itemFailure(recordId, err));
        }
      }
      return { success, failure };
    },
    queryRecords: (p, _conn, app) => queryRecords(store, p, app),
    getRecordInfos: (p, _conn, app) =>
      recordIdList('recordIds', p.recordIds).map((id) => asListed(ownedRecord(store, app, id))),
    configOptOut: (p, _conn, app) => configOptOut(p, requireApp(app)),
    requestToDownloadRecordData: (p, _conn, app) => {
      const success: { recordId: string }[] = [];
      const failure: { recordId: string; code: number; message: string }[] = [];
      for (const recordId of recordIdList('recordIds', p.recordIds)) {
        try {
          ownedRecord(store, app, recordId);
          success.push({ recordId });
        } catch (err) {
          failure.push(itemFailure(recordId, err));
        }
      }
      return { success, failure };
    },
  };
}

/**
 * queryRecords (§6) from the store's index of the app's records: the app's records only are filtered and sorted (live
 * views, no copy), and only the page returned is copied; another app's records cost nothing.
 */
function queryRecords(
  store: RecordStore,
  p: ParamsOf<'queryRecords'>,
  app: AppState | undefined,
): ResultOf<'queryRecords'> {
  const a = requireApp(app);
  checkPageNumber('limit', p.limit);
  checkPageNumber('offset', p.offset);
  const kw = ownProperty(p.query, 'keyword');
  const keyword = typeof kw === 'string' ? kw.toLowerCase() : undefined;
  const matches = (r: Readonly<CortexRecord>) =>
    keyword === undefined ||
    r.title.toLowerCase().includes(keyword) ||
    (r.description ?? '').toLowerCase().includes(keyword) ||
    (r.subject?.subjectName ?? '').toLowerCase().includes(keyword);
  const records = sortRecords(store.recordsOf(a.appId).filter(matches), p.orderBy);
  const offset = p.offset ?? 0;
  const limit = p.limit ?? 0;
  const page = records.slice(offset, limit > 0 ? offset + limit : undefined);
  const shaped = page.map((live) => {
    const stored = store.get(live.uuid) as StoredRecord;
    const listed = asListed(stored);
    const base = p.includeMarkers ? listed : copyJson(withoutMarkers(listed));
    // The simulator never uploads: every record is local only (§6 syncStatus).
    return p.includeSyncStatusInfo ? { ...base, syncStatus: { status: 'neverUploaded' } } : base;
  });
  return { records: shaped, count: records.length, limit, offset };
}

/**
 * `configOptOut` (§6): get or set this app's opt-out of record upload; -32155 when the app may not set it. The
 * answer has the real service's shape (`currOptOut`, `forceOptOut`, `message`, `optOutAvail`).
 */
function configOptOut(p: ParamsOf<'configOptOut'>, a: AppState): ResultOf<'configOptOut'> {
  if (p.status === 'set') {
    if (!a.optOutAvailable) throw new CortexFault(ERROR.OPT_OUT_UNAVAILABLE, 'The opt-out feature is unavailable.');
    if (p.newOptOut === undefined) throw missingParams('newOptOut');
    a.optOut = p.newOptOut;
  }
  const verb = p.status === 'set' ? 'Set' : 'Get';
  return {
    currOptOut: a.optOut,
    forceOptOut: false,
    message: `${verb} opt-out configuration successfully`,
    optOutAvail: a.optOutAvailable,
  };
}
