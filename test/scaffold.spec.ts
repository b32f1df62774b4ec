import { readFileSync } from 'fs';
import { join } from 'path';

describe('package scaffold', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  it('exports the four entry points and the cortex-rx bin', () => {
    expect(Object.keys(pkg.exports)).toEqual(expect.arrayContaining(['.', './operators', './dsp', './simulator']));
    expect(pkg.bin['cortex-rx']).toBe('bin/cortex-rx.js');
    expect(pkg.engines.node).toBe('>=20');
  });
});
