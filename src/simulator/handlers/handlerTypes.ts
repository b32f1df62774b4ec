import type { MethodName, ParamsOf, ResultOf } from '../../protocol';
import type { AppState } from '../appState';
import type { Connection } from '../connection';

/**
 * The handler of one Cortex method: its decoded params (validated against `METHODS[M].params`), the client connection
 * and the app of the request's cortexToken (undefined for the tokenless methods). A `CortexFault` it throws becomes the
 * JSON-RPC error of the response.
 */
export type Handler<M extends MethodName> = (
  params: ParamsOf<M>,
  conn: Connection,
  app: AppState | undefined,
) => ResultOf<M> | Promise<ResultOf<M>>;

/**
 * The handlers of some methods `K`, exactly those: a domain file returns a `HandlerMap<'createSubject' | ...>`, so
 * an object literal with a key outside `K` (or not in the method table) is an excess-property error, and one missing a
 * key of `K` is a missing-property error. Equal to `Pick<Handlers, K>`.
 */
export type HandlerMap<K extends MethodName> = { readonly [M in K]: Handler<M> };

/** A handler for every method of the `METHODS` table: a mapped type over `MethodName` (see createHandlers). */
export type Handlers = HandlerMap<MethodName>;
