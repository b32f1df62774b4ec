import type { ExportSteps } from './exportSteps';

/** Longest run of steps in one event-loop turn (ms): others' streams wait at most about this long. */
const DEFAULT_SLICE_MS = 10;

/**
 * Runs work in steps to its end over as many event-loop turns as it takes: steps run until `sliceMs` has passed,
 * then the loop gets a turn (`setImmediate`: timers and sockets run) before the next steps. An export of a long record
 * then never stalls another app's stream for longer than about one slice plus one step.
 *
 * ## Example
 * ```ts
 * const result = await runStepsInTurns(exportRecordSteps(store, recordId, config));
 * ```
 * @param steps the work
 * @param [sliceMs=10] how long steps may run before the loop gets a turn
 * @returns what the steps return; rejects with what they throw
 */
export async function runStepsInTurns<T>(steps: ExportSteps<T>, sliceMs = DEFAULT_SLICE_MS): Promise<T> {
  for (;;) {
    const sliceEnd = Date.now() + sliceMs;
    for (;;) {
      const r = steps.next();
      if (r.done === true) return r.value;
      if (Date.now() >= sliceEnd) break;
    }
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
