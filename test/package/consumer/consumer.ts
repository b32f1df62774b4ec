// Type-checked by test/package/packedConsumer.spec.ts in a project that installed the packed tarball, with strict
// and skipLibCheck false, as consumer.mts and consumer.cts (moduleResolution node16: the import and the require
// conditions) and as consumer.ts (moduleResolution bundler).
import * as root from 'cortex-rx';
import * as operators from 'cortex-rx/operators';
import type * as dsp from 'cortex-rx/dsp';
import * as protocol from 'cortex-rx/protocol';
import * as simulator from 'cortex-rx/simulator';
import * as plot from 'cortex-rx/plot';
import * as files from 'cortex-rx/files';
import * as nats from 'cortex-rx/nats';
import type { CortexClient, CortexClientConfig } from 'cortex-rx';
import type { Observable, OperatorFunction } from 'rxjs';

/** True only for `any`: an entry point whose types did not resolve would be `any` (or an error). */
type IsAny<T> = 0 extends 1 & T ? true : false;
export const typed: [
  IsAny<typeof root>,
  IsAny<typeof operators>,
  IsAny<typeof dsp>,
  IsAny<typeof protocol>,
  IsAny<typeof simulator>,
  IsAny<typeof plot>,
  IsAny<typeof files>,
  IsAny<typeof nats>,
] = [false, false, false, false, false, false, false, false];

export function connect(config: CortexClientConfig): CortexClient {
  return root.connectCortex(config);
}

export const epochs: OperatorFunction<operators.SampleEvent, operators.Epoch> = operators.epoch({
  lengthSamples: 256,
  hopSamples: 128,
});
export const errorCodes: Readonly<Record<string, number>> = protocol.ERROR;
export const simulate: typeof simulator.startSimulator = simulator.startSimulator;
export const svg = (figure: plot.Figure): Promise<string> => plot.renderSvg(figure);
export type Frames = Observable<unknown>;
export const recording = (path: string): Observable<root.EegFrame> => files.fromEdf(path, { pace: 'fast' });
export const relayed = (headsetId: string): Observable<root.StreamEvent<'eeg'>> =>
  nats.fromJetStream({ servers: 'nats://127.0.0.1:4222', headsetId, stream: 'eeg' });
