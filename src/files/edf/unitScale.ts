/** Factors to µV of the voltage units EDF files state (`uV`, `µV`, `mV`, `V`, `nV`; case-insensitive on the prefix). */
const TO_MICROVOLT: Readonly<Record<string, number>> = {
  uv: 1,
  µv: 1,
  μv: 1,
  mv: 1e3,
  v: 1e6,
  nv: 1e-3,
};

/**
 * The factor that turns a signal's physical values into µV, or undefined when its dimension is not a voltage.
 *
 * ## Example
 * ```ts
 * microvoltsPer('mV'); // 1000
 * microvoltsPer('degC'); // undefined
 * ```
 */
export function microvoltsPer(dimension: string): number | undefined {
  return TO_MICROVOLT[dimension.trim().toLowerCase()];
}
