import { exportFileStem } from '../../../src/simulator/export/exportFileStem';

const uuid = 'db01c15e-d916-4a7b-9f1d-16295fd1c643';

describe('exportFileStem', () => {
  it('sanitises the title and appends the record id', () => {
    expect(exportFileStem({ uuid, title: 'Run 1: eyes/closed' })).toBe(`Run_1_eyes_closed_${uuid}`);
    expect(exportFileStem({ uuid, title: '../../etc' })).toBe(`etc_${uuid}`);
    expect(exportFileStem({ uuid, title: 'ÉÈ' })).toBe(`record_${uuid}`);
    expect(exportFileStem({ uuid, title: 'x'.repeat(300) })).toBe(`${'x'.repeat(64)}_${uuid}`);
  });
});
