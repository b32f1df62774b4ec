import { randomBytes } from 'crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnectionOptions } from './natsConnectionOptions';
import { Subject, firstValueFrom, merge, switchMap, tap, type Observable } from 'rxjs';
import type { StreamGap } from '../observables';
import type { RelaySource } from './relaySource';
import type { StreamName } from '../protocol';
import { serverList } from './serverList';
import type { CortexStreamConfig } from './cortexStreamConfig';
import { ensureCortexStream } from './ensureCortexStream';
import type { DroppedSpan } from './droppedSpan';
import { StreamBatcher } from './streamBatcher';
import { SubjectPublisher, type BufferBudget } from './subjectPublisher';
import { assertSubjectToken, streamSubject } from './subjects';

/** What the relay publishes and how. */
export interface RelayConfig {
  /** NATS servers: an array, or one comma-separated string (`nats://host:4222,nats://other:4222`). */
  readonly servers: string | readonly string[];
  /** The Cortex client whose headsets are relayed. */
  readonly client: RelaySource;
  /** `'all'` (the headsets Cortex lists when the relay starts; the default) or the ids to relay. */
  readonly headsets?: 'all' | readonly string[];
  /** The streams to relay (default `['eeg']`). */
  readonly streams?: readonly StreamName[];
  /** Values on the wire: `float64` (default, exact) or `float32` (half the bytes, ~7 significant digits). */
  readonly valueType?: 'float64' | 'float32';
  /** Frames are batched this long per message (default 62.5 ms: 16 eeg samples at 256 Hz). */
  readonly batchIntervalMs?: number;
  /** Bytes waiting for JetStream (all subjects); beyond it batches are dropped and reported (default 64 MiB). */
  readonly maxBufferBytes?: number;
  /** A publish not acknowledged this long is sent again, with the same Nats-Msg-Id (default 2000). */
  readonly publishTimeoutMs?: number;
  /** How the `CORTEX` stream is created when missing. */
  readonly stream?: CortexStreamConfig;
  /** Options for the NATS connection (default: reconnect forever, every 250 ms). */
  readonly connection?: NatsConnectionOptions;
}

/** What a running relay reports. */
export type RelayEvent =
  | { readonly _tag: 'session'; readonly headsetId: string }
  | { readonly _tag: 'gap'; readonly headsetId: string; readonly gap: StreamGap }
  | ({ readonly _tag: 'dropped'; readonly headsetId: string; readonly stream: StreamName } & Readonly<DroppedSpan>)
  | { readonly _tag: 'error'; readonly headsetId: string; readonly error: unknown };

/** Counts of a running relay. */
export interface RelayStats {
  /** Samples queued for JetStream, per stream (all headsets). */
  readonly samples: Readonly<Partial<Record<StreamName, number>>>;
  /** Samples dropped because the buffer was full (counted as they are dropped; the `dropped` event follows once
   * the relay has room again and has queued the notice). */
  readonly droppedSamples: number;
  /** Bytes waiting for a JetStream acknowledgement. */
  readonly bufferedBytes: number;
}

/** A relay started by `startRelay`. */
export interface RunningRelay {
  /** The headsets relayed. */
  readonly headsetIds: readonly string[];
  /** Sessions (re)created, gaps, drops and session errors, as they happen (hot). */
  readonly events: Observable<RelayEvent>;
  stats(): RelayStats;
  /** Stops the sessions, publishes what is batched and buffered (up to `timeoutMs`, default 5000), disconnects. */
  close(timeoutMs?: number): Promise<void>;
}

async function chooseHeadsets(client: RelaySource, wanted: RelayConfig['headsets']): Promise<string[]> {
  const ids =
    wanted === undefined || wanted === 'all' ? (await firstValueFrom(client.headsets())).map((h) => h.id) : [...wanted];
  for (const id of ids) assertSubjectToken(id, 'headset id');
  if (ids.length === 0) throw new Error('no headset to relay: Cortex lists none');
  return ids;
}

/**
 * Relays headsets into NATS JetStream: opens a session on each chosen headset and publishes each chosen stream
 * to `cortex.<headsetId>.<stream>` (eeg markers also to `cortex.<headsetId>.markers`) in the `CORTEX` stream,
 * created when missing. Frames are batched per `batchIntervalMs` into the compact binary messages README
 * "Deployment" documents, each with a `Nats-Msg-Id`, published in order per subject and retried until
 * JetStream acknowledges them. A relay that loses NATS keeps batching into its buffer and catches up; one that
 * loses Cortex reconnects as the client does, and the client's gap events are published on the subject.
 *
 * ## Example
 * ```ts
 * import { connectCortex } from 'cortex-rx';
 * import { startRelay } from 'cortex-rx/nats';
 * const client = connectCortex({ url: 'ws://127.0.0.1:6868', clientId: 'my-app', clientSecret: 'my-secret' });
 * const relay = await startRelay({ servers: 'nats://127.0.0.1:4222', client, streams: ['eeg', 'pow'] });
 * relay.events.subscribe((e) => console.log(e));
 * // ... later
 * await relay.close();
 * ```
 */
export async function startRelay(config: RelayConfig): Promise<RunningRelay> {
  const headsetIds = await chooseHeadsets(config.client, config.headsets);
  const nc = await connect({
    servers: serverList(config.servers),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    ...config.connection,
  });
  try {
    const jsm = await jetstreamManager(nc);
    await ensureCortexStream(nc, jsm, config.stream);
    return runRelay(config, headsetIds, nc);
  } catch (e) {
    await nc.close();
    throw e;
  }
}

interface RelayParts {
  readonly config: RelayConfig;
  readonly js: ReturnType<typeof jetstream>;
  readonly events: Subject<RelayEvent>;
  readonly budget: BufferBudget;
  readonly relayId: string;
  /** Set by close: what the streams say while their sessions close (a `disconnected` gap) is not relayed. */
  readonly closing: { value: boolean };
}

/** The batchers and publishers of one headset, and the subscription to its session's streams. */
function relayHeadset(parts: RelayParts, headsetId: string) {
  const { config, events } = parts;
  const float32 = config.valueType === 'float32';
  const perStream = (config.streams ?? ['eeg']).map((stream) => {
    const subject = streamSubject(headsetId, stream);
    const idPrefix = `${parts.relayId}.${headsetId}.${stream}`;
    const publishTimeoutMs = config.publishTimeoutMs ?? 2000;
    const publisher = new SubjectPublisher(parts.js, subject, idPrefix, parts.budget, publishTimeoutMs, 100);
    const onDropped = (span: DroppedSpan) => {
      events.next({ _tag: 'dropped', headsetId, stream, ...span });
    };
    const markers = stream === 'eeg' ? streamSubject(headsetId, 'markers') : undefined;
    const batcher: StreamBatcher<StreamName> = new StreamBatcher(
      headsetId,
      stream,
      publisher,
      float32,
      onDropped,
      markers,
    );
    return { stream, batcher, publisher };
  });
  const subscription = config.client
    .session({ headset: headsetId })
    .pipe(
      switchMap((session) => {
        events.next({ _tag: 'session', headsetId });
        const relayed = perStream.map(({ stream, batcher }) =>
          session.stream(stream).pipe(
            tap((e) => {
              if (parts.closing.value) return;
              if (e._tag === 'gap') events.next({ _tag: 'gap', headsetId, gap: e });
              batcher.push(e);
            }),
          ),
        );
        return merge(...relayed);
      }),
    )
    .subscribe({ error: (error: unknown) => events.next({ _tag: 'error', headsetId, error }) });
  return { perStream, subscription };
}

type NatsConnection = Awaited<ReturnType<typeof connect>>;

function runRelay(config: RelayConfig, headsetIds: readonly string[], nc: NatsConnection): RunningRelay {
  const events = new Subject<RelayEvent>();
  const budget: BufferBudget = { maxBytes: config.maxBufferBytes ?? 64 * 1024 ** 2, usedBytes: 0 };
  const parts: RelayParts = {
    config,
    js: jetstream(nc),
    events,
    budget,
    relayId: randomBytes(6).toString('hex'),
    closing: { value: false },
  };
  const headsets = headsetIds.map((id) => relayHeadset(parts, id));
  const all = headsets.flatMap((h) => h.perStream);
  const timer = setInterval(() => all.forEach((s) => s.batcher.flush()), config.batchIntervalMs ?? 62.5);
  let closed: Promise<void> | undefined;
  const close = async (timeoutMs: number) => {
    parts.closing.value = true;
    headsets.forEach((h) => h.subscription.unsubscribe());
    clearInterval(timer);
    all.forEach((s) => s.batcher.flush());
    let expired: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(all.map((s) => s.publisher.drained())),
      new Promise((r) => (expired = setTimeout(r, timeoutMs))),
    ]);
    clearTimeout(expired);
    all.forEach((s) => s.publisher.stop());
    events.complete();
    await nc.close();
  };
  return {
    headsetIds,
    events: events.asObservable(),
    stats: () => {
      const samples: Partial<Record<StreamName, number>> = {};
      for (const s of all) samples[s.stream] = (samples[s.stream] ?? 0) + s.batcher.samples;
      const droppedSamples = all.reduce((n, s) => n + s.batcher.droppedSamples, 0);
      return { samples, droppedSamples, bufferedBytes: budget.usedBytes };
    },
    close: (timeoutMs = 5000) => (closed ??= close(timeoutMs)),
  };
}
