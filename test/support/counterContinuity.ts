/**
 * Counts EEG frames by COUNTER continuity, the way an app would notice lost samples: COUNTER goes up by one per
 * sample and wraps every second (`k % rateHz`), so a frame is lost exactly when a COUNTER is skipped.
 */
export class CounterContinuity {
  /** Frames seen. */
  frames = 0;
  /** Frames missing between consecutive frames (the sum of COUNTER skips). */
  lost = 0;
  /** Each discontinuity: the COUNTER before and after it, and the sample times. */
  readonly breaks: Array<{
    readonly from: number;
    readonly to: number;
    readonly fromTimeS: number;
    readonly toTimeS: number;
  }> = [];
  private last: { counter: number; timeS: number } | undefined;

  constructor(private readonly rateHz: number) {}

  /** Takes the next frame of the stream. */
  push(counter: number, timeS: number): void {
    this.frames++;
    const last = this.last;
    this.last = { counter, timeS };
    if (!last) return;
    // The sample clock says how many periods passed; COUNTER alone cannot tell a skip of a whole second.
    const periods = Math.round((timeS - last.timeS) * this.rateHz);
    const expected = (last.counter + 1) % this.rateHz;
    if (counter !== expected || periods !== 1) {
      this.lost += Math.max(0, periods - 1);
      this.breaks.push({ from: last.counter, to: counter, fromTimeS: last.timeS, toTimeS: timeS });
    }
  }

  /** Starts afresh (after a gap the test expects, e.g. a reconnect). */
  restart(): void {
    this.last = undefined;
  }
}
