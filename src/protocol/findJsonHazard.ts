/**
 * Deepest nesting of arrays and objects accepted in one inbound frame, by the client and by the simulator.
 * Real Cortex frames nest a few levels (the `dev` contact-quality array, marker `extras`); 64 leaves room for any
 * user `extras` while keeping every recursive step after parsing (io-ts decoding, `JSON.stringify`, the PathReporter)
 * far from the call-stack limit, which 100k nested arrays overflow although `JSON.parse` accepts them.
 */
export const MAX_JSON_DEPTH = 64;

/** What {@link findJsonHazard} found, with the dotted path of the offending value (`''` for the root). */
export interface JsonHazard {
  /** `depth`: nested deeper than allowed; `nonFinite`: a number that is ±Infinity (a literal like 1e400 overflows). */
  readonly kind: 'depth' | 'nonFinite';
  /** Dotted path from the root, e.g. `params.time` or `eeg.3`. */
  readonly path: string;
}

interface Visit {
  readonly value: unknown;
  readonly depth: number;
  readonly parent: Visit | undefined;
  readonly key: string;
}

function pathOf(v: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | undefined = v; at?.parent !== undefined; at = at.parent) keys.push(at.key);
  return keys.reverse().join('.');
}

/**
 * Walks a parsed JSON value without recursion and reports a hazard: nesting deeper than `maxDepth`, or a
 * non-finite number (JSON has no Infinity, so `JSON.parse` turns an overflowing literal like `1e400` into one).
 * Linear in the size of the value; stops at the first hazard it meets (the scalars of a level before what is
 * nested in it).
 *
 * Like a schema check, but only for the two things that break code downstream of any schema: the call stack and
 * arithmetic.
 *
 * ## Example
 * ```ts
 * import { findJsonHazard, MAX_JSON_DEPTH } from 'cortex-rx/protocol';
 * findJsonHazard(JSON.parse('{"params":{"time":1e400}}'), MAX_JSON_DEPTH); // { kind: 'nonFinite', path: 'params.time' }
 * findJsonHazard(JSON.parse('[[[1]]]'), 2); // { kind: 'depth', path: '0.0' }
 * ```
 * @param value a value as `JSON.parse` returns it
 * @param maxDepth the deepest nesting allowed: 0 accepts only scalars, 1 a flat array or object, ...
 * @param config `[config.allowNonFinite=false]`: check the depth only
 * @returns the first hazard found, or undefined
 */
export function findJsonHazard(
  value: unknown,
  maxDepth: number,
  config: { readonly allowNonFinite?: boolean } = {},
): JsonHazard | undefined {
  const finite = !(config.allowNonFinite ?? false);
  const root: Visit = { value, depth: 0, parent: undefined, key: '' };
  if (typeof value === 'number') return !finite || Number.isFinite(value) ? undefined : { kind: 'nonFinite', path: '' };
  const stack: Visit[] = [root];
  while (stack.length > 0) {
    const v = stack.pop() as Visit;
    const x = v.value;
    if (typeof x !== 'object' || x === null) continue;
    const depth = v.depth + 1;
    if (depth > maxDepth) return { kind: 'depth', path: pathOf(v) };
    // Scalars are checked in place; only nested arrays and objects are queued (a data frame queues none).
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const c: unknown = x[i];
        if (typeof c === 'number') {
          if (finite && !Number.isFinite(c))
            return { kind: 'nonFinite', path: pathOf({ value: c, depth, parent: v, key: String(i) }) };
        } else if (typeof c === 'object' && c !== null) {
          stack.push({ value: c, depth, parent: v, key: String(i) });
        }
      }
    } else {
      // Own enumerable keys only, `__proto__` included as the plain key JSON.parse makes it.
      const keys = Object.keys(x);
      for (let i = 0; i < keys.length; i++) {
        const c: unknown = (x as Record<string, unknown>)[keys[i]];
        if (typeof c === 'number') {
          if (finite && !Number.isFinite(c))
            return { kind: 'nonFinite', path: pathOf({ value: c, depth, parent: v, key: keys[i] }) };
        } else if (typeof c === 'object' && c !== null) {
          stack.push({ value: c, depth, parent: v, key: keys[i] });
        }
      }
    }
  }
  return undefined;
}
