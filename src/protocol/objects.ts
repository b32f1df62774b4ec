import * as t from 'io-ts';

/** Fields not all Cortex versions send; `t.type` still accepts the extra fields newer services add. */
const nullableString = t.union([t.string, t.null]);

/** Headset settings (§3.2): `mode` is EPOC/EPOCPLUS/EPOCFLEX, or INSIGHT/UNKNOWN as observed. */
export const HeadsetSettings = t.type(
  { mode: t.string, eegRate: t.number, eegRes: t.number, memsRate: t.number, memsRes: t.number },
  'HeadsetSettings',
);
export type HeadsetSettings = t.TypeOf<typeof HeadsetSettings>;

/** Headset connection status (§3.2). */
export const HeadsetStatus = t.keyof({ discovered: null, connecting: null, connected: null }, 'HeadsetStatus');
export type HeadsetStatus = t.TypeOf<typeof HeadsetStatus>;

/**
 * The headset object (§3.2). Required: the fields every Cortex version sends; the rest are optional.
 *
 * ## Example
 * ```ts
 * import { Headset } from 'cortex-rx/protocol';
 * const ok = Headset.is(JSON.parse(frame).result[0]);
 * ```
 */
export const Headset = t.intersection(
  [
    t.type({
      id: t.string,
      status: HeadsetStatus,
      connectedBy: t.string,
      dongle: t.string,
      firmware: t.string,
      motionSensors: t.array(t.string),
      sensors: t.array(t.string),
      settings: HeadsetSettings,
    }),
    t.partial({
      headbandPosition: nullableString,
      customName: t.string,
      isVirtual: t.boolean,
      virtualHeadsetId: t.string,
      firmwareDisplay: t.string,
      isDfuMode: t.boolean,
      dfuTypes: t.array(t.string),
      flexMappings: t.UnknownRecord,
    }),
  ],
  'Headset',
);
export type Headset = t.TypeOf<typeof Headset>;

/** Session status as reported in the session object (§4): note the request uses open/active/close. */
export const SessionStatus = t.keyof({ opened: null, activated: null, closed: null }, 'SessionStatus');
export type SessionStatus = t.TypeOf<typeof SessionStatus>;

/** The session object (§4). */
export const Session = t.intersection(
  [
    t.type({
      id: t.string,
      status: SessionStatus,
      owner: t.string,
      license: t.string,
      appId: t.string,
      started: t.string,
      streams: t.array(t.string),
      recordIds: t.array(t.string),
      recording: t.boolean,
      headset: Headset,
    }),
    t.partial({ stopped: t.string, performanceMetrics: t.array(t.UnknownRecord) }),
  ],
  'Session',
);
export type Session = t.TypeOf<typeof Session>;

/** A marker value: a string or a non-negative integer (§7). */
export const MarkerValue = t.union([t.string, t.number], 'MarkerValue');
export type MarkerValue = t.TypeOf<typeof MarkerValue>;

/** The marker object (§7). `endDatetime` equals `startDatetime` until `updateMarker` sets it. */
export const Marker = t.intersection(
  [
    t.type({
      uuid: t.string,
      type: t.keyof({ instance: null, interval: null }),
      value: MarkerValue,
      label: t.string,
      port: t.string,
      startDatetime: t.string,
    }),
    t.partial({ endDatetime: t.string, extras: t.UnknownRecord }),
  ],
  'Marker',
);
export type Marker = t.TypeOf<typeof Marker>;

/** The record object (§6). */
export const CortexRecord = t.intersection(
  [
    t.type({
      uuid: t.string,
      title: t.string,
      startDatetime: t.string,
    }),
    t.partial({
      ownerId: t.string,
      applicationId: t.string,
      applicationVersion: t.string,
      description: t.string,
      tags: t.array(t.string),
      experimentId: t.number,
      endDatetime: nullableString,
      licenseId: t.string,
      licenseScope: t.array(t.string),
      subject: t.type({ subjectName: t.string }),
      localOnly: t.boolean,
      headbandPosition: nullableString,
      markers: t.array(Marker),
      syncStatus: t.type({ status: t.string }),
      modifiedDatetime: t.string,
      duration: t.number,
    }),
  ],
  'CortexRecord',
);
export type CortexRecord = t.TypeOf<typeof CortexRecord>;

/** A demographic attribute of a subject: `{ name, value }` (§8.1). */
export const SubjectAttribute = t.type({ name: t.string, value: t.string }, 'SubjectAttribute');
export type SubjectAttribute = t.TypeOf<typeof SubjectAttribute>;

/** The subject object (§8.1); fields beyond these are UNVERIFIED. Named `CortexSubject`, not `Subject`, so it never shadows rxjs's `Subject`. */
export const CortexSubject = t.intersection(
  [
    t.type({ subjectName: t.string }),
    t.partial({
      dateOfBirth: t.string,
      sex: t.string,
      countryCode: t.string,
      state: t.string,
      city: t.string,
      attributes: t.array(SubjectAttribute),
      experimentsCount: t.number,
      modifiedDatetime: t.string,
    }),
  ],
  'CortexSubject',
);
export type CortexSubject = t.TypeOf<typeof CortexSubject>;

/** The license object of getLicenseInfo (§2). */
export const License = t.intersection(
  [
    t.type({ licenseId: t.string, scopes: t.array(t.string) }),
    t.partial({
      applications: t.array(t.string),
      billingFrom: t.string,
      billingTo: t.string,
      validFrom: t.string,
      validTo: t.string,
      softLimitTime: t.string,
      hardLimitTime: t.string,
      deviceInfo: t.UnknownRecord,
      expired: t.boolean,
      extenderLimit: t.number,
      isCommercial: t.boolean,
      licenseName: t.string,
      localQuota: t.number,
      maxDebit: t.union([t.number, t.null]),
      seatCount: t.number,
      sessionCount: t.number,
      totalDebit: t.number,
      totalRegisteredDevices: t.number,
    }),
  ],
  'License',
);
export type License = t.TypeOf<typeof License>;

/** One entry of getUserLogin's result (§2). */
export const UserLogin = t.intersection(
  [
    t.type({ username: t.string }),
    t.partial({
      currentOSUId: t.string,
      currentOSUsername: t.string,
      loggedInOSUId: t.string,
      loggedInOSUsername: t.string,
      lastLoginTime: t.string,
    }),
  ],
  'UserLogin',
);
export type UserLogin = t.TypeOf<typeof UserLogin>;
