/**
 * The simulator's delayed actions (post-processing warnings, headset connects, training events, delayed responses):
 * every timer is tracked so that {@link Timers.shutdown} cancels them all, and nothing is scheduled afterwards (a
 * timer would outlive the simulator and keep a test worker alive).
 *
 * ## Example
 * ```ts
 * const timers = new Timers();
 * timers.later(300, () => conn.warn(WARNING.CORTEX_RECORD_POST_PROCESSING_DONE, { recordId }));
 * timers.shutdown(); // cancelled
 * ```
 */
export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();
  private stopped = false;

  /** True once {@link shutdown} ran. */
  get isShutDown(): boolean {
    return this.stopped;
  }

  /** Runs `fn` after `delayMs`, unless the simulator shuts down first; after shutdown, does nothing. */
  later(delayMs: number, fn: () => void): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.pending.delete(t);
      fn();
    }, delayMs);
    this.pending.add(t);
  }

  /** Cancels every pending action; later calls of {@link later} do nothing. */
  shutdown(): void {
    this.stopped = true;
    for (const t of this.pending) clearTimeout(t);
    this.pending.clear();
  }
}
