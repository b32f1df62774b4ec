import { Observable, type OperatorFunction } from 'rxjs';
import { isGap, type GapEvent, type Sample, type SampleEvent } from './sample';

/** A time step longer than this many sample periods is a gap (a step of 2 periods is one lost sample). */
const MAX_STEP_PERIODS = 1.5;
/** A sample less than this many periods after the previous one is a duplicate or out of order: not checked. */
const MIN_STEP_PERIODS = 0.5;

/** Options of `detectGaps`. */
export interface DetectGapsConfig {
  /** Sampling rate of the input, in Hz. */
  readonly sampleRateHz: number;
  /** COUNTER runs `0 … counterModulus − 1`, then wraps: once a second, so it defaults to `round(sampleRateHz)`. */
  readonly counterModulus?: number;
  /**
   * Also report runs of INTERPOLATED samples as `'interpolated'` gap events (default false). Off by default: the
   * interpolated samples are still usable, and a gap event makes `epoch`/`epochsAround` downstream drop the windows
   * it cuts, which at a few percent packet loss would drop most windows.
   */
  readonly reportInterpolated?: boolean;
}

/**
 * A gap found by `detectGaps`. It is a `GapEvent` (`_tag: 'gap'`), so stateful operators downstream (`epochsAround`,
 * `epoch`, …) reset on it as they do on the client's own gaps. The gap lies strictly between `fromTimeS` and
 * `toTimeS`.
 */
export interface DetectedGap extends GapEvent {
  readonly _tag: 'gap';
  /**
   * `'counter'`: COUNTER skipped values. `'time'`: the sample time stepped more than 1.5 periods while COUNTER showed
   * nothing (absent, or whole seconds lost). `'interpolated'`: a run of samples Cortex filled in (INTERPOLATED = 1).
   */
  readonly kind: 'counter' | 'time' | 'interpolated';
  /** Samples lost (`'counter'`, `'time'`) or interpolated (`'interpolated'`, the run's length). */
  readonly missingSamples: number;
  /** Time of the last sample before the gap, s since the epoch (first − 1 period for a run that opens the stream). */
  readonly fromTimeS: number;
  /** Time of the first sample after the gap, s since the epoch (last + 1 period for a run that ends the stream). */
  readonly toTimeS: number;
}

interface Run {
  readonly fromTimeS: number;
  count: number;
  lastTimeS: number;
}

const mod = (a: number, m: number) => ((a % m) + m) % m;

/**
 * Finds gaps in an EEG stream from its COUNTER and INTERPOLATED columns and sample times, and reports each as a typed
 * `DetectedGap` event inserted before the sample that follows it.
 *
 * Like `pairwise`, but instead of emitting pairs it checks each step: COUNTER must go up by one modulo
 * `counterModulus` (so 255 → 0 at 256 Hz is no gap) and the time must go up by one period.
 *
 * - A COUNTER jump is a `'counter'` gap of `(counter − previous − 1) mod counterModulus` samples, plus whole
 *   `counterModulus` cycles when the sample times show that more than a second was lost.
 * - A time step over 1.5 periods with no COUNTER jump (no COUNTER, or whole cycles lost) is a `'time'` gap of
 *   `round(step · sampleRateHz) − 1` samples. A step under half a period (a duplicate, or out of order) is not
 *   checked.
 * - With `reportInterpolated`, a run of INTERPOLATED samples is reported once, when it ends (before the next real
 *   sample, or at a gap or the end), as an `'interpolated'` gap with the run's length; the interpolated samples
 *   themselves pass through.
 * - The input's own gap events (the client's, on socket drops) pass through unchanged and restart the checks.
 *
 * Every sample passes through unchanged and in order. NaN policy: values are not read; a NaN or missing `counter`
 * skips the COUNTER check and a non-finite `timeS` skips the time check for that step.
 *
 * ## Example
 * ```ts
 * import { detectGaps, epochsAround } from 'cortex-rx/operators';
 *
 * session
 *   .stream('eeg')
 *   .pipe(
 *     detectGaps({ sampleRateHz: 256 }), // COUNTER jumps become gap events...
 *     epochsAround(markers$, { beforeS: 0.1, afterS: 0.5, sampleRateHz: 256 }), // ...which drop the epochs they cut
 *   )
 *   .subscribe(console.log);
 * ```
 *
 * @param config `sampleRateHz`, `[config.counterModulus=round(sampleRateHz)]`, `[config.reportInterpolated=false]`.
 * @returns an operator passing every event through and adding `DetectedGap` events.
 * @throws RangeError when `sampleRateHz` is not a positive finite number or `counterModulus` not a positive integer.
 * @see epochsAround, isGap
 */
export function detectGaps<T extends SampleEvent>(config: DetectGapsConfig): OperatorFunction<T, T | DetectedGap> {
  const { sampleRateHz } = config;
  if (!(Number.isFinite(sampleRateHz) && sampleRateHz > 0)) {
    throw new RangeError(`detectGaps: sampleRateHz must be a positive finite number, got ${sampleRateHz}`);
  }
  const { counterModulus = Math.max(1, Math.round(sampleRateHz)) } = config;
  if (!(Number.isSafeInteger(counterModulus) && counterModulus >= 1)) {
    throw new RangeError(`detectGaps: counterModulus must be a positive integer, got ${counterModulus}`);
  }
  const periodS = 1 / sampleRateHz;
  const reportInterpolated = config.reportInterpolated ?? false;

  return (source) =>
    new Observable<T | DetectedGap>((subscriber) => {
      let previous: Sample | undefined;
      let run: Run | undefined;

      const gap = (kind: DetectedGap['kind'], missingSamples: number, fromTimeS: number, toTimeS: number) =>
        subscriber.next({ _tag: 'gap', kind, missingSamples, fromTimeS, toTimeS });
      const closeRun = (toTimeS: number) => {
        if (run === undefined) return;
        const r = run;
        run = undefined;
        gap('interpolated', r.count, r.fromTimeS, toTimeS);
      };

      const onSample = (sample: Sample) => {
        const t = sample.timeS;
        const lost = previous === undefined ? undefined : lostBetween(previous, sample, sampleRateHz, counterModulus);
        if (previous !== undefined && lost !== undefined) {
          if (run !== undefined) closeRun(run.lastTimeS + periodS);
          gap(lost.kind, lost.missingSamples, previous.timeS, t);
        }
        if (reportInterpolated && sample.interpolated === true) {
          run ??= { fromTimeS: previous !== undefined ? previous.timeS : t - periodS, count: 0, lastTimeS: t };
          run.count++;
          run.lastTimeS = t;
        } else {
          closeRun(t);
        }
        previous = sample;
        subscriber.next(sample as T);
      };

      const sub = source.subscribe({
        next: (event) => {
          if (isGap(event)) {
            if (run !== undefined) closeRun(run.lastTimeS + periodS);
            previous = undefined;
            subscriber.next(event);
          } else {
            onSample(event);
          }
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => {
          if (run !== undefined) closeRun(run.lastTimeS + periodS);
          subscriber.complete();
        },
      });
      return () => {
        sub.unsubscribe();
        previous = undefined;
        run = undefined;
      };
    });
}

/**
 * The samples lost between two consecutive samples, or undefined when none are: by COUNTER when both have one and
 * time runs forward (`kind: 'counter'`, whole lost cycles counted from the times), otherwise by a step longer than
 * `MAX_STEP_PERIODS` periods (`kind: 'time'`).
 */
function lostBetween(
  previous: Sample,
  sample: Sample,
  sampleRateHz: number,
  counterModulus: number,
): { readonly kind: 'counter' | 'time'; readonly missingSamples: number } | undefined {
  const periodS = 1 / sampleRateHz;
  const stepS = sample.timeS - previous.timeS;
  const timeKnown = Number.isFinite(stepS);
  const timeMissing = timeKnown ? Math.max(0, Math.round(stepS * sampleRateHz) - 1) : 0;
  const inOrder = !timeKnown || stepS >= MIN_STEP_PERIODS * periodS;
  const c0 = previous.counter;
  const c1 = sample.counter;
  const counterMissing =
    inOrder && typeof c0 === 'number' && typeof c1 === 'number' && Number.isFinite(c0) && Number.isFinite(c1)
      ? mod(c1 - c0 - 1, counterModulus)
      : 0;
  if (counterMissing > 0) {
    // Whole cycles lost are invisible to COUNTER: the sample times tell how many there were.
    const cycles = Math.max(0, Math.round((timeMissing - counterMissing) / counterModulus));
    return { kind: 'counter', missingSamples: counterMissing + cycles * counterModulus };
  }
  if (timeKnown && stepS > MAX_STEP_PERIODS * periodS) return { kind: 'time', missingSamples: timeMissing };
  return undefined;
}
