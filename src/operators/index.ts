// RxJS operators for high-rate EEG streams. Explicit exports, one per file.
export { isGap } from './sample';
export type { Sample, GapEvent, SampleEvent } from './sample';
