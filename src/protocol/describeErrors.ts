import * as t from 'io-ts';

/** One decoding failure, reduced to what a person needs: where, what was expected, what was found. */
export interface DecodeIssue {
  /** Dotted path of the offending value from the decoded root, e.g. `params.time` or `streams.2`; `''` for the root. */
  readonly path: string;
  /** Name of the expected type, e.g. `number`. */
  readonly expected: string;
  /** The value found there (`undefined` when the member is missing). */
  readonly actual: unknown;
}

function isStructural(type: t.Decoder<unknown, unknown>): boolean {
  return type instanceof t.IntersectionType || type instanceof t.UnionType || type instanceof t.RefinementType;
}

/**
 * Turns io-ts validation errors into readable issues with dotted paths, dropping the synthetic `0`/`1` keys that
 * intersections and unions add to the context. Deduplicated by path (a union reports each branch).
 *
 * ## Example
 * ```ts
 * import { METHODS, describeDecodeErrors } from 'cortex-rx/protocol';
 * const r = METHODS.injectMarker.params.decode({ time: '1' });
 * if (r._tag === 'Left') console.log(describeDecodeErrors(r.left)); // [{ path: 'cortexToken', ... }, ...]
 * ```
 */
export function describeDecodeErrors(errors: t.Errors): DecodeIssue[] {
  const seen = new Set<string>();
  const issues: DecodeIssue[] = [];
  for (const error of errors) {
    const keys: string[] = [];
    const context = error.context;
    for (let i = 1; i < context.length; i++) {
      if (isStructural(context[i - 1].type)) continue;
      keys.push(context[i].key);
    }
    const path = keys.join('.');
    if (seen.has(path)) continue;
    seen.add(path);
    const last = context[context.length - 1];
    issues.push({ path, expected: last ? last.type.name : 'unknown', actual: error.value });
  }
  return issues;
}
