import { startHarness, openSession, type Harness } from '../support/simulatorHarness';
import { sleep } from '../support/rawClient';

describe('simulator bad input', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ maxFrameBytes: 4096 });
  });
  afterAll(() => h.close());

  const lastError = async (c: Awaited<ReturnType<Harness['client']>>, from: number) =>
    (await c.waitFor((f) => f.error !== undefined, 2000, from)) as {
      id: unknown;
      error: { code: number; message: string };
    };

  it('answers each kind of malformed request with its JSON-RPC error and keeps serving', async () => {
    const c = await h.client();
    const cases: Array<[string | Buffer, number, boolean?]> = [
      ['{not json', -32700],
      ['42', -32600],
      ['[{"jsonrpc":"2.0","id":1,"method":"getCortexInfo"}]', -32600],
      ['{"id":1,"method":"getCortexInfo"}', -32600],
      ['{"jsonrpc":"2.0","id":{"x":1},"method":"getCortexInfo"}', -32600],
      ['{"jsonrpc":"2.0","id":2,"method":"noSuchMethod"}', -32601],
      ['{"jsonrpc":"2.0","id":3,"method":"toString"}', -32601],
      ['{"jsonrpc":"2.0","id":4,"method":"queryHeadsets","params":[1,2]}', -32602],
      [Buffer.from([1, 2, 3]), -32600, true],
      [`{"jsonrpc":"2.0","id":5,"method":"getCortexInfo","pad":"${'x'.repeat(5000)}"}`, -32600],
    ];
    for (const [frame, code, binary] of cases) {
      const from = c.frames.length;
      c.sendRaw(frame, binary);
      const r = await lastError(c, from);
      expect({ frame: String(frame).slice(0, 40), code: r.error.code }).toEqual({
        frame: String(frame).slice(0, 40),
        code,
      });
    }
    expect((await c.result('getCortexInfo')).version).toBeDefined();
  });

  it('names the offending param: -32602 for a wrong type, -32018 for a missing one', async () => {
    const c = await h.client();
    const token = await c.authorize();
    const wrong = await c.call('createSession', { cortexToken: token, status: 'opened' });
    expect(wrong.error?.code).toBe(-32602);
    expect(wrong.error?.message).toContain("'status'");
    const missing = await c.call('createRecord', { cortexToken: token, session: 'x' });
    expect(missing.error?.code).toBe(-32018);
    expect(missing.error?.data?.behavior).toContain('title');
    const long = await openSession(c, h.sim);
    const tooLong = await c.call('createRecord', {
      cortexToken: token,
      session: long.sessionId,
      title: 'x'.repeat(201),
    });
    expect(tooLong.error?.code).toBe(-32602);
    expect(tooLong.error?.message).toContain("'title'");
  });

  it('is not polluted by __proto__ or constructor keys', async () => {
    const c = await h.client();
    c.sendRaw(
      '{"jsonrpc":"2.0","id":9,"method":"getCortexInfo","params":{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}}',
    );
    await c.waitFor((f) => f.id === 9);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    const r = await c.call('authorize', JSON.parse('{"clientId":"a","clientSecret":"b","__proto__":{"debit":1000}}'));
    expect(r.result?.cortexToken).toBeDefined();
  });

  it("one client's bad input never disturbs another client's stream", async () => {
    const good = await h.client();
    const { token, sessionId } = await openSession(good, h.sim, { clientId: 'good' });
    await good.result('subscribe', { cortexToken: token, session: sessionId, streams: ['eeg'] });
    await good.waitFor((f) => Array.isArray(f.eeg));
    const bad = await h.client();
    const before = good.data('eeg').length;
    for (let i = 0; i < 200; i++) bad.sendRaw(i % 2 ? '{"jsonrpc":"2.0","id":1,"method":1}' : '\u0000\u0001garbage');
    await sleep(500);
    const eeg = good.data('eeg');
    expect(eeg.length - before).toBeGreaterThan(80);
    // one period apart, within the ±0.2 ms jitter and 4-decimal rounding of frame times
    for (let i = before + 1; i < eeg.length; i++)
      expect(Math.abs(eeg[i].time - eeg[i - 1].time - 1 / 256)).toBeLessThan(0.0005);
  });

  it('a notification (no id) gets no answer', async () => {
    const c = await h.client();
    const from = c.frames.length;
    c.sendRaw('{"jsonrpc":"2.0","method":"getCortexInfo"}');
    await sleep(200);
    expect(c.frames.slice(from).filter((f) => 'result' in f || 'error' in f)).toEqual([]);
  });
});
