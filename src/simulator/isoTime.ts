/** Microseconds per millisecond: Cortex datetimes carry microseconds, JavaScript times carry milliseconds. */
const MICROSECONDS_PER_MS = 1000;
/** Milliseconds per minute, for the UTC offset. */
const MS_PER_MINUTE = 60_000;

/** `YYYY-MM-DDTHH:mm:ss[.fraction][Z|±HH:MM|±HHMM]`; the offset is optional (local time when absent, as in ECMAScript). */
const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Renders a time as Cortex does: ISO 8601 in the machine's local time, with microseconds and the local UTC offset.
 *
 * Like `Date#toISOString`, but local rather than UTC, with six fraction digits and a `±HH:MM` offset (`+00:00`, never
 * `Z`), the format of the `startDatetime`/`endDatetime` fields of records and markers (cortex-api §6–§7).
 *
 * ## Example
 * ```ts
 * // internal to the simulator: src/simulator/isoTime.ts
 * isoLocal(1714620001529); // '2024-05-02T10:20:01.529000+07:00' on a machine in UTC+7
 * ```
 *
 * @param epochMs milliseconds since the Unix epoch; a fraction is kept to the microsecond (rounded half up).
 * @returns the local ISO 8601 string with microseconds and offset.
 * @throws RangeError when `epochMs` is not a finite number.
 * @see parseIso, its inverse.
 */
export function isoLocal(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`isoLocal: epochMs must be a finite number, got ${epochMs}`);
  const totalUs = Math.round(epochMs * MICROSECONDS_PER_MS);
  const wholeMs = Math.floor(totalUs / MICROSECONDS_PER_MS);
  const extraUs = totalUs - wholeMs * MICROSECONDS_PER_MS;
  const d = new Date(wholeMs);
  // getTimezoneOffset is minutes *behind* UTC (UTC+7 gives -420), hence the sign flip.
  const offsetMin = -d.getTimezoneOffset();
  const sign = offsetMin < 0 ? '-' : '+';
  const absMin = Math.abs(offsetMin);
  return (
    `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1, 2)}-${pad(d.getDate(), 2)}` +
    `T${pad(d.getHours(), 2)}:${pad(d.getMinutes(), 2)}:${pad(d.getSeconds(), 2)}` +
    `.${pad(d.getMilliseconds() * MICROSECONDS_PER_MS + extraUs, 6)}` +
    `${sign}${pad(Math.floor(absMin / 60), 2)}:${pad(absMin % 60, 2)}`
  );
}

/**
 * Parses an ISO 8601 datetime (as Cortex writes them) into milliseconds since the Unix epoch, keeping microseconds.
 *
 * Like `Date.parse`, but it keeps fraction digits past the millisecond (as a fractional millisecond) and rejects what
 * is not a complete `YYYY-MM-DDTHH:mm:ss[.ffffff][Z|±HH:MM]` datetime instead of returning `NaN`. Without an offset
 * the time is local, as in ECMAScript.
 *
 * ## Example
 * ```ts
 * // internal to the simulator: src/simulator/isoTime.ts
 * parseIso('2024-05-02T10:20:01.529250+07:00'); // 1714620001529.25
 * ```
 *
 * @param iso the datetime text.
 * @returns milliseconds since the Unix epoch, with a fraction for microseconds.
 * @throws RangeError naming the text when it is not a valid datetime.
 * @see isoLocal, its inverse.
 */
export function parseIso(iso: string): number {
  const m = ISO_PATTERN.exec(iso);
  if (m === null) throw new RangeError(`parseIso: not an ISO 8601 datetime: ${JSON.stringify(iso)}`);
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = m[7] ?? '';
  const offset = m[8];
  // Date.UTC accepts out-of-range parts (month 13 rolls over): check the round trip to reject them.
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallMs);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    throw new RangeError(`parseIso: datetime out of range: ${JSON.stringify(iso)}`);
  }
  const fractionMs = fraction === '' ? 0 : (Number(fraction) / 10 ** fraction.length) * 1000;
  let epochMs: number;
  if (offset === undefined) {
    epochMs = new Date(year, month - 1, day, hour, minute, second).getTime();
  } else if (offset === 'Z') {
    epochMs = wallMs;
  } else {
    const digits = offset.replace(':', '');
    const offsetMin = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
    epochMs = wallMs - (offset[0] === '-' ? -offsetMin : offsetMin) * MS_PER_MINUTE;
  }
  // Round to whole microseconds so that parseIso(isoLocal(t)) === t for microsecond-precise t.
  return Math.round((epochMs + fractionMs) * MICROSECONDS_PER_MS) / MICROSECONDS_PER_MS;
}
