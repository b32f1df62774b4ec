import { firstValueFrom, type Subscription } from 'rxjs';
import { connectCortex, CortexClientError, CortexError, type AccessState, type CortexClient } from '../../src';
import { startHarness, type Harness } from '../support/simulatorHarness';
import { until } from '../support/rawClient';

const CLIENT = { clientId: 'first-run', clientSecret: 'secret' };

/** Issue 12 §8: the client's authorize on a first run waits for the user's approval (warning 9), and says so. */
describe('connectCortex: first-run access', () => {
  let h: Harness;
  let subs: Subscription[];
  const clientOn = (extra: Partial<Parameters<typeof connectCortex>[0]> = {}): CortexClient =>
    connectCortex({ url: h.sim.url, ...CLIENT, lingerMs: 0, ...extra });
  const watch = (c: CortexClient): AccessState[] => {
    const states: AccessState[] = [];
    subs.push(c.access.subscribe((s) => states.push(s)));
    return states;
  };
  beforeEach(() => {
    subs = [];
  });
  afterEach(async () => {
    subs.forEach((s) => s.unsubscribe());
    await h.close();
  });

  it('reports pending with a clear message, waits for warning 9, then authorizes', async () => {
    h = await startHarness({ requireApproval: true });
    const c = clientOn();
    const states = watch(c);
    const token = firstValueFrom(c.authorize());
    await until(() => states.length > 0, 'the pending state');
    expect(states[0]).toEqual({
      _tag: 'pending',
      clientId: CLIENT.clientId,
      message: expect.stringContaining(`approve the app ${CLIENT.clientId} in the EMOTIV Launcher`),
    });
    // while pending, the client does not try authorize (it would fail with -32102)
    expect(h.sim.stats().requests.authorize).toBeUndefined();
    h.sim.approveAccess(CLIENT.clientId);
    expect(typeof (await token)).toBe('string');
    expect(states.map((s) => s._tag)).toEqual(['pending', 'granted']);
    expect(h.sim.stats().requests.authorize).toBe(1);
  });

  it('a session opens once the simulator approves the app by itself', async () => {
    h = await startHarness({ requireApproval: true, autoApproveAfterMs: 100, headsets: 'INSIGHT' });
    const c = clientOn();
    const states = watch(c);
    const session = await firstValueFrom(c.session());
    expect(session.info.status).toBe('activated');
    expect(states.map((s) => s._tag)).toEqual(['pending', 'granted']);
  });

  it('errors with ACCESS_TIMEOUT when nobody approves within accessTimeoutMs', async () => {
    h = await startHarness({ requireApproval: true });
    const err = await firstValueFrom(clientOn({ accessTimeoutMs: 100 }).authorize()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CortexClientError);
    expect(err).toMatchObject({ code: 'ACCESS_TIMEOUT', message: expect.stringContaining('EMOTIV Launcher') });
  });

  it('errors with ACCESS_REJECTED when the user declines (warning 10)', async () => {
    h = await startHarness({ requireApproval: true });
    const c = clientOn();
    const states = watch(c);
    const token = firstValueFrom(c.authorize()).catch((e: unknown) => e);
    await until(() => states.length > 0, 'the pending state');
    h.sim.rejectAccess(CLIENT.clientId);
    expect(await token).toMatchObject({ code: 'ACCESS_REJECTED' });
  });

  it('a logged-out user: authorize errors with -32033', async () => {
    h = await startHarness({ userLoggedIn: false });
    const err = await firstValueFrom(clientOn().authorize()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CortexError);
    expect(err).toMatchObject({ code: -32033, method: 'hasAccessRight' });
  });

  it('rejects a bad accessTimeoutMs eagerly', () => {
    expect(() => connectCortex({ ...CLIENT, accessTimeoutMs: -1 })).toThrow(
      'accessTimeoutMs must be a positive number, got -1',
    );
  });
});
