import { ERROR, type MethodName, type ParamsOf } from '../../protocol';
import type { Connection } from '../connection';
import { CortexFault } from '../cortexFault';
import type { Handler } from '../handlers/handlerTypes';
import { decodeParams } from './decodeParams';
import { errorResponse } from './errorResponse';
import { parseRequest, type ParsedRequest } from './parseRequest';
import type { RpcContext } from './rpcContext';

/** Runs a checked request: token and params, then its handler; a CortexFault becomes its error response. */
async function dispatch(ctx: RpcContext, request: ParsedRequest, conn: Connection): Promise<object> {
  const { id, method } = request;
  try {
    const { params, app } = decodeParams(ctx.apps, method, request.params);
    const handler = ctx.handlers[method] as Handler<MethodName>;
    const result = await handler(params as ParamsOf<MethodName>, conn, app);
    return { id, jsonrpc: '2.0', result };
  } catch (err) {
    if (err instanceof CortexFault) return errorResponse(id, err.code, err.message, err.data);
    ctx.config.log(`internal error in ${method}: ${err instanceof Error ? err.stack : String(err)}`);
    return errorResponse(id, ERROR.INTERNAL_ERROR, 'Internal error.');
  }
}

/**
 * Answers one parsed JSON message of a client: request checks ({@link parseRequest}), the per-connection limit of
 * pending requests, dispatch to the method's handler, the delay-responses fault, and the response (none for a
 * notification).
 *
 * ## Example
 * ```ts
 * await handleRequest(ctx, conn, JSON.parse(text)); // conn receives the response
 * ```
 */
export async function handleRequest(ctx: RpcContext, conn: Connection, message: unknown): Promise<void> {
  const parsed = parseRequest(message);
  const method = parsed.ok ? parsed.request.method : parsed.method;
  if (method !== undefined) ctx.requestCounts.set(method, (ctx.requestCounts.get(method) ?? 0) + 1);
  if (!parsed.ok) {
    if (parsed.response) conn.send(parsed.response);
    return;
  }
  const request = parsed.request;
  if (conn.pending >= ctx.config.maxPendingRequests) {
    const limit = ctx.config.maxPendingRequests;
    conn.send(
      errorResponse(request.id, ERROR.LIMIT_EXCEEDED, `Too many pending requests: at most ${limit} per connection.`),
    );
    return;
  }
  conn.pending++;
  const response = await dispatch(ctx, request, conn);
  const delay = ctx.faults.responseDelay;
  if (delay && (delay.methods === undefined || delay.methods.has(request.method))) {
    await new Promise<void>((resolve) => ctx.timers.later(delay.delayMs, resolve));
  }
  conn.pending--;
  // JSON-RPC 2.0 §4.1: a notification (no id) gets no response.
  if (!request.wantsResponse) return;
  let text: string;
  try {
    text = JSON.stringify(response);
  } catch (err) {
    ctx.config.log(
      `internal error serialising the answer to ${request.method}: ${err instanceof Error ? err.message : String(err)}`,
    );
    text = JSON.stringify(errorResponse(request.id, ERROR.INTERNAL_ERROR, 'Internal error.'));
  }
  conn.sendRaw(text);
}
