/**
 * Options passed to the NATS client's `connect` (`@nats-io/transport-node`) beside `servers`: the common ones are
 * named here; any other option of that client is passed through as given.
 */
export interface NatsConnectionOptions {
  /** A name for the connection (shown by the server's monitoring). */
  readonly name?: string;
  readonly user?: string;
  readonly pass?: string;
  readonly token?: string;
  /** Reconnect attempts before giving up; -1 (the relay's and fromJetStream's default) never gives up. */
  readonly maxReconnectAttempts?: number;
  /** Wait between reconnect attempts, in ms (the client's name for it). */
  readonly reconnectTimeWait?: number;
  /** Use only the servers given, not those the cluster advertises. */
  readonly ignoreClusterUpdates?: boolean;
  readonly [option: string]: unknown;
}
