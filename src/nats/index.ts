// cortex-rx/nats: headsets relayed into NATS JetStream (startRelay), and read back anywhere (fromJetStream).
// The only entry point that loads the NATS client.
export { startRelay } from './startRelay';
export type { RelayConfig, RelayEvent, RelayStats, RunningRelay } from './startRelay';
export type { DroppedSpan } from './droppedSpan';
export type { NatsConnectionOptions } from './natsConnectionOptions';
export { fromJetStream } from './fromJetStream';
export type { FromJetStreamConfig, JetStreamDeliver } from './fromJetStream';
export { CORTEX_STREAM, streamSubject } from './subjects';
export { CORTEX_STREAM_DEFAULTS } from './cortexStreamConfig';
export type { CortexStreamConfig } from './cortexStreamConfig';
export { serverList } from './serverList';
// Types from the client and the protocol that the relay's and fromJetStream's signatures name.
export type { RelaySource, RelaySession } from './relaySource';
export type {
  StreamEvent,
  StreamGap,
  StreamFrames,
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
} from '../observables';
export type { StreamName } from '../protocol';
