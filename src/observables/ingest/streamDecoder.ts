import type { StreamName } from '../../protocol';
import type { StreamFrames } from './streamFrames';

/**
 * Turns the raw values of a data frame of stream `S` into its typed frame, or returns an error message (reported
 * as an INVALID_STREAM_FRAME diagnostic).
 * @internal
 */
export type StreamDecoder<S extends StreamName> = (
  values: readonly unknown[],
  timeS: number,
) => StreamFrames[S] | string;
