import type { AddressInfo } from 'net';
import { WebSocketServer, type WebSocket } from 'ws';
import { firstValueFrom, lastValueFrom, toArray, take } from 'rxjs';
import { connectCortex, CortexClientError, type Diagnostic } from '../../src';
import { until } from '../support/rawClient';

/** A scripted fake Cortex on 127.0.0.1:0: each request is handed to `answer`, which may reply or not. */
async function fakeCortex(
  answer: (req: { id: number; method: string; params?: Record<string, unknown> }, ws: WebSocket) => void,
) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const received: Array<{ id: number; method: string; params?: Record<string, unknown> }> = [];
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const req = JSON.parse(data.toString());
      received.push(req);
      answer(req, ws);
    }),
  );
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    received,
    wss,
    close: () =>
      new Promise<void>((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => r());
      }),
  };
}

const reply = (ws: WebSocket, id: number, result: unknown) => ws.send(JSON.stringify({ id, jsonrpc: '2.0', result }));

describe('the multiplexed socket against a scripted fake service', () => {
  it('reports malformed frames on diagnostics and keeps answering', async () => {
    const fake = await fakeCortex((req, ws) => {
      ws.send('{not json');
      ws.send(JSON.stringify({ jsonrpc: '2.0', warning: { code: 'x' } }));
      ws.send(Buffer.from([0xde, 0xad]));
      ws.send(JSON.stringify({ id: 999, jsonrpc: '2.0', result: {} }));
      ws.send(JSON.stringify({ eeg: [1, 2], sid: 5, time: 1 }));
      reply(ws, req.id, { version: '9.9', buildNumber: 'b', buildDate: 'd' });
    });
    const client = connectCortex({ url: fake.url, clientId: 'a', clientSecret: 'b', lingerMs: 0 });
    const diags: Diagnostic[] = [];
    const sub = client.diagnostics.subscribe((d) => diags.push(d));
    try {
      expect((await firstValueFrom(client.rpc('getCortexInfo', {}))).version).toBe('9.9');
      expect(diags.map((d) => d.kind)).toEqual([
        'INVALID_JSON',
        'INVALID_FRAME',
        'INVALID_JSON',
        'UNKNOWN_RESPONSE',
        'INVALID_FRAME',
      ]);
      expect(diags[1].message).toContain('Invalid value "x" supplied to');
      expect(diags[0].frame).toBe('{not json');
      // and the socket still serves
      expect((await firstValueFrom(client.rpc('getCortexInfo', {}))).version).toBe('9.9');
    } finally {
      sub.unsubscribe();
      await fake.close();
    }
  });

  it('errors with DECODE when a result does not match its codec, and reports it', async () => {
    const fake = await fakeCortex((req, ws) => reply(ws, req.id, { version: 42 }));
    const client = connectCortex({ url: fake.url, clientId: 'a', clientSecret: 'b', lingerMs: 0 });
    const diags: Diagnostic[] = [];
    const sub = client.diagnostics.subscribe((d) => diags.push(d));
    try {
      const err = await firstValueFrom(client.rpc('getCortexInfo', {})).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(CortexClientError);
      expect(err).toMatchObject({ code: 'DECODE' });
      expect(diags[0].kind).toBe('INVALID_RESULT');
    } finally {
      sub.unsubscribe();
      await fake.close();
    }
  });

  it('times out a request with TIMEOUT and drops its late answer as UNKNOWN_RESPONSE', async () => {
    const fake = await fakeCortex((req, ws) => setTimeout(() => reply(ws, req.id, { version: 'late' }), 150));
    const client = connectCortex({
      url: fake.url,
      clientId: 'a',
      clientSecret: 'b',
      requestTimeoutMs: 50,
      lingerMs: 500,
    });
    const diags: Diagnostic[] = [];
    const sub = client.diagnostics.subscribe((d) => diags.push(d));
    const keepOpen = client.connection.subscribe();
    try {
      await expect(firstValueFrom(client.rpc('getCortexInfo', {}))).rejects.toMatchObject({ code: 'TIMEOUT' });
      // The late answer comes 150 ms after the request: wait for its diagnostic, not for a fixed time.
      await until(() => diags.length > 0, 'the late answer reported');
      expect(diags.map((d) => d.kind)).toEqual(['UNKNOWN_RESPONSE']);
    } finally {
      keepOpen.unsubscribe();
      sub.unsubscribe();
      await fake.close();
    }
  });

  it('bounds pending requests with QUEUE_FULL', async () => {
    const fake = await fakeCortex(() => undefined);
    const client = connectCortex({
      url: fake.url,
      clientId: 'a',
      clientSecret: 'b',
      maxPendingRequests: 2,
      requestTimeoutMs: 1000,
      lingerMs: 0,
    });
    const keepOpen = client.connection.subscribe();
    try {
      const a = client.rpc('getCortexInfo', {}).subscribe({ error: () => undefined });
      const b = client.rpc('getCortexInfo', {}).subscribe({ error: () => undefined });
      // Both sent, so both pending (before the socket opens they would wait in the queue instead).
      await until(() => fake.received.length === 2, 'two requests pending');
      await expect(firstValueFrom(client.rpc('getCortexInfo', {}))).rejects.toMatchObject({ code: 'QUEUE_FULL' });
      a.unsubscribe();
      b.unsubscribe();
    } finally {
      keepOpen.unsubscribe();
      await fake.close();
    }
  });

  it('sends unique ids, the exact JSON, and the token it got from authorize', async () => {
    const fake = await fakeCortex((req, ws) => {
      if (req.method === 'hasAccessRight') reply(ws, req.id, { accessGranted: false, message: 'no' });
      else if (req.method === 'requestAccess') reply(ws, req.id, { accessGranted: true, message: 'ok' });
      else if (req.method === 'authorize') reply(ws, req.id, { cortexToken: 'TOKEN-1' });
      else reply(ws, req.id, []);
    });
    const client = connectCortex({ url: fake.url, clientId: 'cid', clientSecret: 'sec', debit: 3, lingerMs: 0 });
    const keepOpen = client.connection.subscribe();
    try {
      await lastValueFrom(client.rpc('querySessions', {}));
      await lastValueFrom(client.rpc('querySessions', {}));
      expect(fake.received.map((r) => r.method)).toEqual([
        'hasAccessRight',
        'requestAccess',
        'authorize',
        'querySessions',
        'querySessions',
      ]);
      expect(fake.received[2]).toEqual({
        jsonrpc: '2.0',
        id: 3,
        method: 'authorize',
        params: { clientId: 'cid', clientSecret: 'sec', debit: 3 },
      });
      expect(fake.received[3].params).toEqual({ cortexToken: 'TOKEN-1' });
      expect(new Set(fake.received.map((r) => r.id)).size).toBe(5);
    } finally {
      keepOpen.unsubscribe();
      await fake.close();
    }
  });

  it('renews the token once on -32014 and retries the request', async () => {
    let tokens = 0;
    const fake = await fakeCortex((req, ws) => {
      if (req.method === 'hasAccessRight') reply(ws, req.id, { accessGranted: true, message: 'ok' });
      else if (req.method === 'authorize') reply(ws, req.id, { cortexToken: `T${++tokens}` });
      else if (req.params?.cortexToken === 'T1')
        ws.send(
          JSON.stringify({ id: req.id, jsonrpc: '2.0', error: { code: -32014, message: 'Cortex token is invalid' } }),
        );
      else reply(ws, req.id, []);
    });
    const client = connectCortex({ url: fake.url, clientId: 'cid', clientSecret: 'sec', lingerMs: 0 });
    try {
      expect(await firstValueFrom(client.rpc('querySessions', {}))).toEqual([]);
      expect(fake.received.filter((r) => r.method === 'querySessions').map((r) => r.params?.cortexToken)).toEqual([
        'T1',
        'T2',
      ]);
    } finally {
      await fake.close();
    }
  });

  it('gives up with SOCKET_CLOSED after maxAttempts reconnects', async () => {
    const fake = await fakeCortex(() => undefined);
    const url = fake.url;
    await fake.close();
    const client = connectCortex({
      url,
      clientId: 'a',
      clientSecret: 'b',
      reconnect: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 20 },
    });
    const states = client.connection.pipe(take(5), toArray());
    const err = await firstValueFrom(states).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CortexClientError);
    expect(err).toMatchObject({ code: 'SOCKET_CLOSED' });
  });

  it('checks its options eagerly with precise messages', () => {
    expect(() => connectCortex({ clientId: '', clientSecret: 'x' })).toThrow('clientId must be a non-empty string');
    expect(() => connectCortex({ clientId: 'a', clientSecret: 'b', url: 'http://x' })).toThrow(
      'url must start with ws:// or wss://, got "http://x"',
    );
    expect(() => connectCortex({ clientId: 'a', clientSecret: 'b', requestTimeoutMs: -1 })).toThrow(
      'requestTimeoutMs must be a positive number, got -1',
    );
    expect(() => connectCortex({ clientId: 'a', clientSecret: 'b', debit: 1.5 })).toThrow(
      'debit must be an integer >= 0, got 1.5',
    );
  });
});
