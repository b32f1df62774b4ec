import type { EegMarker } from '../observables';

/**
 * Markers waiting for the sample nearest their time, as Cortex attaches an injected marker (cortex-api §7): a marker
 * goes to the first sample whose time is past `marker time − half a sample period`, so a marker is never lost and
 * never comes before its time's nearest sample. Markers left at the end go to the last sample.
 *
 * ## Example
 * ```ts
 * const queue = new MarkerQueue(1 / 256);
 * queue.add(1.5, { label: 'stim', value: 1, time: 1500 });
 * queue.take(1.5, false); // [{ label: 'stim', value: 1, time: 1500 }]
 * ```
 */
export class MarkerQueue {
  private pending: { timeS: number; marker: EegMarker }[] = [];
  private readonly halfPeriodS: number;

  constructor(periodS: number) {
    this.halfPeriodS = periodS / 2;
  }

  /** Queues `marker` for the sample nearest `timeS`. */
  add(timeS: number, marker: EegMarker): void {
    this.pending.push({ timeS, marker });
    // Stable: markers of one time keep their file order.
    this.pending.sort((a, b) => a.timeS - b.timeS);
  }

  /** The markers of the sample at `timeS`; every marker left when `last`. */
  take(timeS: number, last: boolean): readonly EegMarker[] {
    if (this.pending.length === 0) return NONE;
    let count = 0;
    while (count < this.pending.length && (last || this.pending[count].timeS < timeS + this.halfPeriodS)) count++;
    return count === 0 ? NONE : this.pending.splice(0, count).map((p) => p.marker);
  }
}

const NONE: readonly EegMarker[] = Object.freeze([]);
