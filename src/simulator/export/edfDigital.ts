/**
 * The digital ranges of the EDF family: 16-bit two's complement (EDF, EDF+) and 24-bit (BDF+), with the bytes per
 * sample.
 *
 * ## Example
 * ```ts
 * const digital = format === 'BDFPLUS' ? BDF_DIGITAL : EDF_DIGITAL;
 * ```
 */
export const EDF_DIGITAL = { min: -32768, max: 32767, bytes: 2 } as const;
/** The 24-bit digital range of BDF+ (see {@link EDF_DIGITAL}). */
export const BDF_DIGITAL = { min: -8388608, max: 8388607, bytes: 3 } as const;
/** One of the two digital ranges. */
export type EdfDigital = typeof EDF_DIGITAL | typeof BDF_DIGITAL;
