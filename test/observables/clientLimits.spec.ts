import { createServer, type AddressInfo, type Server, type Socket } from 'net';
import type { Subscription } from 'rxjs';
import { filter, firstValueFrom } from 'rxjs';
import WebSocket, { WebSocketServer } from 'ws';
import {
  connectCortex,
  type CortexSession,
  type Diagnostic,
  type EegFrame,
  type StreamEvent,
  type WebSocketCtor,
} from '../../src';
import { startHarness, type Harness } from '../support/simulatorHarness';
import { startFrameProxy, type FrameProxy } from '../support/frameProxy';
import { until } from '../support/rawClient';

/** A TCP server that accepts connections and never answers the WebSocket upgrade (issue 13 §5). */
async function silentServer(): Promise<{ url: string; accepted: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((s) => {
    accepted++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    accepted: () => accepted,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A ws server answering every request with `answer(id)` (a JSON text to send, or undefined for none). */
async function scriptedServer(answer: (id: number, ws: WebSocket) => void) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (ws) =>
    ws.on('message', (data: Buffer) => answer((JSON.parse(data.toString()) as { id: number }).id, ws)),
  );
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

const cortexInfo = (id: number) =>
  JSON.stringify({ id, jsonrpc: '2.0', result: { version: '2.0', buildNumber: '1', buildDate: 'x' } });

/** `ws` as a browser's WebSocket is: it takes no options, so `maxPayload` never reaches it. */
class OptionlessWebSocket extends WebSocket {
  constructor(url: string) {
    super(url);
  }
}

describe('client limits over real sockets', () => {
  it('a request waiting for a handshake that never completes errors TIMEOUT after requestTimeoutMs', async () => {
    const server = await silentServer();
    try {
      const client = connectCortex({
        url: server.url,
        clientId: 'a',
        clientSecret: 'b',
        lingerMs: 0,
        requestTimeoutMs: 300,
        openTimeoutMs: 600_000, // only the request deadline can end this wait
        reconnect: { maxAttempts: 0 },
      });
      await expect(firstValueFrom(client.rpc('getCortexInfo', {}))).rejects.toMatchObject({
        code: 'TIMEOUT',
        message: 'getCortexInfo: no answer within 300 ms (from the call)',
      });
      await expect(firstValueFrom(client.authorize())).rejects.toMatchObject({ code: 'TIMEOUT' });
      await until(() => server.accepted() >= 1, 'the TCP connection');
    } finally {
      await server.close();
    }
  });

  it('a socket not open within openTimeoutMs is closed and the reconnect policy applies', async () => {
    const server = await silentServer();
    try {
      const client = connectCortex({
        url: server.url,
        clientId: 'a',
        clientSecret: 'b',
        lingerMs: 0,
        openTimeoutMs: 200,
        requestTimeoutMs: 600_000,
        reconnect: { maxAttempts: 2, initialDelayMs: 10, maxDelayMs: 10 },
      });
      const states: string[] = [];
      const ended = new Promise<unknown>((resolve) =>
        client.connection.subscribe({ next: (s) => states.push(s._tag), error: resolve }),
      );
      const err = await ended;
      expect(err).toMatchObject({ code: 'SOCKET_CLOSED', message: expect.stringContaining('not open within 200 ms') });
      expect(states.filter((s) => s === 'disconnected')).toHaveLength(2); // two retries, then the error
      await until(() => server.accepted() === 3, 'three TCP connections (the first and two retries)');
    } finally {
      await server.close();
    }
  });

  it('maxFrameBytes in Node: ws refuses a larger frame (close 1009, a FRAME_TOO_LARGE diagnostic), then the client serves again', async () => {
    let big = true;
    const server = await scriptedServer((id, ws) => {
      if (big) {
        big = false;
        ws.send(`{"id":${id},"jsonrpc":"2.0","result":{"pad":"${'x'.repeat(64 * 1024)}"}}`);
      } else ws.send(cortexInfo(id));
    });
    try {
      const client = connectCortex({
        url: server.url,
        clientId: 'a',
        clientSecret: 'b',
        lingerMs: 0,
        maxFrameBytes: 16 * 1024,
        reconnect: { initialDelayMs: 10 },
      });
      const diagnostics: Diagnostic[] = [];
      const sub = client.diagnostics.subscribe((d) => diagnostics.push(d));
      try {
        await expect(firstValueFrom(client.rpc('getCortexInfo', {}))).rejects.toMatchObject({
          code: 'SOCKET_CLOSED',
          message: expect.stringContaining('Max payload size exceeded'),
        });
        expect(diagnostics.map((d) => d.kind)).toEqual(['FRAME_TOO_LARGE']);
        expect((await firstValueFrom(client.rpc('getCortexInfo', {}))).version).toBe('2.0');
      } finally {
        sub.unsubscribe();
      }
    } finally {
      await server.close();
    }
  });

  it('maxFrameBytes without ws options (as in browsers): a larger frame is dropped with a diagnostic, the socket stays', async () => {
    const server = await scriptedServer((id, ws) => {
      ws.send(`{"jsonrpc":"2.0","warning":{"code":0,"message":"${'x'.repeat(64 * 1024)}"}}`);
      ws.send(cortexInfo(id));
    });
    try {
      const client = connectCortex({
        url: server.url,
        clientId: 'a',
        clientSecret: 'b',
        lingerMs: 0,
        maxFrameBytes: 16 * 1024,
        WebSocketCtor: OptionlessWebSocket as unknown as WebSocketCtor,
        reconnect: { maxAttempts: 0 },
      });
      const diagnostics: Diagnostic[] = [];
      const sub = client.diagnostics.subscribe((d) => diagnostics.push(d));
      try {
        expect((await firstValueFrom(client.rpc('getCortexInfo', {}))).version).toBe('2.0');
        expect(diagnostics).toEqual([
          {
            kind: 'FRAME_TOO_LARGE',
            message: expect.stringMatching(/^a frame of 65\d{3} bytes is over maxFrameBytes \(16384\)$/),
            frame: expect.any(String),
          },
        ]);
      } finally {
        sub.unsubscribe();
      }
    } finally {
      await server.close();
    }
  });

  describe('numeric columns', () => {
    let h: Harness;
    let proxy: FrameProxy;
    const subs: Subscription[] = [];
    beforeEach(async () => {
      h = await startHarness({ headsets: 'EPOCX@256' });
      proxy = await startFrameProxy(h.sim.url);
    });
    afterEach(async () => {
      subs.splice(0).forEach((s) => s.unsubscribe());
      await proxy.close();
      await h.close();
    });

    it('a boolean, a string or null in a µV column is NaN, never 1 or 0', async () => {
      const client = connectCortex({ url: proxy.url, clientId: 'nan', clientSecret: 's', lingerMs: 0 });
      const session = await new Promise<CortexSession>((resolve, reject) =>
        subs.push(client.session().subscribe({ next: resolve, error: reject })),
      );
      const frames: EegFrame[] = [];
      subs.push(
        session
          .stream('eeg')
          .pipe(filter((e: StreamEvent<'eeg'>): e is EegFrame => e._tag === 'eeg'))
          .subscribe((f) => frames.push(f)),
      );
      await until(() => frames.length > 0, 'the eeg stream');
      const sid = JSON.stringify(session.info.id);
      const probes = ['true', 'false', '"4200"', 'null'];
      probes.forEach((v, i) =>
        proxy.inject(`{"eeg":[${i},0,${v},${Array(13).fill('4200').join(',')},0,0,[]],"sid":${sid},"time":${1e9 + i}}`),
      );
      await until(() => frames.filter((f) => f.timeS >= 1e9 && f.timeS < 1e9 + 10).length === 4, 'the probes');
      const probed = frames.filter((f) => f.timeS >= 1e9 && f.timeS < 1e9 + 10);
      for (const f of probed) {
        expect(f.values[0]).toBeNaN();
        expect(f.values[1]).toBe(4200);
      }
    });
  });
});
