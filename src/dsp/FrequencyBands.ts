/**
 * Frequency bands as data: name → half-open `[loHz, hiHz)` range, in Hz. A bin at `f` belongs to a band iff
 * `loHz <= f < hiHz` (see `bandBinRanges`); `CORTEX_BANDS` and `CLASSIC_BANDS` are two such tables.
 */
export type FrequencyBands<K extends string = string> = Readonly<Record<K, readonly [loHz: number, hiHz: number]>>;
