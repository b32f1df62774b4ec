import { csvField } from '../../../src/simulator/export/csvField';

describe('csvField', () => {
  it('leaves plain text alone', () => {
    expect(csvField('stim_on')).toBe('stim_on');
    expect(csvField('')).toBe('');
  });

  it('quotes commas, quotes and line breaks per RFC 4180', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
  });
});
