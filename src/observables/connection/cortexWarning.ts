/** A warning as routed by the client: its code and its message (string or object, §1.5). */
export interface CortexWarning {
  readonly code: number;
  readonly message: string | Readonly<Record<string, unknown>>;
}

/**
 * The id a warning's message names (`headsetId`, `sessionId`, `recordId`), or undefined.
 *
 * ## Example
 * ```ts
 * warningSubject({ code: 104, message: { headsetId: 'INSIGHT-1' } }, 'headsetId'); // 'INSIGHT-1'
 * ```
 * @internal
 */
export function warningSubject(w: CortexWarning, key: 'headsetId' | 'sessionId' | 'recordId'): string | undefined {
  if (typeof w.message !== 'object') return undefined;
  const v = w.message[key];
  return typeof v === 'string' ? v : undefined;
}
