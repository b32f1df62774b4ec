import type { StreamName } from '../../protocol';
import type { ScannedFrame } from './scannedFrame';
import type { StreamFrames } from './streamFrames';

/**
 * Turns the raw values of a data frame of stream `S` into its typed frame, or returns an error message (reported
 * as an INVALID_STREAM_FRAME diagnostic).
 * @internal
 */
export type StreamDecoder<S extends StreamName> = ((
  values: readonly unknown[],
  timeS: number,
) => StreamFrames[S] | string) & {
  /**
   * The same decoding straight from a scanned frame (the sample streams, eeg, mot and pow, have one): the same
   * frame or the same error message as from the values `JSON.parse` gives for the same bytes.
   */
  readonly fromScan?: (scan: ScannedFrame, timeS: number) => StreamFrames[S] | string;
};
