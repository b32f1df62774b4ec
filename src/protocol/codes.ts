/**
 * Cortex error codes (§9) as named constants. Numbers marked v1 in the reference come from the Cortex 1.x
 * table and are what the simulator answers with; the JSON-RPC 2.0 codes are from the JSON-RPC spec §5.1.
 *
 * ## Example
 * ```ts
 * import { ERROR } from 'cortex-rx/protocol';
 * if (err.code === ERROR.SESSION_LIMIT_REACHED) console.log('authorize with debit > 0');
 * ```
 */
export const ERROR = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  CLOUD_ERROR: -32000,
  INVALID_LICENSE: -32002,
  NO_INTERNET: -32003,
  HEADSET_UNAVAILABLE: -32004,
  SESSION_ALREADY_EXISTS: -32005,
  NO_LICENSE_TO_ACTIVATE: -32006,
  SESSION_NOT_FOUND: -32007,
  /** v1 "record stopped": used for markers and stopRecord without a running record. */
  RECORD_NOT_RUNNING: -32011,
  SESSION_NOT_ACTIVATED: -32012,
  INVALID_STATUS: -32013,
  INVALID_TOKEN: -32014,
  TOKEN_EXPIRED: -32015,
  STREAM_UNAVAILABLE: -32016,
  /** v1 "record already started". */
  RECORD_ALREADY_STARTED: -32017,
  MISSING_PARAMS: -32018,
  SESSION_LIMIT_REACHED: -32019,
  /** v1 "headset must be connected by USB cable": updateHeadset over a dongle or Bluetooth (§3.1 says USB only). */
  USB_CABLE_REQUIRED: -32020,
  INVALID_CREDENTIALS: -32021,
  LICENSE_EXPIRED: -32024,
  DEBIT_OVER_MAX: -32025,
  APP_NOT_PERMITTED: -32027,
  USER_NOT_LOGGED_IN: -32033,
  /** "App has no access right" (Unity's code): authorize before the user approved the app in the Launcher. */
  NO_ACCESS_RIGHT: -32102,
  /** UNVERIFIED in v2 (the reference names no number for "record does not exist"): the simulator uses this one. */
  RECORD_NOT_FOUND: -32047,
  /** v1 "no profile loaded for headset" (the v2 number is UNVERIFIED): a §8.3 `session` call with no profile loaded. */
  NO_PROFILE_LOADED: -32045,
  PROFILE_OF_OTHER_APP: -32046,
  /** "The opt-out feature is unavailable." (EMOTIV, cortex-example#125): configOptOut set by an app that may not. */
  OPT_OUT_UNAVAILABLE: -32155,
  /** Not a Cortex code: the simulator's own refusal of a frame over its size limit or a per-app resource limit. */
  LIMIT_EXCEEDED: -32050,
} as const;
export type ErrorCode = (typeof ERROR)[keyof typeof ERROR];

/**
 * Cortex warning codes (§1.5) as named constants.
 *
 * ## Example
 * ```ts
 * import { WARNING } from 'cortex-rx/protocol';
 * if (w.code === WARNING.HEADSET_CONNECTED) console.log('ready');
 * ```
 */
export const WARNING = {
  CORTEX_STOP_ALL_STREAMS: 0,
  CORTEX_CLOSE_SESSION: 1,
  USER_LOGIN: 2,
  USER_LOGOUT: 3,
  USER_NOT_ACCEPT_LICENSE: 6,
  ACCESS_RIGHT_GRANTED: 9,
  ACCESS_RIGHT_REJECTED: 10,
  PROFILE_LOADED: 13,
  PROFILE_UNLOADED: 14,
  CORTEX_AUTO_UNLOAD_PROFILE: 15,
  EULA_ACCEPTED: 17,
  DISKSPACE_LOW: 19,
  DISKSPACE_CRITICAL: 20,
  CORTEX_IS_READY: 23,
  CORTEX_RECORD_POST_PROCESSING_DONE: 30,
  HEADSET_WRONG_INFORMATION: 100,
  HEADSET_CANNOT_CONNECT: 101,
  HEADSET_CANNOT_CONNECT_TIMEOUT: 102,
  HEADSET_DISCONNECTED_TIMEOUT: 103,
  HEADSET_CONNECTED: 104,
  HEADSET_SETTING_APPLIED: 110,
  HEADSET_SETTING_FAILED: 111,
  HEADSET_CANNOT_WORK_WITH_BTLE: 112,
  HEADSET_SCANNING_FINISHED: 142,
} as const;
export type WarningCode = (typeof WARNING)[keyof typeof WARNING];
