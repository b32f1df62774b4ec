import { startHarness, openSession, type Harness } from '../support/simulatorHarness';

describe('simulator fidelity: the smaller points of issue 12', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ headsets: 'EPOCX' });
  });
  afterEach(() => h.close());

  it('an active session has stopped "" and performanceMetrics; a created record has endDatetime "" and localOnly false', async () => {
    const c = await h.client();
    const { token, sessionId, session } = await openSession(c, h.sim);
    expect(session.stopped).toBe('');
    expect(session.performanceMetrics[0]).toEqual({
      apiName: 'attention',
      displayedName: 'Attention',
      name: 'attention',
      shortDisplayedName: 'At',
    });
    const created = await c.result('createRecord', { cortexToken: token, session: sessionId, title: 'fidelity' });
    expect(created.record.endDatetime).toBe('');
    expect(created.record.localOnly).toBe(false);
    // a running record is listed with endDatetime "" too, by queryRecords and getRecordInfos
    const query = { cortexToken: token, query: {}, orderBy: [{ startDatetime: 'DESC' }] };
    expect((await c.result('queryRecords', query)).records[0].endDatetime).toBe('');
    const recordIds = [created.record.uuid];
    expect((await c.result('getRecordInfos', { cortexToken: token, recordIds }))[0].endDatetime).toBe('');
    const stopped = await c.result('stopRecord', { cortexToken: token, session: sessionId });
    expect(stopped.record.endDatetime).not.toBe('');
    const end = stopped.record.endDatetime as string;
    expect(Date.parse(end)).toBeGreaterThanOrEqual(Date.parse(created.record.startDatetime));
    expect((await c.result('queryRecords', query)).records[0].endDatetime).toBe(end);
    expect((await c.result('getRecordInfos', { cortexToken: token, recordIds }))[0].endDatetime).toBe(end);
  });

  it('claims a 4.x Cortex, and its met columns and performanceMetrics are those of 4.x (attention, no foc)', async () => {
    const c = await h.client();
    const info = await c.result('getCortexInfo');
    expect(info.version).toMatch(/^4\./);
    const { token, sessionId, session } = await openSession(c, h.sim);
    const sub = await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['met'] });
    const cols = sub.success[0].cols as string[];
    expect(cols).toEqual([
      'attention.isActive',
      'attention',
      'eng.isActive',
      'eng',
      'exc.isActive',
      'exc',
      'lex',
      'str.isActive',
      'str',
      'rel.isActive',
      'rel',
      'int.isActive',
      'int',
    ]);
    // one performance metric per met metric that has an isActive flag, in column order
    const flagged = cols.filter((col) => col.endsWith('.isActive')).map((col) => col.replace('.isActive', ''));
    expect(session.performanceMetrics.map((m: { apiName: string }) => m.apiName)).toEqual(flagged);
    await c.waitFor((f) => Array.isArray(f.met) && f.sid === sessionId, 10_000);
    const met = c.data('met', sessionId)[0].values;
    expect(met).toHaveLength(cols.length);
    cols.forEach((col, i) => expect(typeof met[i]).toBe(col.endsWith('.isActive') ? 'boolean' : 'number'));
  });
});
