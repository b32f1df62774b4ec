import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { Consumer, ConsumerConfig, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnectionOptions } from './natsConnectionOptions';
import { Observable, type Subscriber } from 'rxjs';
import type { StreamEvent } from '../observables';
import type { StreamName } from '../protocol';
import { MessageEvents } from './messageEvents';
import { serverList } from './serverList';
import { CORTEX_STREAM, assertSubjectToken, streamSubject } from './subjects';

/** Where a consumer starts: new messages only, everything the stream holds, or from a time. */
export type JetStreamDeliver = 'new' | 'all' | { readonly startTimeS: number };

/** What `fromJetStream` reads. */
export interface FromJetStreamConfig<S extends StreamName> {
  /** NATS servers: an array, or one comma-separated string. */
  readonly servers: string | readonly string[];
  readonly headsetId: string;
  readonly stream: S;
  /**
   * A durable consumer's name: it acknowledges each message once all its events were emitted, and a later
   * `fromJetStream` with the same name resumes after the last acknowledged message. Without it, an ordered
   * ephemeral consumer reads from `deliver`.
   */
  readonly durable?: string;
  /** Where a new consumer starts (default `'new'`); a durable that exists resumes where it was. */
  readonly deliver?: JetStreamDeliver;
  /** Options for the NATS connection (default: reconnect forever). */
  readonly connection?: NatsConnectionOptions;
}

type NatsConnection = Awaited<ReturnType<typeof connect>>;

function deliverPolicy(deliver: JetStreamDeliver | undefined): Partial<ConsumerConfig> {
  if (deliver === undefined || deliver === 'new') return { deliver_policy: DeliverPolicy.New };
  if (deliver === 'all') return { deliver_policy: DeliverPolicy.All };
  return { deliver_policy: DeliverPolicy.StartTime, opt_start_time: new Date(deliver.startTimeS * 1000).toISOString() };
}

async function openConsumer(
  nc: NatsConnection,
  jsm: JetStreamManager,
  config: FromJetStreamConfig<StreamName>,
): Promise<Consumer> {
  const js = jetstream(nc);
  const subject = streamSubject(config.headsetId, config.stream);
  const durable = config.durable;
  if (durable === undefined) {
    return js.consumers.get(CORTEX_STREAM, { filter_subjects: subject, ...deliverPolicy(config.deliver) });
  }
  const exists = await jsm.consumers.info(CORTEX_STREAM, durable).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await jsm.consumers.add(CORTEX_STREAM, {
      durable_name: durable,
      filter_subject: subject,
      ack_policy: AckPolicy.Explicit,
      ack_wait: 30e9,
      ...deliverPolicy(config.deliver),
    });
  }
  return js.consumers.get(CORTEX_STREAM, durable);
}

/**
 * Messages per pull request. A durable consumer pulls one at a time: a subscriber that leaves then holds no
 * message but the one its last request may still bring, which it gives back (nak) and JetStream redelivers first,
 * so the next subscriber of the durable continues in order. An ordered consumer (nothing to give back) pulls ahead.
 */
const FETCH_MESSAGES = { durable: 1, ordered: 64 } as const;

/** Emits one message's events; acknowledges it (durable) once all were emitted, else gives it back (nak). */
async function deliver<S extends StreamName>(
  m: JsMsg,
  decoder: MessageEvents<S>,
  subscriber: Subscriber<StreamEvent<S>>,
  durable: boolean,
): Promise<void> {
  if (subscriber.closed) {
    if (durable) m.nak();
    return;
  }
  const events = await decoder.decode(m.data);
  let emitted = 0;
  for (const e of events) {
    if (subscriber.closed) break;
    subscriber.next(e);
    emitted++;
  }
  if (!durable) return;
  if (emitted === events.length) m.ack();
  else m.nak();
}

async function pump<S extends StreamName>(
  config: FromJetStreamConfig<S>,
  subscriber: Subscriber<StreamEvent<S>>,
): Promise<void> {
  const nc = await connect({ servers: serverList(config.servers), maxReconnectAttempts: -1, ...config.connection });
  try {
    const jsm = await jetstreamManager(nc);
    const consumer = await openConsumer(nc, jsm, config);
    const decoder = new MessageEvents(jsm, config.headsetId, config.stream);
    if (config.durable === undefined) {
      // An ordered consumer pulls ahead continuously and has nothing to give back: stop it when the subscriber leaves.
      const messages = await consumer.consume({ max_messages: FETCH_MESSAGES.ordered });
      subscriber.add(() => void messages.stop());
      for await (const m of messages) await deliver(m, decoder, subscriber, false);
      return;
    }
    while (!subscriber.closed) {
      try {
        const batch = await consumer.fetch({ max_messages: FETCH_MESSAGES.durable, expires: 1000 });
        for await (const m of batch) await deliver(m, decoder, subscriber, true);
      } catch (e) {
        if (e instanceof RangeError) throw e;
        // NATS trouble (a node restarting, a leader election): fetch again.
        if (!subscriber.closed) await new Promise((r) => setTimeout(r, 250));
      }
    }
  } finally {
    await nc.drain().catch(() => nc.close());
  }
}

/**
 * One headset's stream as relayed into JetStream (`startRelay`): an Observable of exactly the events
 * `session.stream(stream)` gave on the relay's machine (same frame types, gap events included), so that every
 * operator runs unchanged anywhere. With `durable`, each message is acknowledged after its events were
 * emitted and a restart resumes after the last one, without loss or duplicate; unsubscribing in the middle of a
 * message's events gives that message back, so its events come again to the next subscriber.
 *
 * ## Example
 * ```ts
 * import { fromJetStream } from 'cortex-rx/nats';
 * import { epoch, bandPower } from 'cortex-rx/operators';
 * fromJetStream({ servers: 'nats://127.0.0.1:4222', headsetId: 'EPOCX-A1B2C3D4', stream: 'eeg', durable: 'alpha' })
 *   .pipe(epoch({ lengthSamples: 256, hopSamples: 64 }), bandPower({ sampleRateHz: 128 }))
 *   .subscribe((p) => console.log(p.bandNames, p.absolute));
 * ```
 */
export function fromJetStream<S extends StreamName>(config: FromJetStreamConfig<S>): Observable<StreamEvent<S>> {
  return new Observable<StreamEvent<S>>((subscriber) => {
    assertSubjectToken(config.headsetId, 'headset id');
    if (config.durable !== undefined) assertSubjectToken(config.durable, 'durable name');
    pump(config, subscriber).catch((e: unknown) => subscriber.error(e));
  });
}
