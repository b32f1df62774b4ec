import type { PendingMarker } from './headsetSink';

/**
 * The injected markers of one headset waiting for their EEG sample: each goes into the MARKERS column of the sample
 * nearest its time (within half a sample period), of its own session only. A marker whose nearest sample was produced
 * before it came (a time in the past) is dropped from the live stream rather than put on a later sample: the record
 * still holds it at its time (issue 12 §9).
 *
 * ## Example
 * ```ts
 * const queue = new MarkerQueue();
 * queue.add({ timeS: Date.now() / 1000, sessionId, json: '{"label":"beep"}' });
 * const markers = queue.take(sampleTimeS, 256); // the markers of this sample, oldest first
 * ```
 */
export class MarkerQueue {
  /** In time order. */
  private pending: PendingMarker[] = [];

  /** True when no marker waits. */
  get empty(): boolean {
    return this.pending.length === 0;
  }

  /** Queues a marker (kept in time order). */
  add(marker: PendingMarker): void {
    let i = this.pending.length;
    while (i > 0 && (this.pending[i - 1] as PendingMarker).timeS > marker.timeS) i--;
    this.pending.splice(i, 0, marker);
  }

  /** Forgets every waiting marker (the headset disconnected). */
  clear(): void {
    this.pending = [];
  }

  /**
   * The markers whose nearest sample is the one at `timeS` (of a stream at `rateHz`), taken off the queue; markers
   * older than that sample's half period are dropped (their sample was produced before they came).
   */
  take(timeS: number, rateHz: number): readonly PendingMarker[] {
    if (this.pending.length === 0) return [];
    const halfPeriodS = 0.5 / rateHz;
    let stale = 0;
    while (stale < this.pending.length && (this.pending[stale] as PendingMarker).timeS < timeS - halfPeriodS) stale++;
    let end = stale;
    while (end < this.pending.length && (this.pending[end] as PendingMarker).timeS < timeS + halfPeriodS) end++;
    const taken = this.pending.slice(stale, end);
    if (end > 0) this.pending.splice(0, end);
    return taken;
  }
}
