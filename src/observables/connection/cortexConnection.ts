import type { Observable } from 'rxjs';
import { Subject } from 'rxjs';
import type { MethodName, ResultOf } from '../../protocol';
import { diagnostic, type Diagnostic } from '../diagnostic';
import { dispatchFrame, type FrameHandler } from '../ingest/dispatchFrame';
import { FrameRoutes } from '../ingest/frameRoutes';
import { scanDataFrame } from '../ingest/scanDataFrame';
import { ScannedFrame } from '../ingest/scannedFrame';
import { READY_STATE, type WebSocketLike } from '../webSocketLike';
import type { Undo } from './abandonedRequests';
import type { ClientParams } from './clientParams';
import type { CortexWarning } from './cortexWarning';
import { KeyedLatch } from './keyedLatch';
import { RpcChannel } from './rpcChannel';
import { TokenCache, type AppCredentials } from './tokenCache';

/**
 * Settings a connection takes from the client config.
 * @internal
 */
export interface ConnectionSettings extends AppCredentials {
  readonly requestTimeoutMs: number;
  readonly maxPendingRequests: number;
  /** Largest inbound frame: a larger one is dropped with a `FRAME_TOO_LARGE` diagnostic. */
  readonly maxFrameBytes: number;
  readonly diagnostics: Subject<Diagnostic>;
}

/**
 * Sizes of a connection's internal tables: all 0 on an idle connection (tests check nothing leaks).
 * @internal
 */
export interface ConnectionStats {
  /** Requests waiting for their answer. */
  readonly pending: number;
  /** Abandoned requests whose late answer will be undone. */
  readonly abandoned: number;
  /** Data routes (session × stream) with subscribers. */
  readonly routes: number;
  /** Keys held by cleanups in flight. */
  readonly holds: number;
}

/**
 * One open socket to Cortex and the rooms that live on it, wired together: the {@link RpcChannel} (requests by
 * id), the {@link KeyedLatch} (cleanups in flight), the {@link TokenCache} (the app's token), the
 * {@link FrameRoutes} (data frames by session and stream) and the warnings. Each inbound frame goes through
 * `dispatchFrame` to the routes (data) or here (answers, warnings, diagnostics). A reconnect makes a new
 * connection; when this one closes its pending requests fail with `SOCKET_CLOSED` and its routes complete.
 *
 * ## Example
 * ```ts
 * const conn = new CortexConnection(ws, settings);
 * ws.onmessage = (event) => conn.receive(event.data);
 * conn.call('queryHeadsets', {}).subscribe(console.log);
 * ```
 * @internal
 */
export class CortexConnection {
  /** Every warning that arrives on this socket. */
  readonly warnings = new Subject<CortexWarning>();
  readonly latch: KeyedLatch;
  readonly rpc: RpcChannel;
  readonly tokens: TokenCache;
  readonly routes: FrameRoutes;
  private readonly handler: FrameHandler;
  /** The scratch of the data-frame scanner, and whether a scanned frame is being delivered (a nested frame is parsed). */
  private readonly scan = new ScannedFrame();
  private scanning = false;
  /** A text frame as UTF-8, for the scanner (grown to the largest frame scanned). */
  private textBytes = new Uint8Array(1024);

  constructor(
    private readonly ws: WebSocketLike,
    private readonly settings: ConnectionSettings,
  ) {
    this.latch = new KeyedLatch(settings.requestTimeoutMs);
    this.rpc = new RpcChannel(ws, settings, this.latch);
    this.tokens = new TokenCache(this.rpc, settings, this.warnings);
    this.routes = new FrameRoutes(settings.diagnostics);
    const { diagnostics } = settings;
    this.handler = {
      data: this.routes.deliver,
      control: (msg, raw) => {
        switch (msg._tag) {
          case 'result':
          case 'error':
            this.rpc.answer(msg, raw);
            break;
          case 'warning':
            this.warnings.next({ code: msg.code, message: msg.message });
            break;
          case 'diagnostic':
            diagnostics.next(msg.diagnostic);
            if (msg.id !== undefined) this.rpc.unusableAnswer(msg.id, msg.diagnostic);
            break;
        }
      },
    };
  }

  /** True once the socket closed. */
  get closed(): boolean {
    return this.rpc.closed;
  }

  /**
   * Handles one inbound frame: routes results, warnings and data; reports anything unusable. `raw` is what a
   * WebSocket's `message` event carries: text (a data frame of the common shape is scanned, see
   * {@link CortexConnection.receiveText}), or binary data (reported: Cortex sends text only).
   */
  receive(raw: unknown): void {
    // `ws` refuses such frames before they arrive (maxPayload); a browser's WebSocket hands them over whole
    const size = frameSize(raw);
    if (size > this.settings.maxFrameBytes) {
      this.tooLarge(size, typeof raw === 'string' ? raw : '');
      return;
    }
    if (typeof raw === 'string' && raw.length < 65536) {
      let bytes = this.textBytes;
      if (bytes.length < raw.length * 3) bytes = this.textBytes = new Uint8Array(raw.length * 3);
      const { read, written } = TEXT_ENCODER.encodeInto(raw, bytes);
      if (read === raw.length && written !== undefined && this.deliverScanned(bytes, written)) return;
    }
    dispatchFrame(raw, this.handler);
  }

  /**
   * Handles one text frame given as its UTF-8 bytes (what `ws` reads from the socket, before any string is made). A
   * data frame of the common shape is scanned straight from the bytes into its frame's values (`scanDataFrame`,
   * the same values as `JSON.parse`, bit for bit); any other frame is decoded to text and takes the general path
   * of {@link CortexConnection.receive}, with the same messages and diagnostics.
   */
  receiveText(bytes: Uint8Array): void {
    if (bytes.length > this.settings.maxFrameBytes) {
      this.tooLarge(bytes.length, UTF8_DECODER.decode(bytes));
      return;
    }
    if (this.deliverScanned(bytes, bytes.length)) return;
    dispatchFrame(UTF8_DECODER.decode(bytes), this.handler);
  }

  /** Scans `bytes[0, end)` and delivers it; false when it is not a data frame the scanner reads (or one is being delivered). */
  private deliverScanned(bytes: Uint8Array, end: number): boolean {
    if (this.scanning || !scanDataFrame(bytes, end, this.scan)) return false;
    this.scanning = true;
    try {
      this.routes.deliverScanned(this.scan);
    } finally {
      this.scanning = false;
    }
    return true;
  }

  private tooLarge(size: number, text: string): void {
    this.settings.diagnostics.next(
      diagnostic(
        'FRAME_TOO_LARGE',
        `a frame of ${size} bytes is over maxFrameBytes (${this.settings.maxFrameBytes})`,
        text,
      ),
    );
  }

  /** A request with this app's token where the method needs one (see {@link TokenCache.call}). */
  call<M extends MethodName>(method: M, params: ClientParams<M>, undo?: Undo<M>): Observable<ResultOf<M>> {
    return this.tokens.call(method, params, undo);
  }

  /** Sizes of the internal tables, for leak checks in tests. */
  stats(): ConnectionStats {
    return { ...this.rpc.sizes, routes: this.routes.size, holds: this.latch.size };
  }

  /** Marks the connection closed: pending requests fail with `reason`, holds are released, routes and warnings complete. */
  dispose(reason: Error): void {
    if (this.rpc.closed) return;
    this.rpc.dispose(reason);
    this.latch.releaseAll();
    this.routes.completeAll();
    this.warnings.complete();
  }

  /** Closes the socket (normal closure). */
  close(): void {
    if (this.ws.readyState === READY_STATE.OPEN || this.ws.readyState === READY_STATE.CONNECTING)
      this.ws.close(1000, 'done');
  }
}

const TEXT_ENCODER = new TextEncoder();
const UTF8_DECODER = new TextDecoder();

/** Size of an inbound frame: bytes of binary data, UTF-16 code units of text (at most its UTF-8 bytes). */
function frameSize(raw: unknown): number {
  if (typeof raw === 'string') return raw.length;
  if (raw instanceof ArrayBuffer || ArrayBuffer.isView(raw)) return raw.byteLength;
  const size = (raw as { size?: unknown } | null)?.size; // a Blob
  return typeof size === 'number' ? size : 0;
}
