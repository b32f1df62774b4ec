import type { ColumnLabel, StreamName } from '../../protocol';
import { columnLayout } from './columnLayout';
import { comDecoder, facDecoder, metDecoder, sysDecoder } from './detectionDecoders';
import { devDecoder, eqDecoder } from './qualityDecoders';
import { eegDecoder, motionDecoder, powDecoder } from './sampleDecoders';
import type { StreamDecoder } from './streamDecoder';

/**
 * Builds the decoder of a stream for the `cols` of its subscribe result (§5.3): column positions are found
 * once, by name, when the decoder is built (once per stream subscription), so the decoder follows whatever
 * layout Cortex announces and looks nothing up per frame.
 *
 * ## Example
 * ```ts
 * const decode = frameDecoder('com', ['act', 'pow']);
 * decode(['push', 0.4], 1700000000.25); // { _tag: 'com', timeS: 1700000000.25, action: 'push', power: 0.4 }
 * ```
 * @internal
 */
export function frameDecoder<S extends StreamName>(stream: S, cols: readonly ColumnLabel[]): StreamDecoder<S> {
  return decoderFor(stream, cols) as StreamDecoder<S>;
}

function decoderFor(stream: StreamName, cols: readonly ColumnLabel[]): StreamDecoder<StreamName> {
  const layout = columnLayout(stream, cols);
  switch (stream) {
    case 'eeg':
      return eegDecoder(layout);
    case 'mot':
      return motionDecoder(layout);
    case 'pow':
      return powDecoder(layout);
    case 'dev':
      return devDecoder(layout);
    case 'eq':
      return eqDecoder(layout);
    case 'met':
      return metDecoder(layout);
    case 'com':
      return comDecoder(layout);
    case 'fac':
      return facDecoder(layout);
    case 'sys':
      return sysDecoder();
  }
}
