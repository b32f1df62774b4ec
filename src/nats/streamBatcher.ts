import type { StreamEvent, StreamFrames, StreamGap } from '../observables';
import type { StreamName } from '../protocol';
import { encodeNotice, encodeSamples, layoutOf, type WireLayout } from './encodeMessage';
import { FRAME_CELLS } from './frameCells';
import { layoutSubject } from './subjects';
import type { SubjectPublisher } from './subjectPublisher';
import { MessageKind } from './wireFormat';
import type { DroppedSpan } from './droppedSpan';

/** A layout is published again after this long, so that age retention never removes the last copy. */
const LAYOUT_REPUBLISH_MS = 60_000;
/** Most samples in one message. */
const MAX_SAMPLES_PER_MESSAGE = 4096;

/**
 * Batches one stream of one headset: frames wait until `flush` (the relay's batch timer) and go as one samples
 * message; a gap flushes first and follows as its own message; a new column layout is published before the
 * first samples that use it. When the relay's buffer is full, the batch is dropped and counted, and a `dropped`
 * notice precedes the next batch that fits.
 * @internal
 */
export class StreamBatcher<S extends StreamName> {
  private frames: Array<StreamFrames[S]> = [];
  private layout: WireLayout | undefined;
  private layoutNames: readonly string[] | undefined;
  private layoutSentMs = 0;
  private lastTimeS: number | undefined;
  private dropped: DroppedSpan | undefined;
  /** Samples queued for publishing. */
  samples = 0;
  /** Samples dropped because the relay's buffer was full. */
  droppedSamples = 0;

  constructor(
    private readonly headsetId: string,
    private readonly stream: S,
    private readonly publisher: SubjectPublisher,
    private readonly float32: boolean,
    private readonly onDropped: (span: DroppedSpan) => void,
    private readonly markersSubject?: string,
  ) {}

  /** Takes the next event of `session.stream(stream)`. */
  push(e: StreamEvent<S>): void {
    if (e._tag === 'gap') {
      this.flush();
      const gap = e as StreamGap;
      this.publisher.force(
        encodeNotice(MessageKind.gap, this.stream, { reason: gap.reason, lastTimeS: gap.lastTimeS }),
      );
      return;
    }
    const frame = e as StreamFrames[S];
    const names = FRAME_CELLS[this.stream].names(frame);
    if (names !== this.layoutNames) {
      const layout = layoutOf(this.stream, frame);
      this.layoutNames = names;
      if (layout.id !== this.layout?.id) {
        this.flush();
        this.layout = layout;
        this.publishLayout();
      }
    }
    this.frames.push(frame);
    const markers = (frame as { readonly markers?: readonly unknown[] }).markers;
    if (this.markersSubject && markers && markers.length > 0) {
      const body = { timeS: frame.timeS, markers };
      this.publisher.force(
        encodeNotice(MessageKind.markers, undefined, body, { timeS: frame.timeS }),
        this.markersSubject,
      );
    }
    if (this.frames.length >= MAX_SAMPLES_PER_MESSAGE) this.flush();
  }

  /** Publishes the waiting frames as one message (or drops them when the buffer is full). */
  flush(): void {
    const frames = this.frames;
    if (frames.length === 0 || !this.layout) return;
    this.frames = [];
    if (Date.now() - this.layoutSentMs > LAYOUT_REPUBLISH_MS) this.publishLayout();
    const data = encodeSamples(this.layout, frames, this.float32);
    const first = frames[0].timeS;
    const last = frames[frames.length - 1].timeS;
    if (!this.publisher.fits(data.length)) {
      this.droppedSamples += frames.length;
      if (this.dropped) {
        this.dropped.samples += frames.length;
        this.dropped.toTimeS = last;
      } else {
        this.dropped = { samples: frames.length, fromTimeS: first, toTimeS: last, lastTimeS: this.lastTimeS };
      }
      this.lastTimeS = last;
      return;
    }
    if (this.dropped) {
      this.publisher.force(encodeNotice(MessageKind.dropped, this.stream, this.dropped));
      this.onDropped(this.dropped);
      this.dropped = undefined;
    }
    this.publisher.force(data);
    this.samples += frames.length;
    this.lastTimeS = last;
  }

  private publishLayout(): void {
    const layout = this.layout!;
    this.layoutSentMs = Date.now();
    this.publisher.force(
      encodeNotice(MessageKind.layout, this.stream, JSON.parse(layout.json), { layoutId: layout.id }),
      layoutSubject(this.headsetId, this.stream, layout.id),
    );
  }
}
