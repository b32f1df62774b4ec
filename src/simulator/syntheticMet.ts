import { MET_COLUMNS } from '../protocol';

/**
 * One met sample of the simulator: smooth, seeded-phase metrics in [0, 1] (the simulator has no model of affect,
 * only plausible values), in the columns of {@link MET_COLUMNS}, where an `<metric>.isActive` flag (always true)
 * precedes each metric that has one. `values` is the numeric row (flags as 1) the record stores, `frame` the JSON
 * array a data frame carries.
 *
 * ## Example
 * ```ts
 * // internal to the simulator: src/simulator/syntheticMet.ts
 * const { values, frame } = syntheticMet(1_700_000_000.5, 1);
 * values.length === MET_COLUMNS.length; // true; frame is '[true,0.61...,true,...]'
 * ```
 */
export function syntheticMet(timeS: number, seed: number): { values: number[]; frame: string } {
  const values: number[] = [];
  const parts: string[] = [];
  let i = 0; // the metric's index among the metrics (flags not counted)
  for (const column of MET_COLUMNS) {
    if (column.endsWith('.isActive')) {
      values.push(1);
      parts.push('true');
      continue;
    }
    const v = 0.5 + 0.3 * Math.sin((2 * Math.PI * timeS) / (60 + 17 * i) + seed + i);
    const rounded = Math.round(v * 1e6) / 1e6;
    values.push(rounded);
    parts.push(String(rounded));
    i++;
  }
  return { values, frame: `[${parts.join(',')}]` };
}
