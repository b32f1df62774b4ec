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
    const stopped = await c.result('stopRecord', { cortexToken: token, session: sessionId });
    expect(stopped.record.endDatetime).not.toBe('');
  });
});
