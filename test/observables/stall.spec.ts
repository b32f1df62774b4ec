import type { Subscription } from 'rxjs';
import { switchMap } from 'rxjs';
import { connectCortex, CortexClientError, type CortexClient, type StreamEvent } from '../../src';
import { startHarness, type Harness } from '../support/simulatorHarness';
import { RawClient, until } from '../support/rawClient';
import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';

const STALL_MS = 300;

function client(url: string): CortexClient {
  return connectCortex({
    url,
    clientId: 'stall-app',
    clientSecret: 'secret',
    lingerMs: 0,
    stallTimeoutMs: STALL_MS,
    reconnect: { initialDelayMs: 50, maxDelayMs: 400, maxAttempts: 5 },
  });
}

describe('stall detection and headset loss in the client (gap stalled/resumed, HEADSET_LOST)', () => {
  let baseline: HandleCounts;
  let h: Harness;
  let subs: Subscription[];
  beforeAll(() => {
    baseline = openHandles();
  });
  afterAll(() => expectNoOpenHandles(baseline));
  beforeEach(async () => {
    h = await startHarness({ headsets: 'EPOCX', headsetLossTimeoutMs: 2000 });
    subs = [];
  });
  afterEach(async () => {
    for (const s of subs) s.unsubscribe();
    await h.close();
  });

  const follow = (c: CortexClient, events: Array<StreamEvent<'eeg'>>): Promise<unknown> =>
    new Promise<unknown>((resolve) =>
      subs.push(
        c
          .session()
          .pipe(switchMap((s) => s.stream('eeg')))
          .subscribe({ next: (e) => events.push(e), error: resolve, complete: () => resolve('completed') }),
      ),
    );
  const reasons = (events: Array<StreamEvent<'eeg'>>) => events.flatMap((e) => (e._tag === 'gap' ? [e.reason] : []));

  it('frames lost for longer than stallTimeoutMs give one `stalled` gap, then `resumed` before the next frame', async () => {
    const events: Array<StreamEvent<'eeg'>> = [];
    void follow(client(h.sim.url), events);
    await until(() => events.length > 20, 'eeg frames');
    // 2 s of EEG at 128 Hz lost on the way: the stream is silent far longer than 300 ms.
    h.sim.faults.dropFrames({ count: 256 });
    await until(() => reasons(events).includes('resumed'), 'frames back after the stall');
    await until(() => events.length > events.findIndex((e) => e._tag === 'gap' && e.reason === 'resumed') + 5, 'more');
    expect(reasons(events)).toEqual(['stalled', 'resumed']);
    const stalledAt = events.findIndex((e) => e._tag === 'gap' && e.reason === 'stalled');
    const resumedAt = events.findIndex((e) => e._tag === 'gap' && e.reason === 'resumed');
    const before = events[stalledAt - 1];
    expect(events[stalledAt]).toMatchObject({ stream: 'eeg', lastTimeS: before._tag === 'eeg' ? before.timeS : NaN });
    expect(resumedAt).toBe(stalledAt + 1);
    expect(events[resumedAt + 1]._tag).toBe('eeg');
  });

  it('a headset switched off: `stalled` first, then HEADSET_LOST when Cortex drops it (warning 103)', async () => {
    const events: Array<StreamEvent<'eeg'>> = [];
    const ended = follow(client(h.sim.url), events);
    await until(() => events.length > 20, 'eeg frames');
    h.sim.faults.disconnectHeadset(h.sim.headsetIds[0]);
    await until(() => reasons(events).includes('stalled'), 'the stall');
    const err = await ended;
    expect(err).toBeInstanceOf(CortexClientError);
    expect(err).toMatchObject({ code: 'HEADSET_LOST' });
    expect(reasons(events)).toEqual(['stalled']);
    expect(events[events.length - 1]).toMatchObject({ _tag: 'gap', reason: 'stalled' });
  });

  it('controlDevice disconnect (by another app) still ends the session at once with SESSION_CLOSED', async () => {
    const events: Array<StreamEvent<'eeg'>> = [];
    const ended = follow(client(h.sim.url), events);
    await until(() => events.length > 20, 'eeg frames');
    const other = await RawClient.connect(h.sim.url);
    await other.result('controlDevice', { command: 'disconnect', headset: h.sim.headsetIds[0] });
    await other.close();
    expect(await ended).toMatchObject({ code: 'SESSION_CLOSED' });
  });
});
