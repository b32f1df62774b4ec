import type { AddressInfo } from 'net';
import WebSocket, { WebSocketServer } from 'ws';
import { Connection } from '../../src/simulator/connection';
import { until } from '../support/rawClient';

/** A ws server on 127.0.0.1 port 0 whose first socket is wrapped in a Connection; a client socket to it. */
async function pair(budget: ConstructorParameters<typeof Connection>[3]) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const accepted = new Promise<Connection>((resolve) =>
    wss.once('connection', (ws, request) => resolve(new Connection(1, ws, request.socket, budget))),
  );
  const client = new WebSocket(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  await new Promise<void>((resolve) => client.once('open', () => resolve()));
  const conn = await accepted;
  const close = async () => {
    client.terminate();
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
  return { conn, client, close };
}

describe('simulator Connection: a slow reader against one large write', () => {
  it('is not closed while the kernel takes its pending write, though ws.bufferedAmount does not move', async () => {
    const TIMEOUT_MS = 1500;
    const { conn, client, close } = await pair({
      sendBudgetBytes: 32 << 20,
      slowClientTimeoutMs: TIMEOUT_MS,
      maxBufferedBytes: 256 << 20,
      slowClientCloseGraceMs: 60_000,
    });
    let slowClosed = false;
    conn.onSlowClose = () => {
      slowClosed = true;
    };
    let readBytes = 0;
    let readUpTo = 0;
    client.on('message', (data: Buffer) => {
      readBytes += data.length;
      if (readBytes >= readUpTo) client.pause();
    });
    try {
      client.pause();
      // One corked write of ~33 MB, more than the kernel's socket buffers hold: ws.bufferedAmount counts all of it
      // until the kernel has taken the last byte, so it stays over the budget while the client reads.
      const frame = `{"eeg":[${'4200.123,'.repeat(1000)}0],"sid":"s","time":1}`;
      conn.cork();
      while (conn.sendData(frame) === 'sent');
      conn.uncork();
      const stuck = conn.ws.bufferedAmount;
      expect(stuck).toBeGreaterThan(32 << 20);
      // Read slowly: 64 KiB, then a pause, for several slow-client timeouts; offer a frame at each step, as ticks do.
      const endMs = Date.now() + 4 * TIMEOUT_MS;
      while (Date.now() < endMs && !slowClosed) {
        readUpTo = readBytes + 64 * 1024;
        client.resume();
        await until(() => readBytes >= readUpTo, 'the next 64 KiB', 30_000);
        expect(conn.sendData(frame)).toBe('dropped');
        await new Promise((r) => setTimeout(r, 100));
      }
      // The client read all along: never taken for one that does not read.
      expect(slowClosed).toBe(false);
      expect(readBytes).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
});
