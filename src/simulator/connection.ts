import type { Socket } from 'net';
import type { WebSocket } from 'ws';
import type { SessionState } from './sessionState';

/** WebSocket close code 1008 (policy violation): the simulator closes a client that does not read its data. */
export const SLOW_CLIENT_CLOSE_CODE = 1008;

/** How much a client socket may leave unread before its data frames are dropped and, later, it is closed. */
export interface SendBudget {
  /**
   * Per session on the socket (at least one): above this many bytes per session waiting in the socket
   * (`ws.bufferedAmount`), data frames are dropped and counted. A socket carrying 64 headsets' sessions gets 64 times
   * the budget, so a client's pause of a fraction of a second costs no data however many headsets it reads.
   */
  readonly sendBudgetBytes: number;
  /** A socket over its send budget for this long, its client reading none of what waits, is closed with 1008. */
  readonly slowClientTimeoutMs: number;
  /**
   * Above this many bytes waiting (answers and warnings are never dropped), or twice the socket's send budget if
   * that is more, the socket is closed at once with 1008.
   */
  readonly maxBufferedBytes: number;
  /**
   * A socket closed with 1008 whose client has not answered the closing handshake within this time is destroyed: a
   * client that does not read never reads the close frame either, and its unread bytes would otherwise be held until
   * ws's own 30 s close timeout.
   */
  readonly slowClientCloseGraceMs: number;
}

/** What became of a data frame: sent, dropped (the socket is over its budget), or not sent (the socket is gone). */
export type DataSendOutcome = 'sent' | 'dropped' | 'closed';

/** No budget: every frame is sent (for a connection made without one). */
const UNLIMITED: SendBudget = {
  sendBudgetBytes: Infinity,
  slowClientTimeoutMs: Infinity,
  maxBufferedBytes: Infinity,
  slowClientCloseGraceMs: Infinity,
};

/**
 * A client socket and what it owns: its sessions (closed when it goes), its count of requests waiting for an
 * answer, and its send budget: data frames are dropped while the client leaves too much unread, answers and warnings
 * never are, and a client that stays over its budget (or over `maxBufferedBytes`) is closed with 1008 and a reason.
 *
 * ## Example
 * ```ts
 * const conn = new Connection(1, ws, request.socket, {
 *   sendBudgetBytes: 1 << 20,
 *   slowClientTimeoutMs: 10_000,
 *   maxBufferedBytes: 16 << 20,
 *   slowClientCloseGraceMs: 2000,
 * });
 * conn.warn(WARNING.HEADSET_SCANNING_FINISHED, { behavior: 'Headset scanning is finished.' });
 * if (conn.sendData(frame) === 'dropped') droppedFrames++;
 * ```
 */
export class Connection {
  readonly sessions = new Set<SessionState>();
  pending = 0;
  closed = false;
  /** Called once when the socket is closed for not reading (the service counts it, logs it and lets it go). */
  onSlowClose: ((reason: string) => void) | undefined;
  /**
   * While the socket is over its send budget: since when (ms since the epoch) the client has read none of what waits,
   * and how many bytes waited at the last look (fewer now means it read some).
   */
  private overBudget: { sinceMs: number; waitingBytes: number; queuedBytes: number } | undefined;

  constructor(
    readonly id: number,
    readonly ws: WebSocket,
    /** The TCP socket under `ws` (the upgrade request's), corked while a tick writes its frames. */
    private readonly socket: Socket | undefined,
    private readonly budget: SendBudget = UNLIMITED,
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

  /** Sends a text frame that must not be dropped (an answer, a warning); false when the socket is gone. */
  sendRaw(text: string): boolean {
    if (!this.isOpen()) return false;
    this.ws.send(text);
    this.checkHardLimit();
    return true;
  }

  /**
   * Sends a data frame unless the socket is over its send budget: then the frame is dropped, and a socket over it
   * for `slowClientTimeoutMs` without its client reading any of what waits is closed with 1008. A client that
   * reads, however slowly, only loses frames.
   */
  sendData(text: string): DataSendOutcome {
    if (!this.isOpen()) return 'closed';
    const waiting = this.ws.bufferedAmount;
    const budgetBytes = this.sendBudgetBytes();
    if (waiting <= budgetBytes) {
      this.overBudget = undefined;
      this.ws.send(text);
      return 'sent';
    }
    const now = Date.now();
    const queued = kernelQueueBytes(this.socket);
    const over = this.overBudget;
    if (over === undefined || waiting < over.waitingBytes || queued < over.queuedBytes) {
      // Over the budget, but reading (slowly): its frames are dropped, and the clock restarts.
      this.overBudget = { sinceMs: now, waitingBytes: waiting, queuedBytes: queued };
      return 'dropped';
    }
    over.waitingBytes = waiting;
    over.queuedBytes = queued;
    if (now - over.sinceMs >= this.budget.slowClientTimeoutMs) {
      this.closeSlow(
        `client not reading: over its send budget of ${budgetBytes} bytes for ${this.budget.slowClientTimeoutMs} ms (${waiting} bytes waiting)`,
      );
      return 'closed';
    }
    return 'dropped';
  }

  warn(code: number, message: string | object): void {
    this.send({ jsonrpc: '2.0', warning: { code, message } });
  }

  /** The socket's send budget: `sendBudgetBytes` per session on it, at least one. */
  private sendBudgetBytes(): number {
    return this.budget.sendBudgetBytes * Math.max(1, this.sessions.size);
  }

  private isOpen(): boolean {
    return !this.closed && this.ws.readyState === this.ws.OPEN;
  }

  private checkHardLimit(): void {
    const waiting = this.ws.bufferedAmount;
    const limit = Math.max(this.budget.maxBufferedBytes, 2 * this.sendBudgetBytes());
    if (waiting > limit) {
      this.closeSlow(`client not reading: ${waiting} bytes waiting, over its limit of ${limit}`);
    }
  }

  /** Closes with 1008 and the reason (a close reason holds at most 123 bytes). */
  private closeSlow(reason: string): void {
    const ws = this.ws;
    ws.close(SLOW_CLIENT_CLOSE_CODE, reason.slice(0, 123));
    if (Number.isFinite(this.budget.slowClientCloseGraceMs)) {
      const destroy = setTimeout(() => ws.terminate(), this.budget.slowClientCloseGraceMs);
      destroy.unref();
      ws.once('close', () => clearTimeout(destroy));
    }
    this.onSlowClose?.(reason);
  }
}

/**
 * Bytes of the socket's current write that the kernel has not taken yet (libuv's write queue), or Infinity where
 * Node does not say. `ws.bufferedAmount` counts a corked tick's frames as one write until the kernel has taken all
 * of it, so a client reading slowly shows no progress there for seconds; this falls as soon as it reads.
 */
function kernelQueueBytes(socket: Socket | undefined): number {
  const handle = (socket as { _handle?: { writeQueueSize?: unknown } } | undefined)?._handle;
  return typeof handle?.writeQueueSize === 'number' ? handle.writeQueueSize : Infinity;
}
