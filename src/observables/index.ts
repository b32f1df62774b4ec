// The public surface of the client (re-exported by the package root). Everything else in src/observables is
// internal: the CLI, tests and benchmarks import it by path.
export { connectCortex } from './connectCortex';
export type { CortexClient } from './cortexClient';
export { DEFAULT_CORTEX_URL } from './config/cortexClientConfig';
export type { CortexClientConfig } from './config/cortexClientConfig';
export type { ExportRecordConfig } from './records/exportRecordConfig';
export type { CortexSession, SessionConfig } from './session/cortexSession';
export type { Recording, RecordConfig, MarkerConfig } from './session/recording';
export { CortexError, CortexClientError } from './cortexError';
export type { CortexClientErrorCode } from './cortexError';
export { DIAGNOSTIC_FRAME_CHARS } from './diagnostic';
export type { Diagnostic, DiagnosticKind } from './diagnostic';
export type {
  EegFrame,
  EegMarker,
  MotionFrame,
  DevFrame,
  EqFrame,
  PowFrame,
  MetFrame,
  ComFrame,
  FacFrame,
  SysFrame,
  StreamGap,
  StreamFrames,
  StreamEvent,
} from './ingest/streamFrames';
export type { ConnectionState, ReconnectConfig } from './socket/connectionState';
export type { CortexWarning } from './connection/cortexWarning';
export type { AccessState } from './connection/accessState';
export type { ClientParams } from './connection/clientParams';
export type { WebSocketLike, WebSocketCtor } from './webSocketLike';
export { collect } from './collect';
export type { EegCapture, CollectConfig, CollectedFrame } from './collect';
