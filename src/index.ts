// cortex-rx: EMOTIV Cortex as RxJS. The client (this entry), operators (cortex-rx/operators), DSP
// (cortex-rx/dsp), the embedded simulator (cortex-rx/simulator) and the protocol codecs (cortex-rx/protocol).
export { connectCortex, DEFAULT_CORTEX_URL, CortexError, CortexClientError, DIAGNOSTIC_FRAME_CHARS, collect } from './observables';
export type {
  CortexClient,
  CortexClientConfig,
  ReconnectConfig,
  ConnectionState,
  ExportRecordConfig,
  CortexSession,
  SessionConfig,
  Recording,
  RecordConfig,
  MarkerConfig,
  ClientParams,
  CortexWarning,
  CortexClientErrorCode,
  Diagnostic,
  DiagnosticKind,
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
  WebSocketLike,
  WebSocketCtor,
  EegCapture,
  CollectConfig,
  CollectedFrame,
} from './observables';
export type { MarkerEvent } from './operators';
export { METHODS, ERROR, WARNING } from './protocol';
export type { MethodName, ParamsOf, ResultOf, Session, Headset, CortexRecord, Marker, MarkerValue, StreamName } from './protocol';
