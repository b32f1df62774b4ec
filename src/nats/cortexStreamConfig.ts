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
