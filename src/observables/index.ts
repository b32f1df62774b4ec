export { connectCortex, DEFAULT_CORTEX_URL } from './connectCortex';
export type { CortexClient, CortexClientConfig, ExportRecordConfig } from './connectCortex';
export type { CortexSession, Recording, SessionConfig, RecordConfig, MarkerConfig } from './sessionController';
export { CortexError, CortexClientError } from './cortexError';
export type { CortexClientErrorCode } from './cortexError';
export { diagnostic, DIAGNOSTIC_FRAME_CHARS } from './diagnostic';
export type { Diagnostic, DiagnosticKind } from './diagnostic';
export { classifyFrame } from './classifyFrame';
export type { InboundMessage } from './classifyFrame';
export { frameDecoder } from './streamFrames';
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
  FrameDecoder,
} from './streamFrames';
export { backoffDelayMs, connectionStates } from './connectionStates';
export { followLive } from './followLive';
export type { ConnectionState, ReconnectConfig } from './connectionStates';
export type { CortexWarning, RawDataFrame, ClientParams } from './cortexConnection';
export { warningSubject, HEADSET_LIST_WARNINGS } from './headsetWarnings';
export { defaultWebSocketCtor } from './defaultWebSocketCtor';
export { READY_STATE } from './webSocketLike';
export type { WebSocketLike, WebSocketCtor } from './webSocketLike';
export { collect } from './collect';
export type { EegCapture, CollectConfig } from './collect';
