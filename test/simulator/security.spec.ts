import { mkdtempSync, readdirSync, rmSync } from 'fs';
import { networkInterfaces, tmpdir } from 'os';
import { join } from 'path';
import WebSocket from 'ws';
import { METHODS } from '../../src/protocol';
import type { SimulatorConfig } from '../../src/simulator';
import { startHarness, openSession, type Harness } from '../support/simulatorHarness';
import type { RawClient } from '../support/rawClient';
import { sleep, type RawFrame } from '../support/rawClient';
import { expectNoOpenHandles, openHandles, type HandleCounts } from '../support/openHandles';

/** Methods served without a cortexToken (cortex-api.md §2); every other one must refuse a request without one. */
const TOKENLESS = new Set([
  'getCortexInfo',
  'getUserLogin',
  'requestAccess',
  'hasAccessRight',
  'authorize',
  'controlDevice',
  'queryHeadsets',
  'getDetectionInfo',
  'syncWithHeadsetClock',
]);

/** An IPv4 address of this machine that is not loopback, if it has one. */
function externalIPv4(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/** Resolves with 'open' or the connect error code (ECONNREFUSED, ...). */
function tryConnect(url: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.terminate();
      resolve('open');
    });
    ws.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

describe('simulator security: loopback, tokens, isolation between apps, limits, prototype pollution', () => {
  let baseline: HandleCounts;
  beforeAll(() => {
    baseline = openHandles();
  });
  afterAll(() => expectNoOpenHandles(baseline));

  describe('listening', () => {
    it('binds loopback by default: reachable on 127.0.0.1, refused on the machine’s other addresses', async () => {
      const h = await startHarness({ headsets: 'INSIGHT' });
      const external = externalIPv4();
      try {
        expect(h.sim.url).toBe(`ws://127.0.0.1:${h.sim.port}`);
        expect(await tryConnect(h.sim.url)).toBe('open');
        if (external !== undefined) expect(await tryConnect(`ws://${external}:${h.sim.port}`)).toBe('ECONNREFUSED');
      } finally {
        await h.close();
      }
      // the check above is not vacuous: bound to that address when told to, it is reachable there
      if (external !== undefined) {
        const exposed = await startHarness({ headsets: 'INSIGHT', host: external });
        try {
          expect(await tryConnect(`ws://${external}:${exposed.sim.port}`)).toBe('open');
        } finally {
          await exposed.close();
        }
      }
    });
  });

  describe('tokens', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ headsets: 'INSIGHT', tokenLifetimeMs: 300 });
    });
    afterAll(() => h.close());

    it('every method that needs a cortexToken refuses none (-32018), a forged one (-32014) and an expired one (-32015)', async () => {
      const c = await h.client();
      const expired = await c.authorize('app-a', 'secret-a');
      await sleep(350);
      const methods = Object.keys(METHODS).filter((m) => !TOKENLESS.has(m));
      expect(methods.length).toBeGreaterThanOrEqual(30);
      const got: Record<string, number[]> = {};
      for (const m of methods) {
        got[m] = [
          (await c.call(m, {})).error?.code ?? 0,
          (await c.call(m, { cortexToken: 'forged-token' })).error?.code ?? 0,
          (await c.call(m, { cortexToken: 42 })).error?.code ?? 0,
          (await c.call(m, { cortexToken: expired })).error?.code ?? 0,
        ];
      }
      expect(got).toEqual(Object.fromEntries(methods.map((m) => [m, [-32018, -32014, -32014, -32015]])));
    });

    it("generateNewToken refuses app A's token with app B's credentials, and leaves A's token valid", async () => {
      const c = await h.client();
      const tokenA = await c.authorize('app-a', 'secret-a');
      await c.authorize('app-b', 'secret-b');
      const r = await c.call('generateNewToken', { cortexToken: tokenA, clientId: 'app-b', clientSecret: 'secret-b' });
      expect(r.error?.code).toBe(-32014);
      expect(await c.result('querySessions', { cortexToken: tokenA })).toEqual([]);
    });
  });

  describe('with registered apps', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({
        headsets: 'EPOCX,INSIGHT',
        apps: [
          { clientId: 'app-a', clientSecret: 'secret-a', appId: 'com.example.a' },
          { clientId: 'app-b', clientSecret: 'secret-b', appId: 'com.example.b' },
        ],
      });
    });
    afterAll(() => h.close());

    it("generateNewToken refuses A's token with B's (valid) credentials and with A's id but a wrong secret", async () => {
      const c = await h.client();
      const tokenA = await c.authorize('app-a', 'secret-a');
      expect(
        (await c.call('generateNewToken', { cortexToken: tokenA, clientId: 'app-b', clientSecret: 'secret-b' })).error
          ?.code,
      ).toBe(-32014);
      expect(
        (await c.call('generateNewToken', { cortexToken: tokenA, clientId: 'app-a', clientSecret: 'guess' })).error
          ?.code,
      ).toBe(-32021);
      expect(
        (await c.result('generateNewToken', { cortexToken: tokenA, clientId: 'app-a', clientSecret: 'secret-a' }))
          .cortexToken,
      ).toBeDefined();
    });
  });

  describe("isolation: an app can neither see nor touch another app's sessions, records and profiles", () => {
    let h: Harness;
    let a: RawClient;
    let b: RawClient;
    let A: { token: string; sessionId: string; headsetId: string };
    let tokenB: string;
    let recordId: string;
    let markerId: string;
    beforeAll(async () => {
      h = await startHarness({ headsets: 'EPOCX,INSIGHT' });
      a = await h.client();
      A = await openSession(a, h.sim, { clientId: 'owner' });
      await a.result('subscribe', { cortexToken: A.token, session: A.sessionId, streams: ['eeg', 'dev'] });
      recordId = (await a.result('createRecord', { cortexToken: A.token, session: A.sessionId, title: 'private run' }))
        .record.uuid;
      markerId = (
        await a.result('injectMarker', {
          cortexToken: A.token,
          session: A.sessionId,
          time: Date.now(),
          value: 1,
          label: 'mine',
        })
      ).marker.uuid;
      b = await h.client();
      tokenB = await b.authorize('intruder');
    });
    afterAll(() => h.close());

    it("every session method on A's session answers B -32007, as if it did not exist, and changes nothing", async () => {
      const s = A.sessionId;
      const t = tokenB;
      const attempts: Array<[string, object]> = [
        ['updateSession', { cortexToken: t, session: s, status: 'close' }],
        ['updateSession', { cortexToken: t, session: s, status: 'active' }],
        ['subscribe', { cortexToken: t, session: s, streams: ['eeg'] }],
        ['unsubscribe', { cortexToken: t, session: s, streams: ['eeg'] }],
        ['createRecord', { cortexToken: t, session: s, title: 'hijack' }],
        ['stopRecord', { cortexToken: t, session: s }],
        ['injectMarker', { cortexToken: t, session: s, time: Date.now(), value: 2, label: 'forged' }],
        ['updateMarker', { cortexToken: t, session: s, markerId, time: Date.now() }],
        ['training', { cortexToken: t, session: s, detection: 'mentalCommand', action: 'push', status: 'start' }],
      ];
      for (const [method, params] of attempts) {
        expect({ method, code: (await b.call(method, params)).error?.code }).toEqual({ method, code: -32007 });
      }
      expect(await b.result('querySessions', { cortexToken: t })).toEqual([]);
      const mine = (await a.result('querySessions', { cortexToken: A.token }))[0];
      expect(mine).toEqual(
        expect.objectContaining({ id: s, status: 'activated', recording: true, streams: ['eeg', 'dev'] }),
      );
      const info = (await a.result('getRecordInfos', { cortexToken: A.token, recordIds: [recordId] }))[0];
      expect(info.markers.map((m: { label: string; type: string }) => [m.label, m.type])).toEqual([
        ['mine', 'instance'],
      ]);
    });

    it("B's socket never carries A's data or warnings", async () => {
      const from = b.frames.length;
      await sleep(300);
      const seen = b.frames.slice(from);
      expect(seen.filter((f: RawFrame) => f.sid !== undefined)).toEqual([]);
      expect(a.data('eeg', A.sessionId).length).toBeGreaterThan(50);
    });

    it("every record method on A's record answers B -32047 (or a -32047 failure entry), and changes nothing", async () => {
      const t = tokenB;
      expect((await b.call('getRecordInfos', { cortexToken: t, recordIds: [recordId] })).error?.code).toBe(-32047);
      expect((await b.call('updateRecord', { cortexToken: t, record: recordId, title: 'renamed' })).error?.code).toBe(
        -32047,
      );
      const del = await b.result('deleteRecord', { cortexToken: t, records: [recordId] });
      expect(del.failure).toEqual([expect.objectContaining({ recordId, code: -32047 })]);
      const folder = mkdtempSync(join(tmpdir(), 'cortex-rx-steal-'));
      try {
        const exp = await b.result('exportRecord', {
          cortexToken: t,
          recordIds: [recordId],
          folder,
          streamTypes: ['EEG'],
          format: 'CSV',
        });
        expect(exp.failure).toEqual([expect.objectContaining({ recordId, code: -32047 })]);
        expect(readdirSync(folder)).toEqual([]);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
      const dl = await b.result('requestToDownloadRecordData', { cortexToken: t, recordIds: [recordId] });
      expect(dl.failure).toEqual([expect.objectContaining({ recordId, code: -32047 })]);
      const q = await b.result('queryRecords', {
        cortexToken: t,
        query: { keyword: 'private' },
        orderBy: [],
        includeMarkers: true,
      });
      expect(q).toEqual(expect.objectContaining({ count: 0, records: [] }));
      const still = (await a.result('getRecordInfos', { cortexToken: A.token, recordIds: [recordId] }))[0];
      expect(still.title).toBe('private run');
    });

    it("profiles: B sees A's profile as not its own and can neither unload, save, rename, delete, replace nor take it over", async () => {
      const headset = A.headsetId;
      await a.result('setupProfile', { cortexToken: A.token, status: 'create', profile: 'a-profile' });
      await a.result('setupProfile', { cortexToken: A.token, status: 'load', profile: 'a-profile', headset });
      await b.result('setupProfile', { cortexToken: tokenB, status: 'create', profile: 'b-profile' });
      expect(await a.result('getCurrentProfile', { cortexToken: A.token, headset })).toEqual({
        name: 'a-profile',
        loadedByThisApp: true,
      });
      expect(await b.result('getCurrentProfile', { cortexToken: tokenB, headset })).toEqual({
        name: 'a-profile',
        loadedByThisApp: false,
      });
      const attempts: Array<[string, object]> = [
        ['unload', { status: 'unload', profile: 'a-profile', headset }],
        ['save', { status: 'save', profile: 'a-profile', headset }],
        ['rename', { status: 'rename', profile: 'a-profile', newProfileName: 'stolen' }],
        ['delete', { status: 'delete', profile: 'a-profile' }],
        ['load b-profile over it', { status: 'load', profile: 'b-profile', headset }],
        ['load it elsewhere', { status: 'load', profile: 'a-profile', headset: h.sim.headsetIds[1] }],
      ];
      for (const [what, params] of attempts) {
        expect({ what, code: (await b.call('setupProfile', { cortexToken: tokenB, ...params })).error?.code }).toEqual({
          what,
          code: -32046,
        });
      }
      expect(await a.result('getCurrentProfile', { cortexToken: A.token, headset })).toEqual({
        name: 'a-profile',
        loadedByThisApp: true,
      });
      // and the owner still can
      await a.result('setupProfile', { cortexToken: A.token, status: 'unload', profile: 'a-profile', headset });
      expect(await b.result('getCurrentProfile', { cortexToken: tokenB, headset })).toEqual({
        name: null,
        loadedByThisApp: false,
      });
    });
  });

  describe('limits, each with a clear error', () => {
    const limited: SimulatorConfig = {
      headsets: 'INSIGHT:3',
      maxFrameBytes: 1024,
      maxPendingRequests: 4,
      maxSessionsPerApp: 2,
    };
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness(limited);
    });
    afterEach(() => h.close());

    it('frame size: over maxFrameBytes gets -32600 naming the limit; over 4× it the socket is closed (1009)', async () => {
      const c = await h.client();
      const from = c.frames.length;
      c.sendRaw(`{"jsonrpc":"2.0","id":1,"method":"getCortexInfo","pad":"${'x'.repeat(2000)}"}`);
      const err = (await c.waitFor((f) => f.error !== undefined, 2000, from)) as {
        error: { code: number; message: string };
      };
      expect(err.error).toEqual({
        code: -32600,
        message: expect.stringMatching(/frame of \d+ bytes exceeds the limit of 1024 bytes/),
      });
      expect((await c.result('getCortexInfo')).version).toBeDefined();
      const closed = new Promise<number>((resolve) => c.ws.once('close', (code) => resolve(code)));
      c.sendRaw('x'.repeat(5 * 1024));
      expect(await closed).toBe(1009);
    });

    it('pending requests: beyond maxPendingRequests per connection each gets -32050 naming the limit', async () => {
      const c = await h.client();
      h.sim.faults.delayResponses({ delayMs: 300 });
      const answers = await Promise.all(Array.from({ length: 6 }, () => c.call('getCortexInfo')));
      h.sim.faults.delayResponses({ delayMs: 0 });
      expect(answers.filter((r) => r.result !== undefined)).toHaveLength(4);
      const refused = answers.filter((r) => r.error !== undefined).map((r) => r.error);
      expect(refused).toEqual([
        { code: -32050, message: 'Too many pending requests: at most 4 per connection.' },
        { code: -32050, message: 'Too many pending requests: at most 4 per connection.' },
      ]);
      // once answered, requests are accepted again
      expect((await c.result('getCortexInfo')).version).toBeDefined();
    });

    it('sessions: beyond maxSessionsPerApp createSession gets -32050 naming the limit; other apps are not affected', async () => {
      const c = await h.client();
      const token = await c.authorize('greedy');
      for (const id of h.sim.headsetIds) await c.connectHeadset(id);
      await c.result('createSession', { cortexToken: token, headset: h.sim.headsetIds[0], status: 'open' });
      await c.result('createSession', { cortexToken: token, headset: h.sim.headsetIds[1], status: 'open' });
      const third = await c.call('createSession', { cortexToken: token, headset: h.sim.headsetIds[2], status: 'open' });
      expect(third.error).toEqual({ code: -32050, message: 'Too many sessions: at most 2 per application.' });
      const other = await h.client();
      const tokenO = await other.authorize('modest');
      expect(
        (await other.result('createSession', { cortexToken: tokenO, headset: h.sim.headsetIds[2], status: 'open' }))
          .status,
      ).toBe('opened');
    });
  });
});
