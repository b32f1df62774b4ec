import { SCANNED, type ScannedFrame } from './scannedFrame';

// Bytes of the JSON grammar.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** 10^0 … 10^22: every one exactly a double (5^22 < 2^53), the range of Clinger's fast path. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
/** Significant digits that always fit a double's 53-bit mantissa exactly (10^15 < 2^53). */
const EXACT_DIGITS = 15;

/** A value of a number scan: where it ended (-1: not a JSON number) and its value. */
const numberScan = { end: 0, value: 0 };

function skipWs(b: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
  return i;
}

/** The index of the closing quote of a string starting at `i` (after its opening quote), or -1 when it has an escape, a control or a non-ASCII character (the general path reads those). */
function stringEnd(b: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = b[i];
    if (c === QUOTE) return i;
    if (c < 0x20 || c === BACKSLASH || c >= 0x80) return -1;
    i++;
  }
  return -1;
}

function digitsEnd(b: Uint8Array, i: number, end: number): number {
  while (i < end && b[i] >= ZERO && b[i] <= NINE) i++;
  return i;
}

/**
 * Scans the JSON number at `i` into `numberScan`, with exactly `JSON.parse`'s result: up to 15 significant digits
 * and a power of ten within ±22 by Clinger's fast path (an exact integer mantissa times or over an exact power of
 * ten: one correctly rounded operation), anything else by `Number()` of the literal (correctly rounded, as
 * `JSON.parse` is). Sets `numberScan.end` to -1 when the text is not a JSON number.
 */
function scanNumber(b: Uint8Array, i: number, end: number): void {
  const start = i;
  numberScan.end = -1;
  if (i < end && b[i] === MINUS) i++;
  if (i >= end || b[i] < ZERO || b[i] > NINE) return;
  let mantissa = 0;
  let significant = 0;
  let fraction = 0;
  if (b[i] === ZERO) i++;
  else {
    for (; i < end && b[i] >= ZERO && b[i] <= NINE; i++) {
      mantissa = mantissa * 10 + (b[i] - ZERO);
      significant++;
    }
  }
  if (i < end && b[i] === DOT) {
    i++;
    const first = i;
    for (; i < end && b[i] >= ZERO && b[i] <= NINE; i++) {
      const d = b[i] - ZERO;
      mantissa = mantissa * 10 + d;
      if (significant > 0 || d !== 0) significant++;
    }
    if (i === first) return;
    fraction = i - first;
  }
  let exponent = 0;
  if (i < end && (b[i] === LOWER_E || b[i] === UPPER_E)) {
    i++;
    let negative = false;
    if (i < end && (b[i] === MINUS || b[i] === PLUS)) negative = b[i++] === MINUS;
    const first = i;
    const last = digitsEnd(b, i, end);
    if (last === first) return;
    for (; i < last; i++) if (exponent < 1e6) exponent = exponent * 10 + (b[i] - ZERO);
    if (negative) exponent = -exponent;
  }
  const power = exponent - fraction;
  let value: number;
  if (significant <= EXACT_DIGITS && power >= -22 && power <= 22) {
    value = power >= 0 ? mantissa * POW10[power] : mantissa / POW10[-power];
    if (b[start] === MINUS) value = -value;
  } else {
    value = Number(String.fromCharCode.apply(null, b.subarray(start, i) as unknown as number[]));
  }
  numberScan.value = value;
  numberScan.end = i;
}

/** Scans a stream's values after its `[` into `out`; the index after its `]`, or -1 for anything but numbers, null, booleans and `[]`. */
function scanValues(b: Uint8Array, i: number, end: number, out: ScannedFrame): number {
  out.count = 0;
  i = skipWs(b, i, end);
  if (i < end && b[i] === RBRACKET) return i + 1;
  for (;;) {
    const c = i < end ? b[i] : 0;
    if (c === MINUS || (c >= ZERO && c <= NINE)) {
      scanNumber(b, i, end);
      if (numberScan.end < 0) return -1;
      out.push(SCANNED.number, numberScan.value);
      i = numberScan.end;
    } else if (c === 0x6e && i + 3 < end && b[i + 1] === 0x75 && b[i + 2] === 0x6c && b[i + 3] === 0x6c) {
      out.push(SCANNED.null, 0); // null
      i += 4;
    } else if (c === 0x74 && i + 3 < end && b[i + 1] === 0x72 && b[i + 2] === 0x75 && b[i + 3] === 0x65) {
      out.push(SCANNED.true, 0); // true
      i += 4;
    } else if (
      c === 0x66 &&
      i + 4 < end &&
      b[i + 1] === 0x61 &&
      b[i + 2] === 0x6c &&
      b[i + 3] === 0x73 &&
      b[i + 4] === 0x65
    ) {
      out.push(SCANNED.false, 0); // false
      i += 5;
    } else if (c === LBRACKET) {
      i = skipWs(b, i + 1, end);
      if (i >= end || b[i] !== RBRACKET) return -1;
      out.push(SCANNED.emptyArray, 0);
      i++;
    } else return -1;
    i = skipWs(b, i, end);
    const next = i < end ? b[i] : 0;
    if (next === RBRACKET) return i + 1;
    if (next !== COMMA) return -1;
    i = skipWs(b, i + 1, end);
  }
}

function isKey(b: Uint8Array, start: number, stop: number, key: string): boolean {
  if (stop - start !== key.length) return false;
  for (let k = 0; k < key.length; k++) if (b[start + k] !== key.charCodeAt(k)) return false;
  return true;
}

/**
 * Scans a data frame of the common shape straight from its bytes (UTF-8, `[0, end)`): one object with `sid` (a
 * string), `time` (a finite number) and one stream member whose array holds only numbers, null, booleans and empty
 * arrays, keys in any order, JSON whitespace anywhere, no key twice. Fills `out` and returns true for such a frame,
 * with the values `JSON.parse` would give, bit for bit; returns false for anything else (escapes, non-ASCII
 * strings, strings or objects among the values, several streams, an answer, invalid JSON…): the caller then takes
 * the general path (`JSON.parse` and the codecs), which reads and reports every frame.
 *
 * ## Example
 * ```ts
 * const scan = new ScannedFrame();
 * const bytes = Buffer.from('{"eeg":[1,0,4201.5,[]],"sid":"s-1","time":1700000000.25}');
 * scanDataFrame(bytes, bytes.length, scan); // true: scan.values[2] === 4201.5, scan.timeS === 1700000000.25
 * ```
 * @internal
 */
export function scanDataFrame(b: Uint8Array, end: number, out: ScannedFrame): boolean {
  let i = skipWs(b, 0, end);
  if (i >= end || b[i] !== LBRACE) return false;
  let sid = false;
  let time = false;
  let stream = false;
  i = skipWs(b, i + 1, end);
  for (;;) {
    if (i >= end || b[i] !== QUOTE) return false;
    const keyStart = i + 1;
    const keyEnd = stringEnd(b, keyStart, end);
    if (keyEnd < 0) return false;
    i = skipWs(b, keyEnd + 1, end);
    if (i >= end || b[i] !== COLON) return false;
    i = skipWs(b, i + 1, end);
    if (i >= end) return false;
    if (isKey(b, keyStart, keyEnd, 'sid')) {
      if (sid || b[i] !== QUOTE) return false;
      const valueEnd = stringEnd(b, i + 1, end);
      if (valueEnd < 0) return false;
      out.sidStart = i + 1;
      out.sidEnd = valueEnd;
      sid = true;
      i = valueEnd + 1;
    } else if (isKey(b, keyStart, keyEnd, 'time')) {
      if (time) return false;
      scanNumber(b, i, end);
      if (numberScan.end < 0 || !Number.isFinite(numberScan.value)) return false;
      out.timeS = numberScan.value;
      time = true;
      i = numberScan.end;
    } else {
      if (stream || b[i] !== LBRACKET) return false;
      out.streamStart = keyStart;
      out.streamEnd = keyEnd;
      stream = true;
      i = scanValues(b, i + 1, end, out);
      if (i < 0) return false;
    }
    i = skipWs(b, i, end);
    const c = i < end ? b[i] : 0;
    if (c === RBRACE) break;
    if (c !== COMMA) return false;
    i = skipWs(b, i + 1, end);
  }
  out.bytes = b;
  return skipWs(b, i + 1, end) === end && sid && time && stream;
}
