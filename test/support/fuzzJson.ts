import fc from 'fast-check';

/**
 * Arbitraries of hostile JSON *text* for the fuzz tests. Text rather than values, so that they can hold what
 * `JSON.stringify` never writes: number literals that overflow (`1e400` parses to Infinity), duplicate keys,
 * `__proto__` and `constructor` keys, nesting far past any stack, and plain garbage.
 */

/** Nesting deeper than any recursive walker survives: `JSON.parse` accepts it, `JSON.stringify` of it overflows. */
export const DEEP_LEVELS = 100_000;

/** `[[[...]]]` nested `levels` deep. */
export const deepArrayText = (levels = DEEP_LEVELS): string => '['.repeat(levels) + ']'.repeat(levels);

/** `{"a":{"a":...1...}}` nested `levels` deep. */
export const deepObjectText = (levels = DEEP_LEVELS): string => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

/** Number literals that are valid JSON text but not finite doubles, or otherwise awkward. */
export const NUMBER_LITERALS = [
  '1e400',
  '-1e400',
  '1e-400',
  '-0',
  '9007199254740993',
  '0.1e309',
  '1.7976931348623157e308',
  '5e-324',
];

/** Keys that reach the prototype chain in careless code. */
export const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const quote = (s: string): string => JSON.stringify(s);

/** A scalar as JSON text: numbers (hostile literals included), strings, booleans, null. */
export const scalarText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NUMBER_LITERALS),
  fc.double().map((d) => (Number.isFinite(d) ? JSON.stringify(d) : '1e400')),
  fc.integer().map(String),
  fc.string({ maxLength: 20 }).map(quote),
  fc.fullUnicodeString({ maxLength: 8 }).map(quote),
  fc.constantFrom('true', 'false', 'null', '""'),
);

/**
 * A JSON value as text, built from the given keys (plus the hostile ones) and scalars, nested at most `maxDepth`
 * levels; objects may repeat a key.
 */
export function jsonValueText(
  keys: readonly string[],
  extraScalars: fc.Arbitrary<string> = scalarText,
  maxDepth = 4,
): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...keys) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
  const scalar = fc.oneof({ weight: 3, arbitrary: scalarText }, { weight: 2, arbitrary: extraScalars });
  const { value } = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth, withCrossShrink: true },
      scalar,
      fc.array(tie('value'), { maxLength: 5 }).map((xs) => `[${xs.join(',')}]`),
      fc
        .array(fc.tuple(key, tie('value')), { maxLength: 5 })
        .map((kv) => `{${kv.map(([k, v]) => `${quote(k)}:${v}`).join(',')}}`),
    ),
  }));
  return value;
}

/** An object as text with the given members (each `[key, valueText]`), in order. */
export const objectText = (members: ReadonlyArray<readonly [string, string]>): string =>
  `{${members.map(([k, v]) => `${quote(k)}:${v}`).join(',')}}`;

/** Cuts, splices or corrupts a text, to turn a valid frame into an almost valid one. */
export function mutatedText(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(base, fc.nat(), fc.nat(), fc.string({ maxLength: 4 }), fc.constantFrom('cut', 'insert', 'delete', 'swap'))
    .map(([s, a, b, ins, op]) => {
      if (s.length === 0) return ins;
      const i = a % s.length;
      const j = b % s.length;
      switch (op) {
        case 'cut':
          return s.slice(0, i);
        case 'insert':
          return s.slice(0, i) + ins + s.slice(i);
        case 'delete':
          return s.slice(0, Math.min(i, j)) + s.slice(Math.max(i, j));
        default:
          return s.slice(0, i) + s[j] + s.slice(i + 1);
      }
    });
}

/** `mutatedText` of `base`, keeping only the results that no longer parse as JSON. */
export function notJsonText(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return mutatedText(base).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  });
}
