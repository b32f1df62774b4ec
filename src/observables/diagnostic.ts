/** What was wrong with an inbound frame the client could not use. */
export type DiagnosticKind =
  /** Not JSON, or a binary frame. */
  | 'INVALID_JSON'
  /** JSON, but not a response, warning or data frame of the protocol. */
  | 'INVALID_FRAME'
  /** A response whose id matches no pending request (answered after a timeout or an unsubscribe). */
  | 'UNKNOWN_RESPONSE'
  /** A result that does not match the method table's codec. */
  | 'INVALID_RESULT'
  /** A data frame whose values do not match the columns of its subscription. */
  | 'INVALID_STREAM_FRAME'
  /** A frame over `maxFrameBytes`: dropped (browsers), or the socket closed with 1009 (`ws`). */
  | 'FRAME_TOO_LARGE';

/**
 * A frame the client received but could not use, reported on `client.diagnostics` instead of ending any
 * stream (the stream goes on). `frame` is the raw text, cut to {@link DIAGNOSTIC_FRAME_CHARS} characters (empty
 * for a stream frame whose values do not fit its columns); `message` says what was wrong (for a codec failure,
 * the io-ts path report).
 *
 * ## Example
 * ```ts
 * client.diagnostics.subscribe((d) => console.warn(d.kind, d.message));
 * ```
 */
export interface Diagnostic {
  readonly kind: DiagnosticKind;
  readonly message: string;
  readonly frame: string;
}

/** Longest excerpt of a bad frame kept in a diagnostic, in characters. */
export const DIAGNOSTIC_FRAME_CHARS = 2048;

/**
 * Makes a diagnostic, cutting the frame to {@link DIAGNOSTIC_FRAME_CHARS}.
 *
 * ## Example
 * ```ts
 * diagnostic('INVALID_JSON', 'Unexpected token', '{oops');
 * ```
 * @internal
 */
export function diagnostic(kind: DiagnosticKind, message: string, frame: string): Diagnostic {
  return {
    kind,
    message,
    frame: frame.length > DIAGNOSTIC_FRAME_CHARS ? frame.slice(0, DIAGNOSTIC_FRAME_CHARS) : frame,
  };
}
