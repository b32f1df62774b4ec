/**
 * Samples the relay could not buffer (NATS away longer than its buffer holds): how many, the times of the first
 * and last, and the time of the last sample published before them.
 */
export interface DroppedSpan {
  samples: number;
  fromTimeS: number;
  toTimeS: number;
  lastTimeS: number | undefined;
}
