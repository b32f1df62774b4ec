// cortex-rx/nats: headsets relayed into NATS JetStream (startRelay), and read back anywhere (fromJetStream).
// The only entry point that loads the NATS client.
export { startRelay } from './startRelay';
export type { RelayConfig, RelayEvent, RelayStats, RunningRelay } from './startRelay';
export type { DroppedSpan } from './streamBatcher';
export { fromJetStream } from './fromJetStream';
export type { FromJetStreamConfig, JetStreamDeliver } from './fromJetStream';
export { CORTEX_STREAM, streamSubject } from './subjects';
export { CORTEX_STREAM_DEFAULTS } from './ensureCortexStream';
export type { CortexStreamConfig } from './ensureCortexStream';
export { serverList } from './serverList';
