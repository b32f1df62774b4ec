/**
 * Work done in steps: a generator that yields between chunks of work (a chunk of rows read, rendered and written) and
 * returns its result. {@link runSteps} runs it at once; `runStepsInTurns` spreads it over event-loop turns.
 *
 * ## Example
 * ```ts
 * function* countTo(n: number): ExportSteps<number> { for (let i = 0; i < n; i++) yield; return n; }
 * runSteps(countTo(3)); // 3
 * ```
 */
export type ExportSteps<T> = Generator<void, T, undefined>;

/**
 * Runs work in steps to its end, synchronously (what the public `exportRecord` does).
 *
 * ## Example
 * ```ts
 * const files = runSteps(exportCsv(store, stored, config));
 * ```
 * @returns what the steps return
 */
export function runSteps<T>(steps: ExportSteps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
  }
}
