import type { AddressInfo } from 'net';
import WebSocket, { WebSocketServer, type RawData } from 'ws';

/** What the proxy does with one frame from the service to the client: forward it, drop it, or hold it back. */
export type ProxyVerdict = 'forward' | 'drop' | { readonly delayMs: number };

/** A scripted WebSocket server on 127.0.0.1:0 standing between a client and the simulator. */
export interface FrameProxy {
  /** `ws://127.0.0.1:<port>`: give it to the client instead of the simulator's url. */
  readonly url: string;
  /** Sends a frame to every connected client, as if the service had sent it. */
  inject(frame: string | Buffer, binary?: boolean): void;
  /** Decides the fate of each service → client text frame (default: forward everything). */
  downstream: (text: string) => ProxyVerdict;
  /** Client sockets open now. */
  readonly clients: number;
  /** Kills every client socket abruptly (no close handshake), as a crash between the two would. */
  killClients(): void;
  close(): Promise<void>;
}

/**
 * A man in the middle for the client tests: forwards frames both ways between a client and `targetUrl`, and lets the
 * test inject frames towards the client, drop or delay the service's, and cut the connection. A real socket on
 * loopback on both sides, never a mocked global WebSocket.
 */
export async function startFrameProxy(targetUrl: string): Promise<FrameProxy> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const pairs = new Set<{ down: WebSocket; up: WebSocket }>();
  const timers = new Set<NodeJS.Timeout>();
  const proxy: FrameProxy = {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    downstream: () => 'forward',
    get clients() {
      return pairs.size;
    },
    inject(frame, binary = false) {
      for (const { down } of pairs) if (down.readyState === WebSocket.OPEN) down.send(frame, { binary });
    },
    killClients() {
      for (const p of [...pairs]) {
        p.down.terminate();
        p.up.terminate();
      }
    },
    close: async () => {
      for (const t of timers) clearTimeout(t);
      proxy.killClients();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  wss.on('connection', (down) => {
    const up = new WebSocket(targetUrl);
    const pair = { down, up };
    pairs.add(pair);
    const queued: Array<{ data: RawData; isBinary: boolean }> = [];
    const end = () => {
      pairs.delete(pair);
      if (down.readyState !== WebSocket.CLOSED) down.terminate();
      if (up.readyState !== WebSocket.CLOSED) up.terminate();
    };
    up.on('open', () => {
      for (const q of queued.splice(0)) up.send(q.data, { binary: q.isBinary });
    });
    down.on('message', (data, isBinary) => {
      if (up.readyState === WebSocket.OPEN) up.send(data, { binary: isBinary });
      else queued.push({ data, isBinary });
    });
    up.on('message', (data, isBinary) => {
      if (down.readyState !== WebSocket.OPEN) return;
      if (isBinary) {
        down.send(data, { binary: true });
        return;
      }
      const text = data.toString();
      const verdict = proxy.downstream(text);
      if (verdict === 'forward') down.send(text);
      else if (verdict !== 'drop') {
        const t = setTimeout(() => {
          timers.delete(t);
          if (down.readyState === WebSocket.OPEN) down.send(text);
        }, verdict.delayMs);
        timers.add(t);
      }
    });
    up.on('close', end);
    up.on('error', end);
    down.on('close', end);
    down.on('error', end);
  });
  return proxy;
}
