import { startHarness, type Harness } from '../support/simulatorHarness';
import type { RawClient } from '../support/rawClient';

const creds = { clientId: 'first-run-app', clientSecret: 'secret' };

async function errorCode(c: RawClient, method: string, params: object = creds): Promise<number | undefined> {
  return (await c.call(method, params)).error?.code;
}

/** Issue 12 §8: the first-run path of §1.6 (approval in the Launcher, warning 9) and a logged-out user (§2). */
describe('simulator: first-run access (requireApproval) and a logged-out user', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('answers accessGranted false and refuses authorize (-32102) until approveAccess, then sends warning 9', async () => {
    h = await startHarness({ requireApproval: true });
    const asking = await h.client();
    const other = await h.client();
    expect(await asking.result('hasAccessRight', creds)).toMatchObject({ accessGranted: false });
    expect(await errorCode(asking, 'authorize')).toBe(-32102);
    const requested = await asking.result('requestAccess', creds);
    expect(requested.accessGranted).toBe(false);
    expect(requested.message).toContain('EMOTIV Launcher');
    // another app is not approved with it
    expect(await errorCode(other, 'authorize', { clientId: 'another-app', clientSecret: 's' })).toBe(-32102);

    h.sim.approveAccess(creds.clientId);
    const w = await asking.warning(9);
    expect(typeof w.message).toBe('string');
    expect(await asking.result('hasAccessRight', creds)).toMatchObject({ accessGranted: true });
    expect(await asking.result('requestAccess', creds)).toMatchObject({ accessGranted: true });
    expect(typeof (await asking.result('authorize', creds)).cortexToken).toBe('string');
    // warning 9 went only to the socket that asked
    await other.result('getCortexInfo');
    expect(other.frames.some((f) => f.warning !== undefined)).toBe(false);
    expect(await errorCode(other, 'authorize', { clientId: 'another-app', clientSecret: 's' })).toBe(-32102);
  });

  it('approves by itself autoApproveAfterMs after the first requestAccess', async () => {
    h = await startHarness({ requireApproval: true, autoApproveAfterMs: 50 });
    const c = await h.client();
    expect(await c.result('requestAccess', creds)).toMatchObject({ accessGranted: false });
    await c.warning(9);
    expect(typeof (await c.result('authorize', creds)).cortexToken).toBe('string');
  });

  it('rejectAccess sends warning 10 and authorize keeps failing', async () => {
    h = await startHarness({ requireApproval: true });
    const c = await h.client();
    expect(await c.result('requestAccess', creds)).toMatchObject({ accessGranted: false });
    h.sim.rejectAccess(creds.clientId);
    await c.warning(10);
    expect(await errorCode(c, 'authorize')).toBe(-32102);
  });

  it('logged out: getUserLogin is empty and the access methods fail with -32033 until the user logs in (warning 2)', async () => {
    h = await startHarness({ userLoggedIn: false });
    const c = await h.client();
    expect(await c.result('getUserLogin')).toEqual([]);
    for (const method of ['hasAccessRight', 'requestAccess', 'authorize'])
      expect(await errorCode(c, method)).toBe(-32033);
    h.sim.setUserLoggedIn(true);
    expect((await c.warning(2)).message).toContain('sim.user');
    expect((await c.result('getUserLogin'))[0].username).toBe('sim.user');
    const token = (await c.result('authorize', creds)).cortexToken as string;
    h.sim.setUserLoggedIn(false);
    await c.warning(3);
    expect(await errorCode(c, 'getUserInformation', { cortexToken: token })).toBe(-32033);
    expect(await errorCode(c, 'authorize')).toBe(-32033);
  });

  it('without the options every app is granted at once (the default)', async () => {
    h = await startHarness();
    const c = await h.client();
    expect(await c.result('hasAccessRight', creds)).toMatchObject({ accessGranted: true });
    expect(await c.result('requestAccess', creds)).toMatchObject({ accessGranted: true });
    expect((await c.result('getUserLogin'))[0].username).toBe('sim.user');
  });
});
