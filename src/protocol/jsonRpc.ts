import * as t from 'io-ts';

/** A JSON-RPC 2.0 request id: Cortex echoes it back verbatim (§1.2). */
export const RpcId = t.union([t.number, t.string], 'RpcId');
export type RpcId = t.TypeOf<typeof RpcId>;

/**
 * A JSON-RPC 2.0 request as Cortex accepts it: named params only, never positional (§1.2).
 *
 * ## Example
 * ```ts
 * import { RpcRequest } from 'cortex-rx/protocol';
 * RpcRequest.is({ jsonrpc: '2.0', id: 1, method: 'getCortexInfo' }); // true
 * ```
 */
export const RpcRequest = t.intersection(
  [t.type({ jsonrpc: t.literal('2.0'), method: t.string }), t.partial({ id: RpcId, params: t.UnknownRecord })],
  'RpcRequest',
);
export type RpcRequest = t.TypeOf<typeof RpcRequest>;

/** The error member of a failed response: `{ code, message, data? }` (§1.2, §9). */
export const RpcErrorObject = t.intersection(
  [t.type({ code: t.number, message: t.string }), t.partial({ data: t.unknown })],
  'RpcErrorObject',
);
export type RpcErrorObject = t.TypeOf<typeof RpcErrorObject>;

/** A success response `{ id, jsonrpc, result }`; the result is decoded by the method table. */
export const RpcSuccess = t.type({ jsonrpc: t.literal('2.0'), id: RpcId, result: t.unknown }, 'RpcSuccess');
export type RpcSuccess = t.TypeOf<typeof RpcSuccess>;

/** An error response `{ id, jsonrpc, error }`; `id` is null when Cortex could not read the request's id. */
export const RpcFailure = t.type(
  { jsonrpc: t.literal('2.0'), id: t.union([RpcId, t.null]), error: RpcErrorObject },
  'RpcFailure',
);
export type RpcFailure = t.TypeOf<typeof RpcFailure>;

/** Either kind of response. */
export const RpcResponse = t.union([RpcSuccess, RpcFailure], 'RpcResponse');
export type RpcResponse = t.TypeOf<typeof RpcResponse>;

/**
 * A warning notification `{ jsonrpc, warning: { code, message } }`, no id (§1.5). `message` is a string or an
 * object that often carries `behavior` plus the id of what it concerns (`sessionId`, `headsetId`, `recordId`).
 */
export const WarningMessage = t.type(
  {
    jsonrpc: t.literal('2.0'),
    warning: t.type({ code: t.number, message: t.union([t.string, t.UnknownRecord]) }, 'Warning'),
  },
  'WarningMessage',
);
export type WarningMessage = t.TypeOf<typeof WarningMessage>;

/**
 * A data sample `{ "<stream>": [...], sid, time }` (§1.4): `time` is seconds since the Unix epoch (float).
 * Every member other than `sid` and `time` is a stream (one in practice), its values lined up with the `cols` of
 * that stream's subscribe result.
 */
export const DataFrame = t.intersection([t.type({ sid: t.string, time: t.number }), t.UnknownRecord], 'DataFrame');
export type DataFrame = t.TypeOf<typeof DataFrame>;
