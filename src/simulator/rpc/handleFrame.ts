import type { RawData } from 'ws';
import { ERROR } from '../../protocol';
import type { Connection } from '../connection';
import { errorResponse } from './errorResponse';
import { handleRequest } from './handleRequest';
import type { RpcContext } from './rpcContext';

/**
 * The entry of the RPC core: one inbound WebSocket frame of a client. Binary frames, frames over `maxFrameBytes` and
 * text that is not JSON get their JSON-RPC error; JSON goes on to {@link handleRequest}. Never throws: an internal
 * error is logged.
 *
 * ## Example
 * ```ts
 * ws.on('message', (data, isBinary) => handleFrame(ctx, conn, data, isBinary));
 * ```
 */
export function handleFrame(ctx: RpcContext, conn: Connection, data: RawData, isBinary: boolean): void {
  const bytes = Array.isArray(data)
    ? data.reduce((n, b) => n + b.length, 0)
    : (data as Buffer | ArrayBuffer).byteLength;
  if (isBinary) {
    conn.send(errorResponse(null, ERROR.INVALID_REQUEST, 'Invalid Request: binary frames are not supported.'));
    return;
  }
  const limit = ctx.config.maxFrameBytes;
  if (bytes > limit) {
    conn.send(
      errorResponse(
        null,
        ERROR.INVALID_REQUEST,
        `Invalid Request: frame of ${bytes} bytes exceeds the limit of ${limit} bytes.`,
      ),
    );
    return;
  }
  let message: unknown;
  try {
    message = JSON.parse(data.toString());
  } catch {
    // A SyntaxError, or a RangeError where the engine parses deep nesting recursively.
    conn.send(errorResponse(null, ERROR.PARSE_ERROR, 'Parse error: the frame is not valid JSON.'));
    return;
  }
  void handleRequest(ctx, conn, message).catch((err: unknown) => {
    ctx.config.log(`internal error: ${err instanceof Error ? err.stack : String(err)}`);
  });
}
