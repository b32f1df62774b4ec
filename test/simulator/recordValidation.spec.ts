import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startHarness, openSession, type Harness } from '../support/simulatorHarness';
import type { RawClient } from '../support/rawClient';

/** Field values that createRecord and updateRecord must refuse alike (-32602), and ones both must take. */
const REFUSED: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['an empty title', { title: '' }],
  ['a blank title', { title: '   ' }],
  ['a 201-character title', { title: 'x'.repeat(201) }],
  ['a 250,000-character title', { title: 'x'.repeat(250_000) }],
  ['a 10,001-character description', { title: 't', description: 'd'.repeat(10_001) }],
  ['65 tags', { title: 't', tags: Array.from({ length: 65 }, (_, i) => `tag${i}`) }],
  ['an empty tag', { title: 't', tags: ['ok', ''] }],
  ['a 101-character tag', { title: 't', tags: ['x'.repeat(101)] }],
];
const TAKEN: Record<string, unknown> = {
  title: 'x'.repeat(200),
  description: 'd'.repeat(10_000),
  tags: Array.from({ length: 64 }, (_, i) => `t${i}`),
};

describe('record validation: createRecord and updateRecord refuse the same fields; queryRecords pages by integers >= 0', () => {
  let dataDir: string;
  let h: Harness;
  let c: RawClient;
  let token: string;
  let sessionId: string;
  let recordId: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cortex-rx-validation-'));
    h = await startHarness({ headsets: 'INSIGHT' }, dataDir);
    c = await h.client();
    ({ token, sessionId } = await openSession(c, h.sim, { clientId: 'validator' }));
    const rec = await c.result('createRecord', { cortexToken: token, session: sessionId, title: 'first' });
    recordId = rec.record.uuid as string;
    await c.result('stopRecord', { cortexToken: token, session: sessionId });
  });
  afterAll(async () => {
    await c.close();
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(REFUSED)('%s: -32602 from both, and the record is unchanged', async (_what, fields) => {
    const created = await c.call('createRecord', { cortexToken: token, session: sessionId, ...fields });
    const updated = await c.call('updateRecord', { cortexToken: token, record: recordId, ...fields });
    expect(created.error?.code).toBe(-32602);
    expect(updated.error?.code).toBe(-32602);
    expect(updated.error?.message).toBe(created.error?.message);
    const [info] = await c.result('getRecordInfos', { cortexToken: token, recordIds: [recordId] });
    expect(info).toMatchObject({ title: 'first', description: '', tags: [] });
  });

  it('the largest accepted fields are accepted by both', async () => {
    const updated = await c.result('updateRecord', { cortexToken: token, record: recordId, ...TAKEN });
    expect(updated).toMatchObject(TAKEN);
    const created = await c.result('createRecord', { cortexToken: token, session: sessionId, ...TAKEN });
    expect(created.record).toMatchObject(TAKEN);
    await c.result('stopRecord', { cortexToken: token, session: sessionId });
  });

  it.each([
    ['limit', -1],
    ['limit', 1.5],
    ['offset', -3],
    ['offset', 0.25],
    ['limit', 1e300],
  ])('queryRecords refuses %s %p with -32602', async (name, value) => {
    const r = await c.call('queryRecords', { cortexToken: token, query: {}, orderBy: [], [name]: value });
    expect(r.error).toMatchObject({
      code: -32602,
      message: `Invalid Parameters: '${name}' must be an integer >= 0, got ${value}.`,
    });
  });

  it.each([
    ['limit', -1],
    ['limit', 2.5],
    ['offset', -1],
    ['offset', 0.5],
  ])('querySubjects refuses %s %p with -32602, as queryRecords does', async (name, value) => {
    const r = await c.call('querySubjects', { cortexToken: token, query: {}, orderBy: [], [name]: value });
    expect(r.error).toMatchObject({
      code: -32602,
      message: `Invalid Parameters: '${name}' must be an integer >= 0, got ${value}.`,
    });
  });

  it('queryRecords takes limit 0 (no limit) and an offset past the end', async () => {
    const all = await c.result('queryRecords', { cortexToken: token, query: {}, orderBy: [], limit: 0, offset: 0 });
    expect(all.count).toBeGreaterThanOrEqual(1);
    const past = await c.result('queryRecords', { cortexToken: token, query: {}, orderBy: [], offset: 1000 });
    expect(past.records).toEqual([]);
  });
});
