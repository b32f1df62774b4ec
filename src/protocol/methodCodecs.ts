// Building blocks of the method tables (`METHODS` and the tables spread into it): one definition of each.
import * as t from 'io-ts';

/**
 * A params (or result) codec with required and optional members; `t.type`/`t.partial` accept extra fields (newer
 * services).
 *
 * ## Example
 * ```ts
 * const GetTrainingTimeParams = params('GetTrainingTimeParams', { ...token, session: t.string }, {});
 * ```
 */
export function params<R extends t.Props, O extends t.Props>(name: string, required: R, optional: O) {
  return t.intersection([t.type(required), t.partial(optional)], name);
}

/** The `cortexToken` member of every method that needs a token. */
export const token = { cortexToken: t.string };

/** A list of ids (records, streams, actions...). */
export const idList = t.array(t.string);
