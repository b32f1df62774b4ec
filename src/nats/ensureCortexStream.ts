import { JetStreamApiCodes, JetStreamApiError, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import type { JetStreamManager, StreamInfo } from '@nats-io/jetstream';
import type { connect } from '@nats-io/transport-node';

type NatsConnection = Awaited<ReturnType<typeof connect>>;
import { CORTEX_STREAM } from './subjects';

/** How the CORTEX stream is created when it is missing (an existing stream is used as it is). */
export interface CortexStreamConfig {
  /** Messages older than this are removed (default 86 400: one day). */
  readonly maxAgeS?: number;
  /** The stream keeps at most this many bytes, removing the oldest messages (default 1 GiB). */
  readonly maxBytes?: number;
  /** Copies of each message (default min(3, nodes in the cluster)). */
  readonly replicas?: number;
}

/** The stream's defaults. */
export const CORTEX_STREAM_DEFAULTS = { maxAgeS: 86_400, maxBytes: 1024 ** 3 } as const;

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
