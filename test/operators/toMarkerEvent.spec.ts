import { toMarkerEvent } from '../../src/operators/toMarkerEvent';
import { isoLocal } from '../../src/simulator/isoTime';

describe('toMarkerEvent', () => {
  it('reads a Cortex marker object (startDatetime, ISO 8601 with microseconds and an offset) to the microsecond', () => {
    const marker = {
      uuid: 'u-1',
      type: 'instance',
      value: 3,
      label: 'stim',
      port: 'Software',
      startDatetime: '2024-05-02T10:20:01.529250+07:00',
      endDatetime: '2024-05-02T10:20:01.529250+07:00',
      extras: {},
    };
    const event = toMarkerEvent(marker);
    expect(event).toEqual({ timeS: expect.any(Number), label: 'stim', value: 3, uuid: 'u-1' });
    expect(event.timeS).toBeCloseTo(1714620001.52925, 6);
    expect(toMarkerEvent({ startDatetime: '2024-05-02T03:20:01Z', label: 'x', value: 'a' }).timeS).toBe(1714620001);
    expect(toMarkerEvent({ startDatetime: '2024-05-02T10:20:01.5+0700' }).timeS).toBe(1714620001.5);
  });

  it('reads the local datetimes the simulator writes, whatever the machine offset', () => {
    const timeMs = 1714620001529.25;
    expect(toMarkerEvent({ startDatetime: isoLocal(timeMs) }).timeS).toBeCloseTo(timeMs / 1000, 6);
  });

  it('reads a MARKERS-column object (time in ms), preferring it to startDatetime', () => {
    const column = {
      applicationId: 'app',
      recordId: 'r',
      uuid: 'u-2',
      type: 'instance',
      value: 'go',
      label: 'cue',
      port: 'Software',
      time: 1714620001529.5,
    };
    expect(toMarkerEvent(column)).toEqual({ timeS: 1714620001.5295, label: 'cue', value: 'go', uuid: 'u-2' });
    expect(toMarkerEvent({ time: 2000, startDatetime: '1999-01-01T00:00:00Z' }).timeS).toBe(2);
  });

  it('fills a missing label and converts odd values; throws on a marker without a usable time', () => {
    expect(toMarkerEvent({ time: 1000, value: true })).toEqual({ timeS: 1, label: '', value: 'true' });
    expect(() => toMarkerEvent({ label: 'x' })).toThrow(
      new RangeError(
        "toMarkerEvent: the marker needs a finite 'time' (ms) or an ISO 8601 'startDatetime', got time undefined, startDatetime undefined",
      ),
    );
    expect(() => toMarkerEvent({ startDatetime: 'yesterday' })).toThrow(RangeError);
    expect(() => toMarkerEvent({ time: NaN })).toThrow(RangeError);
  });
});
