import { ERROR, METHODS, describeDecodeErrors, type MethodName, type ParamsOf } from '../../protocol';
import { TOKENLESS_METHODS } from '../../protocol/tokenlessMethods';
import type { AppRegistry } from '../appRegistry';
import type { AppState } from '../appState';
import { CortexFault } from '../cortexFault';
import { missingParams } from '../missingParams';
import { ownProperty } from '../ownProperty';

/** A value for an error message, cut to 80 characters. */
function safeStringify(value: unknown): string {
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return String(value);
  }
}

/**
 * Checks a request's cortexToken (unless the method is tokenless) and decodes its params with the method's codec of
 * the `METHODS` table.
 *
 * ## Example
 * ```ts
 * const { params, app } = decodeParams(apps, 'createSession', { cortexToken, status: 'open' });
 * ```
 * @returns the decoded params and the app of the token (undefined for a tokenless method).
 * @throws CortexFault -32602 (missing or invalid params, with the missing names or the first invalid path in
 *   `data.behavior`), -32014/-32015 (bad or expired token).
 */
export function decodeParams<M extends MethodName>(
  apps: Pick<AppRegistry, 'appOfToken'>,
  method: M,
  raw: Record<string, unknown>,
): { params: ParamsOf<M>; app: AppState | undefined } {
  let app: AppState | undefined;
  if (!TOKENLESS_METHODS.has(method)) {
    const token = ownProperty(raw, 'cortexToken');
    if (token === undefined) throw missingParams('cortexToken');
    app = apps.appOfToken(token);
  }
  const decoded = METHODS[method].params.decode(raw);
  if (decoded._tag === 'Left') {
    const issues = describeDecodeErrors(decoded.left);
    const missing = issues.filter((i) => i.actual === undefined).map((i) => i.path);
    if (missing.length > 0) throw missingParams(...missing);
    const first = issues[0];
    throw new CortexFault(
      ERROR.INVALID_PARAMS,
      `Invalid Parameters: '${first.path}' must be ${first.expected}, got ${safeStringify(first.actual)}.`,
      { behavior: issues.map((i) => `${i.path}: expected ${i.expected}`).join('; ') },
    );
  }
  return { params: decoded.right as ParamsOf<M>, app };
}
