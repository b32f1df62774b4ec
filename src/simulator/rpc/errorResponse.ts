/**
 * A JSON-RPC 2.0 error response (§5.1), with `data` when given.
 *
 * ## Example
 * ```ts
 * conn.send(errorResponse(7, ERROR.METHOD_NOT_FOUND, 'Method not found: foo.'));
 * ```
 */
export function errorResponse(id: number | string | null, code: number, message: string, data?: object): object {
  return { id, jsonrpc: '2.0', error: data ? { code, message, data } : { code, message } };
}
