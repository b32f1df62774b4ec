import { encodeTal } from '../../../src/simulator/export/encodeTal';

const text = (b: Buffer) => b.toString('latin1');

describe('encodeTal', () => {
  it('encodes a time-keeping TAL', () => {
    expect(text(encodeTal(0, undefined, ['']))).toBe('+0\x14\x14\x00');
    expect(text(encodeTal(3_529_000, undefined, ['']))).toBe('+3.529\x14\x14\x00');
  });

  it('encodes onset, duration and several texts exactly', () => {
    expect(text(encodeTal(2_529_000, 500_000, ['stim']))).toBe('+2.529\x150.5\x14stim\x14\x00');
    expect(text(encodeTal(-250_000, undefined, ['a', 'b']))).toBe('-0.25\x14a\x14b\x14\x00');
    expect(text(encodeTal(1, 1, ['x']))).toBe('+0.000001\x150.000001\x14x\x14\x00');
  });

  it('writes UTF-8 texts and turns control characters into spaces', () => {
    expect(encodeTal(0, undefined, ['µ\x14\n\x00x']).toString('utf8')).toBe('+0\x14µ   x\x14\x00');
  });

  it('refuses non-integer times and empty durations', () => {
    expect(() => encodeTal(0.5, undefined, [''])).toThrow('encodeTal: onsetUs must be an integer, got 0.5');
    expect(() => encodeTal(0, 0, [''])).toThrow('encodeTal: durationUs must be a positive integer, got 0');
  });
});
