import { startHarness, type Harness } from '../support/simulatorHarness';

describe('simulator auth (§2)', () => {
  describe('with no registered apps', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness();
    });
    afterAll(() => h.close());

    it('accepts any non-empty clientId/clientSecret pair with scopes eeg and pm', async () => {
      const c = await h.client();
      const token = await c.authorize('anything', 'goes');
      const lic = await c.result('getLicenseInfo', { cortexToken: token });
      expect(lic.license.scopes.sort()).toEqual(['eeg', 'pm']);
      expect((await c.call('authorize', { clientId: '', clientSecret: 'x' })).error?.code).toBe(-32021);
    });

    it('issues unguessable tokens, different on every authorize', async () => {
      const c = await h.client();
      const a = await c.authorize();
      const b = await c.authorize();
      expect(a).not.toBe(b);
      expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('refuses a request without a token (-32018, naming it) or with a bad one (-32014)', async () => {
      const c = await h.client();
      const missing = await c.call('querySessions', {});
      expect(missing.error?.code).toBe(-32018);
      expect(missing.error?.data?.behavior).toContain('cortexToken');
      expect((await c.call('querySessions', { cortexToken: 'forged' })).error?.code).toBe(-32014);
      expect((await c.call('createSession', { cortexToken: 42, status: 'open' })).error?.code).toBe(-32014);
    });

    it('generateNewToken replaces the token', async () => {
      const c = await h.client();
      const old = await c.authorize('gen', 'secret');
      const fresh = (await c.result('generateNewToken', { cortexToken: old, clientId: 'gen', clientSecret: 'secret' }))
        .cortexToken;
      expect(fresh).not.toBe(old);
      expect((await c.call('querySessions', { cortexToken: old })).error?.code).toBe(-32014);
      expect(await c.result('querySessions', { cortexToken: fresh })).toEqual([]);
    });

    it('answers getUserInformation and getUserLogin', async () => {
      const c = await h.client();
      const token = await c.authorize();
      expect((await c.result('getUserInformation', { cortexToken: token })).username).toBe('sim.user');
      const login = await c.result('getUserLogin');
      expect(login[0].currentOSUId).toBe(login[0].loggedInOSUId);
    });
  });

  describe('with registered apps, scopes and a session quota', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({
        headsets: 'EPOCX:3',
        apps: [
          { clientId: 'lab', clientSecret: 's3cret', appId: 'com.example.lab', scopes: ['eeg', 'pm'], sessionQuota: 1 },
          { clientId: 'basic', clientSecret: 'b', scopes: ['pm'] },
        ],
      });
    });
    afterAll(() => h.close());

    it('refuses a wrong secret or an unknown app with -32021', async () => {
      const c = await h.client();
      expect((await c.call('authorize', { clientId: 'lab', clientSecret: 'nope' })).error?.code).toBe(-32021);
      expect((await c.call('hasAccessRight', { clientId: 'other', clientSecret: 'x' })).error?.code).toBe(-32021);
    });

    it('refuses activation beyond the quota with -32019 until authorize debits more', async () => {
      const c = await h.client();
      const token = await c.authorize('lab', 's3cret');
      for (const id of h.sim.headsetIds) await c.connectHeadset(id);
      const first = await c.result('createSession', {
        cortexToken: token,
        headset: h.sim.headsetIds[0],
        status: 'active',
      });
      expect(first.status).toBe('activated');
      expect(first.appId).toBe('com.example.lab');
      const second = await c.call('createSession', {
        cortexToken: token,
        headset: h.sim.headsetIds[1],
        status: 'active',
      });
      expect(second.error?.code).toBe(-32019);
      const opened = await c.result('createSession', {
        cortexToken: token,
        headset: h.sim.headsetIds[1],
        status: 'open',
      });
      expect(
        (await c.call('updateSession', { cortexToken: token, session: opened.id, status: 'active' })).error?.code,
      ).toBe(-32019);
      const debited = await c.authorize('lab', 's3cret', { debit: 2 });
      const act = await c.result('updateSession', { cortexToken: debited, session: opened.id, status: 'active' });
      expect(act.status).toBe('activated');
      expect((await c.result('getLicenseInfo', { cortexToken: debited })).license.localQuota).toBe(1);
    });

    it('an app without the eeg scope cannot subscribe eeg, even activated', async () => {
      const c = await h.client();
      const token = await c.authorize('basic', 'b');
      await c.connectHeadset(h.sim.headsetIds[2]);
      const sessionId = (
        await c.result('createSession', { cortexToken: token, headset: h.sim.headsetIds[2], status: 'active' })
      ).id;
      const r = await c.result('subscribe', { cortexToken: token, session: sessionId, streams: ['eeg', 'met'] });
      expect(r.failure.map((f: { streamName: string }) => f.streamName)).toEqual(['eeg']);
      expect(r.success.map((s: { streamName: string }) => s.streamName)).toEqual(['met']);
    });

    it('refuses an unknown licence id with -32002', async () => {
      const c = await h.client();
      expect(
        (await c.call('authorize', { clientId: 'lab', clientSecret: 's3cret', license: 'not-a-licence' })).error?.code,
      ).toBe(-32002);
    });
  });
});
