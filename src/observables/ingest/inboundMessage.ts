import type { RpcErrorObject, RpcId } from '../../protocol';
import type { Diagnostic } from '../diagnostic';

/**
 * One stream's values of a valid data frame.
 * @internal
 */
export interface DataMessage {
  readonly _tag: 'data';
  readonly sid: string;
  readonly timeS: number;
  readonly stream: string;
  readonly values: readonly unknown[];
}

/**
 * An inbound frame that is not data: a response, a warning, or a diagnostic for an unusable frame.
 * @internal
 */
export type ControlMessage =
  | { readonly _tag: 'result'; readonly id: RpcId; readonly result: unknown }
  | { readonly _tag: 'error'; readonly id: RpcId | null; readonly error: RpcErrorObject }
  | { readonly _tag: 'warning'; readonly code: number; readonly message: string | Readonly<Record<string, unknown>> }
  | {
      readonly _tag: 'diagnostic';
      readonly diagnostic: Diagnostic;
      /** The id of the response an unusable frame claims to answer, when it has one: that request fails with DECODE. */
      readonly id?: RpcId;
    };

/**
 * An inbound frame, classified and checked against the protocol codecs.
 * @internal
 */
export type InboundMessage = DataMessage | ControlMessage;
