import { ERROR, MAX_JSON_DEPTH, findJsonHazard, isMethodName, type MethodName } from '../../protocol';
import { ownProperty } from '../ownProperty';
import { errorResponse } from './errorResponse';
import { requestIdOf } from './requestIdOf';

/** A request that passed the JSON-RPC checks: its id, method and params object. */
export interface ParsedRequest {
  /** The usable id (null when there is none). */
  readonly id: number | string | null;
  /** False for a notification (no id): it gets no response (JSON-RPC 2.0 §4.1). */
  readonly wantsResponse: boolean;
  readonly method: MethodName;
  readonly params: Record<string, unknown>;
}

/**
 * A parsed request, or the error response that refuses it (`response` undefined: refused without an answer), with
 * the method when the refusal came after the method was known (bad params): such requests still count per method.
 */
export type ParseResult =
  | { readonly ok: true; readonly request: ParsedRequest }
  | { readonly ok: false; readonly response?: object; readonly method?: MethodName };

const refuse = (
  id: number | string | null,
  code: number,
  message: string,
  data?: object,
): { ok: false; response: object } => ({
  ok: false,
  response: errorResponse(id, code, message, data),
});

/**
 * Checks a parsed JSON frame as a JSON-RPC 2.0 request (§4): depth, an object (no batch), a usable id, `jsonrpc`,
 * a method of the table, params an object with no non-finite number. Does not check the params against the method's
 * codec (the dispatch does).
 *
 * ## Example
 * ```ts
 * const parsed = parseRequest(JSON.parse(text));
 * if (!parsed.ok) { if (parsed.response) conn.send(parsed.response); return; }
 * dispatch(parsed.request.method, parsed.request.params);
 * ```
 */
export function parseRequest(message: unknown): ParseResult {
  // Checked before anything walks the request: io-ts decoding and JSON.stringify recurse, and 100k nested arrays
  // (which JSON.parse accepts) would overflow the stack.
  const tooDeep = findJsonHazard(message, MAX_JSON_DEPTH, { allowNonFinite: true });
  if (tooDeep) {
    return refuse(
      requestIdOf(message),
      ERROR.INVALID_REQUEST,
      `Invalid Request: nested deeper than ${MAX_JSON_DEPTH} levels at '${tooDeep.path}'.`,
    );
  }
  if (Array.isArray(message))
    return refuse(null, ERROR.INVALID_REQUEST, 'Invalid Request: batch requests are not supported.');
  if (typeof message !== 'object' || message === null) {
    return refuse(null, ERROR.INVALID_REQUEST, 'Invalid Request: a request must be a JSON object.');
  }
  const rawId = ownProperty(message, 'id');
  const id = requestIdOf(message);
  if (rawId !== undefined && id === null) {
    return refuse(null, ERROR.INVALID_REQUEST, 'Invalid Request: id must be a finite number or a string.');
  }
  if (ownProperty(message, 'jsonrpc') !== '2.0')
    return refuse(id, ERROR.INVALID_REQUEST, 'Invalid Request: jsonrpc must be "2.0".');
  const method = ownProperty(message, 'method');
  if (typeof method !== 'string') return refuse(id, ERROR.INVALID_REQUEST, 'Invalid Request: method must be a string.');
  if (!isMethodName(method)) return refuse(id, ERROR.METHOD_NOT_FOUND, `Method not found: ${method}.`);
  return checkParams({ id, wantsResponse: rawId !== undefined, method }, ownProperty(message, 'params'));
}

/** Omitted params are none; present, they must be an object (JSON-RPC 2.0 §4.2: null is not a structured value). */
function checkParams(request: Omit<ParsedRequest, 'params'>, raw: unknown): ParseResult {
  const { id, method } = request;
  const params = raw === undefined ? {} : raw;
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return {
      ...refuse(id, ERROR.INVALID_PARAMS, 'Invalid Parameters: params must be an object (named params).'),
      method,
    };
  }
  const hazard = findJsonHazard(params, MAX_JSON_DEPTH);
  if (hazard !== undefined) {
    // A non-finite number (a literal like 1e400 parses to Infinity): no parameter can take one. A notification
    // carrying one is dropped without an answer.
    const name = hazard.path;
    if (!request.wantsResponse) return { ok: false, method };
    const refusal = refuse(id, ERROR.INVALID_PARAMS, `Invalid Parameters: '${name}' must be a finite number.`, {
      behavior: `'${name}' overflows a double`,
    });
    return { ...refusal, method };
  }
  return { ok: true, request: { ...request, params: params as Record<string, unknown> } };
}
