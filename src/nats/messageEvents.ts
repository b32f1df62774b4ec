import type { JetStreamManager } from '@nats-io/jetstream';
import type { StreamEvent, StreamGap } from '../observables';
import type { StreamName } from '../protocol';
import { decodeSamples, messageTail, readMessage } from './decodeMessage';
import { CORTEX_STREAM, layoutSubject } from './subjects';
import { MessageKind } from './wireFormat';

/** A layout not (yet) in the stream is looked up again this many times, this far apart. */
const LAYOUT_TRIES = 20;
const LAYOUT_RETRY_MS = 100;

/**
 * Turns relay messages of one headset's stream back into the events `session.stream(stream)` gave: frames, and
 * gaps. A `dropped` notice (samples the relay could not buffer) becomes a `stalled` gap followed by `resumed`.
 * Column layouts are read from their subject the first time a layout id is seen.
 * @internal
 */
export class MessageEvents<S extends StreamName> {
  private readonly layouts = new Map<number, readonly string[]>();

  constructor(
    private readonly jsm: JetStreamManager,
    private readonly headsetId: string,
    private readonly stream: S,
  ) {}

  /** The events of one message, in order. */
  async decode(data: Uint8Array): Promise<Array<StreamEvent<S>>> {
    const m = readMessage(data);
    const { kind, stream } = m.header;
    if (stream !== this.stream) throw new RangeError(`a ${String(stream)} message on the ${this.stream} subject`);
    switch (kind) {
      case MessageKind.samples:
        return decodeSamples(m, this.stream, await this.names(m.header.layoutId));
      case MessageKind.gap: {
        const body = messageTail(m) as Pick<StreamGap, 'reason' | 'lastTimeS'>;
        return [{ _tag: 'gap', stream: this.stream, reason: body.reason, lastTimeS: body.lastTimeS ?? undefined }];
      }
      case MessageKind.dropped: {
        const body = messageTail(m) as { lastTimeS?: number; toTimeS: number };
        return [
          { _tag: 'gap', stream: this.stream, reason: 'stalled', lastTimeS: body.lastTimeS ?? undefined },
          { _tag: 'gap', stream: this.stream, reason: 'resumed', lastTimeS: body.toTimeS },
        ];
      }
      default:
        return [];
    }
  }

  private async names(layoutId: number): Promise<readonly string[]> {
    const known = this.layouts.get(layoutId);
    if (known) return known;
    const subject = layoutSubject(this.headsetId, this.stream, layoutId);
    for (let i = 0; i < LAYOUT_TRIES; i++) {
      const stored = await this.jsm.streams.getMessage(CORTEX_STREAM, { last_by_subj: subject }).catch(() => null);
      if (stored) {
        const { names } = messageTail(readMessage(stored.data)) as { names: string[] };
        this.layouts.set(layoutId, names);
        return names;
      }
      await new Promise((r) => setTimeout(r, LAYOUT_RETRY_MS));
    }
    throw new RangeError(`layout ${layoutId.toString(16)} of ${this.headsetId} ${this.stream} is not in the stream`);
  }
}
