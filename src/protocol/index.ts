export {
  RpcId,
  RpcRequest,
  RpcErrorObject,
  RpcSuccess,
  RpcFailure,
  RpcResponse,
  WarningMessage,
  DataFrame,
} from './jsonRpc';
export { ERROR, WARNING } from './codes';
export type { ErrorCode, WarningCode } from './codes';
export {
  Headset,
  HeadsetSettings,
  HeadsetStatus,
  Session,
  SessionStatus,
  Marker,
  MarkerValue,
  CortexRecord,
  CortexSubject,
  SubjectAttribute,
  License,
  UserLogin,
} from './objects';
export {
  STREAM_NAMES,
  StreamName,
  ColumnLabel,
  POW_BANDS,
  MET_COLUMNS,
  PERFORMANCE_METRICS,
  streamColumns,
} from './streams';
export { METHODS, isMethodName } from './methods';
export { describeDecodeErrors } from './describeErrors';
export { findJsonHazard, MAX_JSON_DEPTH } from './findJsonHazard';
export type { JsonHazard } from './findJsonHazard';
export type { DecodeIssue } from './describeErrors';
export type { MethodName, ParamsOf, ResultOf } from './methods';
export { TOKENLESS_METHODS } from './tokenlessMethods';
