import type { JetStreamClient } from '@nats-io/jetstream';

/**
 * The relay's buffer budget, shared by all its subjects: bytes waiting for a JetStream acknowledgement.
 * @internal
 */
export interface BufferBudget {
  readonly maxBytes: number;
  usedBytes: number;
}

interface Pending {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly msgId: string;
}

/**
 * Publishes the messages of one subject to JetStream in order, one at a time: each waits for its acknowledgement,
 * and a publish that fails (NATS unreachable, no JetStream leader, a timeout) is retried with the same
 * `Nats-Msg-Id`, so JetStream stores it once however many times it is sent. Messages wait in a queue bounded by
 * the shared budget, which the caller checks with `fits` before queueing samples; notices are queued regardless.
 * @internal
 */
export class SubjectPublisher {
  private readonly queue: Pending[] = [];
  private seq = 0;
  private running = false;
  private stopped = false;
  private idle: Array<() => void> = [];

  constructor(
    private readonly js: JetStreamClient,
    readonly subject: string,
    private readonly idPrefix: string,
    private readonly budget: BufferBudget,
    private readonly publishTimeoutMs: number,
    private readonly retryDelayMs: number,
  ) {}

  /** Whether `bytes` more fit in the budget. */
  fits(bytes: number): boolean {
    return this.budget.usedBytes + bytes <= this.budget.maxBytes;
  }

  /** Queues a message whatever the budget (to this publisher's subject, or another one: a layout's). */
  force(data: Uint8Array, subject = this.subject): void {
    this.budget.usedBytes += data.length;
    this.queue.push({ subject, data, msgId: `${this.idPrefix}.${++this.seq}` });
    if (!this.running) void this.pump();
  }

  /** Messages waiting (in flight included). */
  get pending(): number {
    return this.queue.length;
  }

  /** Resolves when the queue is empty (or the publisher stopped). */
  drained(): Promise<void> {
    if (this.queue.length === 0 || this.stopped) return Promise.resolve();
    return new Promise((r) => this.idle.push(r));
  }

  /** Stops sending; what is queued is abandoned. */
  stop(): void {
    this.stopped = true;
    this.settle();
  }

  private settle(): void {
    const idle = this.idle;
    this.idle = [];
    for (const r of idle) r();
  }

  private async pump(): Promise<void> {
    this.running = true;
    while (this.queue.length > 0 && !this.stopped) {
      const head = this.queue[0];
      try {
        await this.js.publish(head.subject, head.data, { msgID: head.msgId, timeout: this.publishTimeoutMs });
        this.queue.shift();
        this.budget.usedBytes -= head.data.length;
      } catch {
        if (this.stopped) break;
        await new Promise((r) => setTimeout(r, this.retryDelayMs));
      }
    }
    this.running = false;
    if (this.queue.length === 0 || this.stopped) this.settle();
  }
}
