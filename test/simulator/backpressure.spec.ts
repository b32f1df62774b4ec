import { startHarness, type Harness } from '../support/simulatorHarness';
import { until, type RawClient, type RawFrame } from '../support/rawClient';
import type { SimulatorConfig } from '../../src/simulator';
import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';

/** Every stream a session without training data sends continuously. */
const STREAMS = ['eeg', 'mot', 'dev', 'pow', 'met', 'eq'];
/** Apps on the socket under test, each with a session on every headset: the kernel's socket buffers (MBs) fill fast. */
const APPS = 4;
const HEADSETS = 4;
const SESSIONS = APPS * HEADSETS;

/** Opens one session per app and headset on the socket, each subscribed to every stream. */
async function subscribeAll(
  c: RawClient,
  headsetIds: readonly string[],
  appPrefix: string,
  apps = APPS,
): Promise<void> {
  for (let i = 0; i < apps; i++) {
    const token = await c.authorize(`${appPrefix}-${i}`);
    for (const headset of headsetIds) {
      const session = await c.result('createSession', { cortexToken: token, headset, status: 'active' });
      await c.result('subscribe', { cortexToken: token, session: session.id, streams: STREAMS });
    }
  }
}

const dropped = (h: Harness): number => Object.values(h.sim.stats().framesDropped).reduce((a, b) => a + b, 0);

/** A simulator of HEADSETS connected EPOC X at 256 Hz with the send budget given. */
const startBudgeted = (
  budget: Pick<SimulatorConfig, 'sendBudgetBytes' | 'slowClientTimeoutMs' | 'slowClientCloseGraceMs'>,
) => startHarness({ headsets: `EPOCX@256:${HEADSETS}`, initialHeadsetStatus: 'connected', ...budget });

/** A client that reads all along (one session), and the client under test with every app's session on every headset. */
async function bystanderAndSubject(h: Harness, prefix: string): Promise<{ bystander: RawClient; c: RawClient }> {
  const bystander = await h.client();
  await subscribeAll(bystander, [h.sim.headsetIds[0]], 'bystander', 1);
  const c = await h.client();
  await subscribeAll(c, h.sim.headsetIds, prefix);
  return { bystander, c };
}

describe('backpressure: a client that does not read', () => {
  let baseline: HandleCounts;
  beforeAll(() => {
    baseline = openHandles();
  });
  afterAll(async () => {
    await expectNoOpenHandles(baseline);
  });

  it('has its data frames dropped and counted per stream, while the answer to its request still comes once it reads', async () => {
    const h = await startBudgeted({ sendBudgetBytes: 16 * 1024, slowClientTimeoutMs: 600_000 });
    try {
      const c = await h.client();
      await subscribeAll(c, h.sim.headsetIds, 'app');
      await until(() => c.data('eeg').length > 0, 'eeg frames');
      c.ws.pause();
      // The kernel's socket buffers fill first; then ws.bufferedAmount passes the budget and frames are dropped.
      await until(() => dropped(h) > 0, 'frames dropped', 60_000);
      const id = 'while-paused';
      const from = c.frames.length;
      const answered = c.waitFor((f: RawFrame) => f.id === id, 60_000, from);
      c.sendRaw(JSON.stringify({ jsonrpc: '2.0', id, method: 'getCortexInfo' }));
      const droppedAtRequest = dropped(h);
      // The answer is queued while the socket is over its budget: frames go on being dropped after it.
      await until(() => dropped(h) > droppedAtRequest + 100, 'more frames dropped after the request', 60_000);
      c.ws.resume();
      const answer = (await answered) as { result?: { version?: string } };
      expect(typeof answer.result?.version).toBe('string');
      const stats = h.sim.stats();
      expect(Object.keys(stats.framesDropped).sort()).toEqual(expect.arrayContaining(['eeg', 'mot']));
      for (const n of Object.values(stats.framesDropped)) expect(n).toBeGreaterThan(0);
      expect(stats.slowClientsClosed).toBe(0);
      // Reading again, the client gets data again: the socket was not closed.
      const eegBefore = c.data('eeg').length;
      await until(() => c.data('eeg').length > eegBefore + 256, 'eeg frames after reading again', 30_000);
      const after = h.sim.stats();
      expect(after.sessions).toBe(SESSIONS);
      process.stdout.write(`backpressure: ${JSON.stringify(after.framesDropped)} frames dropped\n`);
    } finally {
      await h.close();
    }
  });

  it('is closed with 1008 and a reason once over its budget for slowClientTimeoutMs; its sessions close', async () => {
    const h = await startBudgeted({
      sendBudgetBytes: 16 * 1024,
      slowClientTimeoutMs: 300,
      // Time enough to read the close frame once the test resumes reading.
      slowClientCloseGraceMs: 60_000,
    });
    try {
      const { bystander, c } = await bystanderAndSubject(h, 'slow');
      const closed = new Promise<{ code: number; reason: string }>((resolve) =>
        c.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      );
      c.ws.pause();
      await until(() => h.sim.stats().slowClientsClosed === 1, 'the slow client closed', 60_000);
      // Its sessions are gone at once; the bystander's stays.
      expect(h.sim.stats().sessions).toBe(1);
      c.ws.resume();
      const { code, reason } = await closed;
      expect(code).toBe(1008);
      // The budget is per session on the socket: 16 KiB × its 16 sessions.
      expect(reason).toMatch(
        new RegExp(`^client not reading: over its send budget of ${16 * 1024 * SESSIONS} bytes for 300 ms`),
      );
      // The bystander read all along: it was never closed.
      expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
    } finally {
      await h.close();
    }
  });

  it("destroys the socket of a client that never reads after slowClientCloseGraceMs, not after ws's 30 s close timeout", async () => {
    const h = await startBudgeted({
      sendBudgetBytes: 16 * 1024,
      slowClientTimeoutMs: 300,
      slowClientCloseGraceMs: 200,
    });
    try {
      const { bystander, c } = await bystanderAndSubject(h, 'never-reads');
      c.ws.pause();
      await until(() => h.sim.stats().slowClientsClosed === 1, 'the slow client closed', 60_000);
      // It never reads again; its socket (and the bytes it left unread) goes well before ws's 30 s close timeout.
      await until(() => h.sim.stats().sockets === 1, 'the slow socket destroyed', 15_000);
      expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
      c.ws.terminate();
    } finally {
      await h.close();
    }
  });

  it('keeps a client that reads, however slowly: its frames are dropped, it is never closed', async () => {
    const TIMEOUT_MS = 3000;
    // 64 KiB per session, 1 MiB for the socket's 16. End to end this guards the contract; the case where only the
    // kernel's take of a pending write shows the reading is test/simulator/connection.spec.ts.
    const h = await startBudgeted({ sendBudgetBytes: 64 * 1024, slowClientTimeoutMs: TIMEOUT_MS });
    try {
      const c = await h.client();
      let readBytes = 0;
      c.ws.on('message', (data: Buffer) => {
        readBytes += data.length;
      });
      await subscribeAll(c, h.sim.headsetIds, 'slow-reader');
      c.ws.pause();
      await until(() => dropped(h) > 0, 'frames dropped', 60_000);
      // Far slower than the data comes (4 apps × 4 headsets × 6 streams), but always a little: 16 KiB, then a pause.
      const endMs = Date.now() + 3 * TIMEOUT_MS;
      while (Date.now() < endMs) {
        const from = readBytes;
        c.ws.resume();
        await until(() => readBytes >= from + 16 * 1024, 'the next 16 KiB', 60_000);
        c.ws.pause();
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(h.sim.stats().slowClientsClosed).toBe(0);
      expect(c.ws.readyState).toBe(c.ws.OPEN);
      expect(dropped(h)).toBeGreaterThan(0);
      c.ws.resume();
    } finally {
      await h.close();
    }
  }, 120_000);
});
