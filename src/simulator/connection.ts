import type { Socket } from 'net';
import type { WebSocket } from 'ws';
import type { SessionState } from './sessionState';

/**
 * A client socket and what it owns: its sessions (closed when it goes) and its count of requests waiting for an
 * answer.
 *
 * ## Example
 * ```ts
 * const conn = new Connection(1, ws, request.socket);
 * conn.warn(WARNING.HEADSET_SCANNING_FINISHED, { behavior: 'Headset scanning is finished.' });
 * ```
 */
export class Connection {
  readonly sessions = new Set<SessionState>();
  pending = 0;
  closed = false;
  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    /** The TCP socket under `ws` (the upgrade request's), corked while a tick writes its frames. */
    private readonly socket: Socket | undefined,
  ) {}

  /** Holds writes until {@link uncork}: a tick's frames leave in one write instead of one per frame. */
  cork(): void {
    if (!this.closed) this.socket?.cork();
  }

  uncork(): void {
    // Always paired with cork(): an uncork of a socket closed meanwhile is harmless.
    this.socket?.uncork();
  }

  send(message: object): void {
    this.sendRaw(JSON.stringify(message));
  }

  /** Sends a text frame; false when the socket is gone. */
  sendRaw(text: string): boolean {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return false;
    this.ws.send(text);
    return true;
  }

  warn(code: number, message: string | object): void {
    this.send({ jsonrpc: '2.0', warning: { code, message } });
  }
}
