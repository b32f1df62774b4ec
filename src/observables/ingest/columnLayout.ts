import type { ColumnLabel } from '../../protocol';

/**
 * The columns of a stream as its subscribe result announced them (§5.3), read once when a decoder is built: the
 * decoders look positions up here, never per frame.
 * @internal
 */
export interface ColumnLayout {
  /** The columns as announced (a nested array for dev's contact quality). */
  readonly cols: readonly ColumnLabel[];
  /** The top-level labels; a nested column is `'[nested]'`. */
  readonly labels: readonly string[];
  /** The position of a top-level label, or -1. */
  at(label: string): number;
  /** Undefined when a frame has one value per column, else why it does not. */
  expectLength(values: readonly unknown[]): string | undefined;
  /** The same for a frame of `count` values. */
  expectCount(count: number): string | undefined;
}

/**
 * Reads the layout of a stream's columns.
 *
 * ## Example
 * ```ts
 * columnLayout('com', ['act', 'pow']).at('pow'); // 1
 * ```
 * @internal
 */
export function columnLayout(stream: string, cols: readonly ColumnLabel[]): ColumnLayout {
  const labels = cols.map((c) => (typeof c === 'string' ? c : '[nested]'));
  const expectCount = (count: number): string | undefined =>
    count === cols.length ? undefined : `${stream} frame has ${count} values for ${cols.length} columns`;
  return {
    cols,
    labels,
    at: (label) => labels.indexOf(label),
    expectLength: (values) => expectCount(values.length),
    expectCount,
  };
}
