import { frameDecoder } from '../../src/observables/ingest/frameDecoder';
import type { StreamFrames } from '../../src/observables';
import { streamColumns, type StreamName } from '../../src/protocol';
import { decodeSamples, readMessage } from '../../src/nats/decodeMessage';
import { encodeNotice, encodeSamples, layoutOf } from '../../src/nats/encodeMessage';
import { HEADER_BYTES, MessageKind } from '../../src/nats/wireFormat';

const SENSORS = ['AF3', 'T7', 'Pz', 'T8', 'AF4'];
const MOTION = ['Q0', 'Q1', 'Q2', 'Q3'];
const T0 = 1_700_000_000.123456;

/** Raw Cortex rows of each stream (as the client decodes them), three samples each. */
const ROWS: { readonly [S in StreamName]: (i: number) => unknown[] } = {
  eeg: (i) => [
    i,
    i === 1 ? 1 : 0,
    4200.123456789 + i,
    -1e-9,
    Math.PI,
    4100,
    4000.5,
    1,
    0,
    i === 2 ? [{ label: 'go', value: 3 }] : [],
  ],
  mot: (i) => [i, 0, 0.5, -0.5, 0.25, 1 / 3],
  dev: (i) => [4, 1, [4, 3, 2, 1, 0, 87 + i], 95],
  eq: (i) => [95, 80 + i, 1, 4, 3, 2, 1, 0],
  pow: (i) => SENSORS.flatMap((_, s) => [1.5 + i, 2.25 + s, 3, 4e-3, 5.000001]),
  met: (i) => [true, 0.5 + i / 10, false, null, true, 0.3, 0.2, true, 0.1, true, 0.9, true, 0.4],
  com: (i) => ['push', 0.25 * i],
  fac: () => ['blink', 'surprise', 0.5, 'smile', 0.75],
  sys: () => ['mentalCommand', 'MC_Succeeded'],
};

function framesOf<S extends StreamName>(stream: S): Array<StreamFrames[S]> {
  const decode = frameDecoder(stream, streamColumns(stream, SENSORS, MOTION));
  return [0, 1, 2].map((i) => {
    const f = decode(ROWS[stream](i), T0 + i / 128);
    if (typeof f === 'string') throw new Error(f);
    return f;
  });
}

function roundTrip<S extends StreamName>(stream: S, float32: boolean) {
  const frames = framesOf(stream);
  const layout = layoutOf(stream, frames[0]);
  const data = encodeSamples(layout, frames, float32);
  // The consumer reads the bytes from wherever the NATS client put them: not 8-byte aligned.
  const shifted = new Uint8Array(data.length + 3).subarray(3);
  shifted.set(data);
  return { frames, data, decoded: decodeSamples(readMessage(shifted), stream, layout.names) };
}

describe('the relay wire format (issue 16)', () => {
  it.each(['eeg', 'mot', 'dev', 'eq', 'pow', 'met', 'com', 'fac', 'sys'] as const)(
    '%s frames come back exactly as the client decoded them (Float64)',
    (stream) => {
      const { frames, decoded } = roundTrip(stream, false);
      expect(decoded).toEqual(frames);
    },
  );

  it('eeg in Float32: values within Float32 rounding, counters, flags and markers exact', () => {
    const { frames, decoded, data } = roundTrip('eeg', true);
    expect(data.length).toBeLessThan(roundTrip('eeg', false).data.length);
    decoded.forEach((d, i) => {
      const f = frames[i];
      expect([d.counter, d.interpolated, d.markers, d.channels]).toEqual([
        f.counter,
        f.interpolated,
        f.markers,
        f.channels,
      ]);
      expect(Math.abs(d.timeS - f.timeS)).toBeLessThan(1e-6);
      f.values.forEach((v, c) => expect(d.values[c]).toBe(Math.fround(v)));
    });
  });

  it('an eeg sample costs 8 bytes per value plus 8 for its time and 32 for its counter/flags (Float64)', () => {
    const { data } = roundTrip('eeg', false);
    const markersJson = data.length - HEADER_BYTES - 3 * 8 * (1 + 4 + SENSORS.length);
    expect(markersJson).toBe(JSON.stringify({ 2: [{ label: 'go', value: 3 }] }).length);
  });

  it('bad bytes are a RangeError saying what is wrong, never a wrong frame', () => {
    const { data } = roundTrip('pow', false);
    expect(() => readMessage(data.subarray(0, data.length - 1))).toThrow(/header says/);
    expect(() => readMessage(new Uint8Array(8))).toThrow(/not a cortex-rx relay message/);
    const otherVersion = data.slice();
    otherVersion[1] = 9;
    expect(() => readMessage(otherVersion)).toThrow(/version 9/);
    const notice = encodeNotice(MessageKind.gap, 'eeg', { reason: 'stalled' });
    expect(readMessage(notice).header.kind).toBe(MessageKind.gap);
  });

  it('a layout whose width differs from the message is refused', () => {
    const frames = framesOf('pow');
    const data = encodeSamples(layoutOf('pow', frames[0]), frames, false);
    expect(() => decodeSamples(readMessage(data), 'pow', ['AF3/theta'])).toThrow(/cells per sample/);
  });
});
