import * as t from 'io-ts';
import {
  CortexRecord,
  Headset,
  License,
  Marker,
  MarkerValue,
  Session,
  CortexSubject,
  SubjectAttribute,
  UserLogin,
} from './objects';
import { BCI_METHODS, Detection } from './bciMethods';
import { FLEX_MAPPING_METHODS } from './flexMappingMethods';
import { idList, params, token } from './methodCodecs';
import { ColumnLabel } from './streams';

/** A result object with required and optional members. */
const result = params;

const clientCredentials = { clientId: t.string, clientSecret: t.string };
const noParams = t.partial({}, 'NoParams');
const sortOrder = t.keyof({ ASC: null, DESC: null });
const orderBy = t.array(t.record(t.string, sortOrder));
const perItemFailure = <K extends string>(key: K) =>
  result(`${key}Failure`, { [key]: t.string, message: t.string } as Record<K | 'message', t.StringC>, {
    code: t.number,
  });
const perItemResult = <K extends string>(key: K) =>
  t.type({
    success: t.array(t.type({ [key]: t.string } as Record<K, t.StringC>)),
    failure: t.array(perItemFailure(key)),
  });

const AccessResult = t.type({ accessGranted: t.boolean, message: t.string }, 'AccessResult');
const SubscribeFailure = t.type({ streamName: t.string, code: t.number, message: t.string }, 'SubscribeFailure');
const RecordResult = t.type({ record: CortexRecord, sessionId: t.string }, 'RecordResult');
const MarkerResult = t.type({ recordId: t.string, sessionId: t.string, marker: Marker }, 'MarkerResult');
const SubjectParams = {
  dateOfBirth: t.string,
  sex: t.keyof({ M: null, F: null, U: null }),
  countryCode: t.string,
  state: t.string,
  city: t.string,
  attributes: t.array(SubjectAttribute),
};
const optOutFlags = { currOptOut: t.boolean, forceOptOut: t.boolean, optOutAvail: t.boolean };

/**
 * The method table: every Cortex method of §2–§8 mapped to the codec of its params and of its result. The one
 * source of truth for the wire format: the client decodes results with it and the simulator validates params
 * with it. Inbound codecs are `t.type`/`t.partial`, so extra fields are accepted.
 *
 * Choices where the reference says UNVERIFIED: `getRecordInfos` returns a plain array of records;
 * `querySubjects` returns `{ subjects, count, limit, offset }` like `queryRecords`; `getDemographicAttributes`
 * returns `[{ name, value: string[] }]`; `configOptOut` answers the real
 * `{ currOptOut, forceOptOut, message, optOutAvail }` (EMOTIV, cortex-example#125); the codec also takes the older
 * `{ newOptOut, message }`. `configMapping` is in `FLEX_MAPPING_METHODS`, the §8.3 methods in `BCI_METHODS`.
 *
 * ## Example
 * ```ts
 * import { METHODS } from 'cortex-rx/protocol';
 * import { isRight } from 'fp-ts/Either';
 * const decoded = METHODS.createSession.result.decode(JSON.parse(text).result);
 * if (isRight(decoded)) console.log(decoded.right.status);
 * ```
 */
export const METHODS = {
  // §2 authentication and service info
  getCortexInfo: {
    params: noParams,
    result: result('CortexInfo', { version: t.string }, { buildNumber: t.string, buildDate: t.string }),
  },
  getUserLogin: { params: noParams, result: t.array(UserLogin) },
  requestAccess: { params: params('RequestAccessParams', clientCredentials, {}), result: AccessResult },
  hasAccessRight: { params: params('HasAccessRightParams', clientCredentials, {}), result: AccessResult },
  authorize: {
    params: params('AuthorizeParams', clientCredentials, { license: t.string, debit: t.number }),
    result: result(
      'AuthorizeResult',
      { cortexToken: t.string },
      { warning: t.type({ code: t.number, message: t.unknown }) },
    ),
  },
  generateNewToken: {
    params: params('GenerateNewTokenParams', { ...token, ...clientCredentials }, {}),
    result: t.type({ cortexToken: t.string }, 'GenerateNewTokenResult'),
  },
  getUserInformation: {
    params: params('GetUserInformationParams', token, {}),
    result: result(
      'UserInformation',
      { username: t.string },
      {
        firstName: t.string,
        lastName: t.string,
        licenseAgreement: t.type({ accepted: t.boolean, licenseUrl: t.string }),
      },
    ),
  },
  getLicenseInfo: {
    params: params('GetLicenseInfoParams', token, {}),
    result: t.type({ isOnline: t.boolean, license: License }, 'LicenseInfo'),
  },

  // §3 headsets
  queryHeadsets: {
    params: params('QueryHeadsetsParams', {}, { id: t.string, includeFlexMappings: t.boolean }),
    result: t.array(Headset),
  },
  controlDevice: {
    params: params(
      'ControlDeviceParams',
      { command: t.keyof({ connect: null, disconnect: null, refresh: null }) },
      { headset: t.string, mappings: t.record(t.string, t.string), connectionType: t.string },
    ),
    result: t.type({ command: t.string, message: t.string }, 'ControlDeviceResult'),
  },
  updateHeadset: {
    params: params(
      'UpdateHeadsetParams',
      {
        ...token,
        headset: t.string,
        setting: t.partial({ mode: t.string, eegRate: t.number, memsRate: t.number }),
      },
      {},
    ),
    result: t.type({ headsetId: t.string, message: t.string }, 'UpdateHeadsetResult'),
  },
  updateHeadsetCustomInfo: {
    params: params(
      'UpdateHeadsetCustomInfoParams',
      { ...token, headsetId: t.string },
      { headbandPosition: t.keyof({ back: null, top: null }), customName: t.string },
    ),
    result: result(
      'UpdateHeadsetCustomInfoResult',
      { headsetId: t.string },
      { customName: t.string, headbandPosition: t.union([t.string, t.null]), message: t.string },
    ),
  },
  syncWithHeadsetClock: {
    params: params(
      'SyncWithHeadsetClockParams',
      { headset: t.string, monotonicTime: t.number, systemTime: t.number },
      {},
    ),
    result: t.type({ headset: t.string, adjustment: t.number }, 'SyncWithHeadsetClockResult'),
  },

  // §4 sessions
  createSession: {
    params: params(
      'CreateSessionParams',
      { ...token, status: t.keyof({ open: null, active: null }) },
      { headset: t.string },
    ),
    result: Session,
  },
  updateSession: {
    params: params(
      'UpdateSessionParams',
      { ...token, session: t.string, status: t.keyof({ active: null, close: null }) },
      {},
    ),
    result: Session,
  },
  querySessions: { params: params('QuerySessionsParams', token, {}), result: t.array(Session) },

  // §5 data subscription
  subscribe: {
    params: params('SubscribeParams', { ...token, session: t.string, streams: idList }, {}),
    result: t.type(
      {
        success: t.array(t.type({ streamName: t.string, cols: t.array(ColumnLabel), sid: t.string })),
        failure: t.array(SubscribeFailure),
      },
      'SubscribeResult',
    ),
  },
  unsubscribe: {
    params: params('UnsubscribeParams', { ...token, session: t.string, streams: idList }, {}),
    result: t.type(
      { success: t.array(t.type({ streamName: t.string })), failure: t.array(SubscribeFailure) },
      'UnsubscribeResult',
    ),
  },

  // §6 records
  createRecord: {
    params: params(
      'CreateRecordParams',
      { ...token, session: t.string, title: t.string },
      { description: t.string, subjectName: t.string, tags: idList, experimentId: t.number },
    ),
    result: RecordResult,
  },
  stopRecord: { params: params('StopRecordParams', { ...token, session: t.string }, {}), result: RecordResult },
  updateRecord: {
    params: params(
      'UpdateRecordParams',
      { ...token, record: t.string },
      { title: t.string, description: t.string, tags: idList },
    ),
    result: CortexRecord,
  },
  deleteRecord: {
    params: params('DeleteRecordParams', { ...token, records: idList }, {}),
    result: perItemResult('recordId'),
  },
  exportRecord: {
    params: params(
      'ExportRecordParams',
      {
        ...token,
        recordIds: idList,
        folder: t.string,
        streamTypes: t.array(t.keyof({ EEG: null, MOTION: null, PM: null, BP: null })),
        format: t.keyof({ EDF: null, EDFPLUS: null, BDFPLUS: null, CSV: null }),
      },
      {
        version: t.keyof({ V1: null, V2: null }),
        licenseIds: idList,
        includeDemographics: t.boolean,
        includeSurvey: t.boolean,
        includeMarkerExtraInfos: t.boolean,
        includeDeprecatedPM: t.boolean,
      },
    ),
    result: perItemResult('recordId'),
  },
  queryRecords: {
    params: params(
      'QueryRecordsParams',
      { ...token, query: t.UnknownRecord, orderBy },
      { limit: t.number, offset: t.number, includeMarkers: t.boolean, includeSyncStatusInfo: t.boolean },
    ),
    result: t.type(
      { records: t.array(CortexRecord), count: t.number, limit: t.number, offset: t.number },
      'QueryRecordsResult',
    ),
  },
  getRecordInfos: {
    params: params('GetRecordInfosParams', { ...token, recordIds: idList }, {}),
    result: t.array(CortexRecord),
  },
  configOptOut: {
    params: params(
      'ConfigOptOutParams',
      { ...token, status: t.keyof({ get: null, set: null }) },
      { newOptOut: t.boolean },
    ),
    result: t.union(
      [
        result('ConfigOptOutResult', optOutFlags, { message: t.string }),
        result('ConfigOptOutResultV1', { newOptOut: t.boolean }, { message: t.string }),
      ],
      'ConfigOptOutResult',
    ),
  },
  requestToDownloadRecordData: {
    params: params('RequestToDownloadRecordDataParams', { ...token, recordIds: idList }, {}),
    result: perItemResult('recordId'),
  },

  // §7 markers
  injectMarker: {
    params: params(
      'InjectMarkerParams',
      { ...token, session: t.string, time: t.number, value: MarkerValue, label: t.string },
      { port: t.string, extras: t.UnknownRecord },
    ),
    result: MarkerResult,
  },
  updateMarker: {
    params: params(
      'UpdateMarkerParams',
      { ...token, session: t.string, markerId: t.string, time: t.number },
      { extras: t.UnknownRecord },
    ),
    result: MarkerResult,
  },

  // §8.1 subjects
  createSubject: {
    params: params('CreateSubjectParams', { ...token, subjectName: t.string }, SubjectParams),
    result: CortexSubject,
  },
  updateSubject: {
    params: params('UpdateSubjectParams', { ...token, subjectName: t.string }, SubjectParams),
    result: CortexSubject,
  },
  deleteSubjects: {
    params: params('DeleteSubjectsParams', { ...token, subjects: idList }, {}),
    result: perItemResult('subjectName'),
  },
  querySubjects: {
    params: params(
      'QuerySubjectsParams',
      { ...token, query: t.UnknownRecord, orderBy },
      { limit: t.number, offset: t.number },
    ),
    result: t.type(
      { subjects: t.array(CortexSubject), count: t.number, limit: t.number, offset: t.number },
      'QuerySubjectsResult',
    ),
  },
  getDemographicAttributes: {
    params: params('GetDemographicAttributesParams', token, {}),
    result: t.array(t.type({ name: t.string, value: t.array(t.string) }, 'DemographicAttribute')),
  },

  // §8.2 profiles and training
  queryProfile: {
    params: params('QueryProfileParams', token, {}),
    result: t.array(
      result('Profile', { uuid: t.string, name: t.string }, { readOnly: t.boolean, eegChannels: idList }),
    ),
  },
  getCurrentProfile: {
    params: params('GetCurrentProfileParams', { ...token, headset: t.string }, {}),
    result: t.type({ name: t.union([t.string, t.null]), loadedByThisApp: t.boolean }, 'CurrentProfile'),
  },
  setupProfile: {
    params: params(
      'SetupProfileParams',
      {
        ...token,
        status: t.keyof({ create: null, load: null, unload: null, save: null, rename: null, delete: null }),
        profile: t.string,
      },
      { headset: t.string, newProfileName: t.string },
    ),
    result: t.type({ action: t.string, name: t.string, message: t.string }, 'SetupProfileResult'),
  },
  getDetectionInfo: {
    params: params('GetDetectionInfoParams', { detection: Detection }, {}),
    result: t.type({ actions: idList, controls: idList, events: idList, signature: idList }, 'DetectionInfo'),
  },
  training: {
    params: params(
      'TrainingParams',
      {
        ...token,
        session: t.string,
        detection: Detection,
        status: t.keyof({ start: null, accept: null, reject: null, reset: null, erase: null }),
        action: t.string,
      },
      {},
    ),
    result: t.type({ action: t.string, status: t.string, message: t.string }, 'TrainingResult'),
  },
  // §3 configMapping (EPOC Flex), §8.2 loadGuestProfile and §8.3 advanced BCI
  ...FLEX_MAPPING_METHODS,
  ...BCI_METHODS,
} as const;

/** The name of a Cortex method in the table. */
export type MethodName = keyof typeof METHODS;
/** The params a method takes. */
export type ParamsOf<M extends MethodName> = t.TypeOf<(typeof METHODS)[M]['params']>;
/** The result a method answers with. */
export type ResultOf<M extends MethodName> = t.TypeOf<(typeof METHODS)[M]['result']>;

/**
 * True when `name` is a method of the table (a type guard for incoming requests).
 *
 * ## Example
 * ```ts
 * import { isMethodName } from 'cortex-rx/protocol';
 * isMethodName('createSession'); // true
 * ```
 */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(METHODS, name);
}
