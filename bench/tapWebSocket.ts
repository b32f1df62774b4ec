import type { IncomingMessage } from 'http';
import WebSocket from 'ws';
import type { WebSocketCtor } from '../src/observables/webSocketLike';

/** When the latest socket read and the latest WebSocket message arrived (`performance.now()` ms). */
export interface ArrivalClock {
  /** The last TCP read (the `data` event of the socket under the WebSocket). */
  lastChunkMs: number;
  /** The last WebSocket message, before the client's own `onmessage` runs. */
  lastMessageMs: number;
}

/** What to observe on the client's sockets. */
export interface TapConfig {
  /** Stamped on every socket read and every message (listeners added before the client's). */
  readonly clock?: ArrivalClock;
  /** Called with the text of every text message, before the client sees it. */
  readonly capture?: (text: string) => void;
  /** Called with the bytes of every text message as `ws` delivers them (a Buffer), before the client sees them. */
  readonly captureBytes?: (data: Buffer) => void;
}

/**
 * A `ws` WebSocket constructor for `connectCortex({ WebSocketCtor })` that lets the benchmark watch the client's
 * socket without changing what the client does: it registers its own listeners first (so they run before the
 * client's `onmessage`), and keeps the sockets so that `socket.onmessage` (the client's handler) can be read.
 */
export function tapWebSocket(config: TapConfig): { readonly Ctor: WebSocketCtor; readonly sockets: WebSocket[] } {
  const sockets: WebSocket[] = [];
  const { clock, capture, captureBytes } = config;
  class TappedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[], options?: WebSocket.ClientOptions) {
      super(url, protocols, options);
      sockets.push(this);
      if (clock) {
        // 'upgrade' is emitted before ws attaches its own 'data' listener to the socket, so this one runs first.
        this.once('upgrade', (res: IncomingMessage) => {
          res.socket.on('data', () => {
            clock.lastChunkMs = performance.now();
          });
        });
        this.on('message', () => {
          clock.lastMessageMs = performance.now();
        });
      }
      if (capture) {
        this.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
          if (!isBinary) capture(data.toString());
        });
      }
      if (captureBytes) {
        this.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
          if (!isBinary && Buffer.isBuffer(data)) captureBytes(data);
        });
      }
    }
  }
  return { Ctor: TappedWebSocket as unknown as WebSocketCtor, sockets };
}
