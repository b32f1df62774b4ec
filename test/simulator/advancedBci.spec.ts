import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';
import { startHarness, openSession, trainMentalCommand, type Harness } from '../support/simulatorHarness';

describe('Advanced BCI (§8.3), loadGuestProfile, configMapping, configOptOut', () => {
  let h: Harness;
  let baseline: HandleCounts;
  beforeAll(() => {
    baseline = openHandles();
  });
  beforeEach(async () => {
    h = await startHarness({
      apps: [
        { clientId: 'test-app', clientSecret: 'test-secret' },
        { clientId: 'no-opt-out', clientSecret: 's', optOutAvailable: false },
      ],
    });
  });
  afterEach(() => h.close());
  afterAll(() => expectNoOpenHandles(baseline));

  it('keeps per-profile state: trained actions with times, skill rating rising, active actions, sensitivity', async () => {
    const c = await h.client();
    const { token, sessionId: session, headsetId } = await openSession(c, h.sim);
    const call = (method: string, params: object) => c.call(method, { cortexToken: token, ...params });
    const get = (method: string, params: object) => c.result(method, { cortexToken: token, ...params });

    // No profile loaded: a session-side call is refused.
    expect((await call('mentalCommandActiveAction', { session, status: 'get' })).error?.code).toBe(-32045);
    await get('setupProfile', { status: 'create', profile: 'alice' });
    await get('setupProfile', { status: 'load', profile: 'alice', headset: headsetId });
    await get('subscribe', { session, streams: ['sys'] });

    expect(await get('mentalCommandActiveAction', { session, status: 'get' })).toEqual([]);
    expect(await get('mentalCommandGetSkillRating', { session, action: 'push' })).toBe(0);
    await trainMentalCommand(c, token, session, 'neutral');
    await trainMentalCommand(c, token, session, 'push');
    const once = await get('mentalCommandGetSkillRating', { session, action: 'push' });
    await trainMentalCommand(c, token, session, 'push');
    const twice = await get('mentalCommandGetSkillRating', { session, action: 'push' });
    expect(once).toBeGreaterThan(0);
    expect(twice).toBeGreaterThan(once);
    expect(await get('getTrainedSignatureActions', { session, detection: 'mentalCommand' })).toEqual({
      totalTimesTraining: 3,
      trainedActions: [
        { action: 'neutral', times: 1 },
        { action: 'push', times: 2 },
      ],
    });
    // A trained action becomes active by itself (up to four); neutral never is.
    expect(await get('mentalCommandActiveAction', { session, status: 'get' })).toEqual(['push']);
    expect(await get('mentalCommandActionSensitivity', { session, status: 'get' })).toEqual([5, 5, 5, 5]);
    expect(await get('mentalCommandActiveAction', { session, status: 'set', actions: ['pull', 'push'] })).toEqual({
      actions: ['pull', 'push'],
      message: expect.any(String),
    });
    expect(await get('mentalCommandActionSensitivity', { session, status: 'set', values: [2, 9, 5, 5] })).toBe(
      'success',
    );
    expect(await get('mentalCommandActionSensitivity', { session, status: 'get' })).toEqual([2, 9, 5, 5]);
    expect(await get('getTrainingTime', { session, detection: 'mentalCommand' })).toEqual({ time: 0.1 });
    const threshold = await get('mentalCommandTrainingThreshold', { session });
    expect(threshold).toEqual({ currentThreshold: expect.any(Number), lastTrainingScore: twice });
    const map = await get('mentalCommandBrainMap', { session });
    expect(map.map((m: { action: string }) => m.action)).toEqual(['neutral', 'push']);
    expect(map[0].coordinates).toEqual([0, 0]);

    // The saved profile ('profile' side) has none of it until setupProfile save.
    expect(await get('mentalCommandActiveAction', { profile: 'alice', status: 'get' })).toEqual([]);
    await get('setupProfile', { status: 'save', profile: 'alice', headset: headsetId });
    expect(await get('mentalCommandActiveAction', { profile: 'alice', status: 'get' })).toEqual(['pull', 'push']);
    expect(await get('getTrainedSignatureActions', { profile: 'alice', detection: 'mentalCommand' })).toEqual(
      expect.objectContaining({ totalTimesTraining: 3 }),
    );
    // Cortex 2.0.0's workaround: profile "" with session counts as session only.
    expect(await get('mentalCommandActiveAction', { profile: '', session, status: 'get' })).toEqual(['pull', 'push']);
  });

  it('validates params with the reference errors', async () => {
    const c = await h.client();
    const { token, sessionId: session, headsetId } = await openSession(c, h.sim);
    const code = async (method: string, params: object) =>
      (await c.call(method, { cortexToken: token, ...params })).error?.code;
    await c.result('setupProfile', { cortexToken: token, status: 'create', profile: 'bob' });
    await c.result('setupProfile', { cortexToken: token, status: 'load', profile: 'bob', headset: headsetId });

    // one of profile / session; with both (as EMOTIV's cortex.py sends them), the session's loaded profile
    expect(await code('mentalCommandActiveAction', { status: 'get' })).toBe(-32602);
    expect(
      await code('mentalCommandActionSensitivity', { status: 'set', profile: 'bob', session, values: [7, 5, 5, 5] }),
    ).toBeUndefined();
    expect(
      (await c.call('mentalCommandActionSensitivity', { cortexToken: token, status: 'get', session })).result,
    ).toEqual([7, 5, 5, 5]);
    // the profile side is read-only
    expect(await code('mentalCommandActiveAction', { status: 'set', profile: 'bob', actions: ['push'] })).toBe(-32602);
    expect(await code('mentalCommandActiveAction', { status: 'get', profile: 'nobody' })).toBe(-32602);
    const set = (actions: unknown) => code('mentalCommandActiveAction', { status: 'set', session, actions });
    expect(await set(['push', 'pull', 'lift', 'drop', 'left'])).toBe(-32602); // more than 4
    expect(await set(['neutral'])).toBe(-32602);
    expect(await set(['jump'])).toBe(-32602);
    expect(await set(['push', 'push'])).toBe(-32602);
    expect(await set('push')).toBe(-32602); // not an array: the codec
    expect(await code('mentalCommandActiveAction', { status: 'set', session })).toBe(-32018);
    const sens = (values: unknown) => code('mentalCommandActionSensitivity', { status: 'set', session, values });
    expect(await sens([5, 5, 5])).toBe(-32602);
    expect(await sens([0, 5, 5, 5])).toBe(-32602);
    expect(await sens([11, 5, 5, 5])).toBe(-32602);
    expect(await sens([5.5, 5, 5, 5])).toBe(-32602);
    const fe = (params: object) => code('facialExpressionThreshold', { session, ...params });
    expect(await fe({ status: 'set', action: 'smile', value: 1001 })).toBe(-32602);
    expect(await fe({ status: 'get', action: 'push' })).toBe(-32602);
    expect(await fe({ status: 'set', action: 'smile' })).toBe(-32018);
    expect(await code('facialExpressionSignatureType', { status: 'set', session, signature: 'trained' })).toBe(-32602);
    expect(await code('mentalCommandGetSkillRating', { session, action: 'fly' })).toBe(-32602);
    expect(await code('getTrainingTime', { detection: 'mentalCommand', session: 'nope' })).toBe(-32007);
    expect(await code('getTrainedSignatureActions', { detection: 'nope', session })).toBe(-32602);

    // valid facial-expression settings
    const get = (method: string, params: object) => c.result(method, { cortexToken: token, session, ...params });
    expect(await get('facialExpressionThreshold', { status: 'get', action: 'smile' })).toBe(500);
    expect(await get('facialExpressionThreshold', { status: 'set', action: 'smile', value: 800 })).toBe('success');
    expect(await get('facialExpressionThreshold', { status: 'get', action: 'smile' })).toBe(800);
    expect(await get('facialExpressionSignatureType', { status: 'get' })).toEqual({
      currentSig: 'universal',
      availableSig: ['universal'],
    });
  });

  it("another app's session cannot change the profile loaded on a shared headset (-32046)", async () => {
    const a = await h.client();
    const A = await openSession(a, h.sim);
    await a.result('setupProfile', { cortexToken: A.token, status: 'create', profile: 'a' });
    await a.result('setupProfile', { cortexToken: A.token, status: 'load', profile: 'a', headset: A.headsetId });
    const b = await h.client();
    const tokenB = await b.authorize('no-opt-out', 's');
    const sB = await b.result('createSession', { cortexToken: tokenB, headset: A.headsetId, status: 'active' });
    const r = await b.call('mentalCommandActiveAction', {
      cortexToken: tokenB,
      session: sB.id,
      status: 'set',
      actions: ['push'],
    });
    expect(r.error?.code).toBe(-32046);
  });

  it('loadGuestProfile loads an empty, unlisted profile that training can use', async () => {
    const c = await h.client();
    const { token, sessionId: session, headsetId } = await openSession(c, h.sim);
    expect(await c.result('loadGuestProfile', { cortexToken: token, headset: headsetId })).toEqual(
      expect.objectContaining({ message: expect.any(String) }),
    );
    expect((await c.warning(13)).message.headset).toBe(headsetId);
    expect(await c.result('getCurrentProfile', { cortexToken: token, headset: headsetId })).toEqual({
      name: null,
      loadedByThisApp: true,
    });
    expect(await c.result('queryProfile', { cortexToken: token })).toEqual([]);
    await c.result('subscribe', { cortexToken: token, session, streams: ['sys'] });
    await trainMentalCommand(c, token, session, 'push');
    expect(await c.result('mentalCommandActiveAction', { cortexToken: token, session, status: 'get' })).toEqual([
      'push',
    ]);
    expect((await c.call('loadGuestProfile', { cortexToken: token, headset: 'NOPE-0' })).error?.code).toBe(-32004);
  });

  it('configMapping: create, get, read, update, delete EPOC Flex mapping configs', async () => {
    const c = await h.client();
    const token = await c.authorize();
    const mappings = { CMS: 'TP8', DRL: 'P6', RM: 'TP10' };
    const created = await c.result('configMapping', { cortexToken: token, status: 'create', name: 'cap', mappings });
    expect(created).toEqual(expect.objectContaining({ name: 'cap', mappings, uuid: expect.any(String) }));
    const { uuid } = created;
    expect((await c.result('configMapping', { cortexToken: token, status: 'get' })).config).toEqual([
      { uuid, name: 'cap', mappings },
    ]);
    await c.result('configMapping', { cortexToken: token, status: 'update', uuid, name: 'cap2' });
    expect((await c.result('configMapping', { cortexToken: token, status: 'read', uuid })).name).toBe('cap2');
    const bad = await c.call('configMapping', {
      cortexToken: token,
      status: 'create',
      name: 'x',
      mappings: { LI: 'Cz' },
    });
    expect(bad.error?.code).toBe(-32602);
    expect((await c.result('configMapping', { cortexToken: token, status: 'delete', uuid })).uuid).toBe(uuid);
    expect((await c.call('configMapping', { cortexToken: token, status: 'read', uuid })).error?.code).toBe(-32602);
  });

  it('configOptOut answers the real shape, and -32155 when the app may not set it', async () => {
    const c = await h.client();
    const token = await c.authorize();
    expect(await c.result('configOptOut', { cortexToken: token, status: 'get' })).toEqual({
      currOptOut: false,
      forceOptOut: false,
      message: 'Get opt-out configuration successfully',
      optOutAvail: true,
    });
    const set = await c.result('configOptOut', { cortexToken: token, status: 'set', newOptOut: true });
    expect(set).toEqual(expect.objectContaining({ currOptOut: true, optOutAvail: true }));
    const other = await h.client();
    const tokenB = await other.authorize('no-opt-out', 's');
    const refused = await other.call('configOptOut', { cortexToken: tokenB, status: 'set', newOptOut: true });
    expect(refused.error).toEqual(
      expect.objectContaining({ code: -32155, message: 'The opt-out feature is unavailable.' }),
    );
    expect(await other.result('configOptOut', { cortexToken: tokenB, status: 'get' })).toEqual(
      expect.objectContaining({ currOptOut: false, optOutAvail: false }),
    );
  });
});
