import { JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager, StreamInfo } from '@nats-io/jetstream';
import type { connect } from '@nats-io/transport-node';

type NatsConnection = Awaited<ReturnType<typeof connect>>;
import { CORTEX_STREAM } from './subjects';
import { CORTEX_STREAM_DEFAULTS, type CortexStreamConfig } from './cortexStreamConfig';

/**
 * The nodes of the cluster the connection reached: the client URLs it advertises (itself included), or 1 for a
 * server that is not in a cluster.
 * @internal
 */
export function clusterSize(nc: NatsConnection): number {
  const info = nc.info;
  if (!info?.cluster || !info.connect_urls) return 1;
  return Math.max(1, new Set(info.connect_urls).size);
}

/**
 * Returns the info of the `CORTEX` stream, creating it when missing: subjects `cortex.>`, file storage, limits
 * retention by age and size (oldest discarded), replicas min(3, cluster size), a 2-minute de-duplication window.
 * @internal
 */
export async function ensureCortexStream(
  nc: NatsConnection,
  jsm: JetStreamManager,
  config: CortexStreamConfig = {},
): Promise<StreamInfo> {
  try {
    return await jsm.streams.info(CORTEX_STREAM);
  } catch (e) {
    if (!(e instanceof JetStreamApiError) || e.code !== JetStreamApiCodes.StreamNotFound) throw e;
  }
  const maxAgeS = config.maxAgeS ?? CORTEX_STREAM_DEFAULTS.maxAgeS;
  try {
    return await jsm.streams.add({
      name: CORTEX_STREAM,
      subjects: ['cortex.>'],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      num_replicas: config.replicas ?? Math.min(3, clusterSize(nc)),
      max_age: maxAgeS * 1e9,
      max_bytes: config.maxBytes ?? CORTEX_STREAM_DEFAULTS.maxBytes,
      duplicate_window: Math.min(120, maxAgeS) * 1e9,
    });
  } catch (e) {
    // Another relay created it meanwhile.
    if (e instanceof JetStreamApiError) return jsm.streams.info(CORTEX_STREAM).catch(() => Promise.reject(e));
    throw e;
  }
}
