import { Observable, throwError, timeout, type Subject } from 'rxjs';
import { PathReporter } from 'io-ts/PathReporter';
import { METHODS, type MethodName, type ParamsOf, type ResultOf, type RpcId } from '../../protocol';
import { CortexClientError, CortexError } from '../cortexError';
import { diagnostic, type Diagnostic } from '../diagnostic';
import type { ControlMessage } from '../ingest/inboundMessage';
import { READY_STATE, type WebSocketLike } from '../webSocketLike';
import { AbandonedRequests, type Undo } from './abandonedRequests';
import type { KeyedLatch } from './keyedLatch';

/**
 * An inbound message that answers a request: a result or an error.
 * @internal
 */
export type RpcAnswer = Extract<ControlMessage, { readonly _tag: 'result' | 'error' }>;

/**
 * What a channel takes from the client config.
 * @internal
 */
export interface RpcSettings {
  readonly requestTimeoutMs: number;
  readonly maxPendingRequests: number;
  readonly diagnostics: Subject<Diagnostic>;
}

interface Pending {
  readonly method: MethodName;
  readonly next: (result: unknown) => void;
  readonly fail: (err: Error) => void;
}

/**
 * JSON-RPC over one socket: request ids, the table of requests waiting for their answer, timeouts, and the
 * undoing of requests abandoned before their answer ({@link AbandonedRequests}). When the socket closes
 * ({@link RpcChannel.dispose}) pending requests fail with the close reason.
 *
 * ## Example
 * ```ts
 * const rpc = new RpcChannel(ws, { requestTimeoutMs: 10_000, maxPendingRequests: 1024, diagnostics }, latch);
 * rpc.request('getCortexInfo', undefined).subscribe((info) => console.log(info.version));
 * rpc.answer({ _tag: 'result', id: 1, result: { version: '3.7' } }, raw); // from the socket
 * ```
 * @internal
 */
export class RpcChannel {
  private readonly pending = new Map<RpcId, Pending>();
  private readonly abandoned: AbandonedRequests;
  private nextId = 1;
  private closedWith: Error | undefined;

  constructor(
    private readonly ws: WebSocketLike,
    private readonly settings: RpcSettings,
    latch: KeyedLatch,
  ) {
    this.abandoned = new AbandonedRequests(latch, settings.maxPendingRequests);
  }

  /** True once the socket closed. */
  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Requests waiting for their answer, and abandoned requests whose late answer will be undone. */
  get sizes(): { readonly pending: number; readonly abandoned: number } {
    return { pending: this.pending.size, abandoned: this.abandoned.size };
  }

  /**
   * A cold request: sends on subscribe, emits the decoded result and completes; errors with `CortexError`,
   * `TIMEOUT` after `requestTimeoutMs`, `SOCKET_CLOSED` or `QUEUE_FULL`. Unsubscribing before the answer (a
   * timeout does) drops it, or, with `undo`, undoes what the late answer says Cortex did.
   */
  request<M extends MethodName>(method: M, params: ParamsOf<M> | undefined, undo?: Undo<M>): Observable<ResultOf<M>> {
    return new Observable<ResultOf<M>>((subscriber) => {
      if (this.closedWith) {
        subscriber.error(this.closedWith);
        return undefined;
      }
      if (this.pending.size >= this.settings.maxPendingRequests) {
        subscriber.error(
          new CortexClientError(
            'QUEUE_FULL',
            `${method}: ${this.pending.size} requests are already waiting for an answer`,
          ),
        );
        return undefined;
      }
      const id = this.nextId++;
      this.pending.set(id, {
        method,
        next: (result) => {
          subscriber.next(result as ResultOf<M>);
          subscriber.complete();
        },
        fail: (err) => subscriber.error(err),
      });
      const request = params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
      if (this.ws.readyState === READY_STATE.OPEN) {
        this.ws.send(JSON.stringify(request));
      } else {
        this.pending.delete(id);
        subscriber.error(new CortexClientError('SOCKET_CLOSED', `${method}: the socket is not open`));
      }
      return () => {
        // Still pending: abandoned before its answer (unsubscribed, or the timeout below fired).
        if (this.pending.delete(id) && undo && !this.closedWith)
          this.abandoned.add(id, method, undo as Undo<MethodName>);
      };
    }).pipe(
      timeout({
        first: this.settings.requestTimeoutMs,
        with: () =>
          throwError(
            () => new CortexClientError('TIMEOUT', `${method}: no answer within ${this.settings.requestTimeoutMs} ms`),
          ),
      }),
    );
  }

  /** Settles the request a result or an error answers; `raw` is the frame it came in, for diagnostics. */
  answer(msg: RpcAnswer, raw: unknown): void {
    const pending = msg.id === null ? undefined : this.pending.get(msg.id);
    const text = typeof raw === 'string' ? raw : '';
    if (!pending) {
      if (msg.id !== null && this.abandoned.settle(msg.id, msg._tag === 'result' ? msg.result : undefined)) return;
      if (msg._tag === 'error' && msg.id === null) {
        this.settings.diagnostics.next(
          diagnostic('UNKNOWN_RESPONSE', `error without id: ${msg.error.code} ${msg.error.message}`, text),
        );
      } else {
        this.settings.diagnostics.next(
          diagnostic('UNKNOWN_RESPONSE', `no pending request with id ${String(msg.id)}`, text),
        );
      }
      return;
    }
    this.pending.delete(msg.id as RpcId);
    if (msg._tag === 'error') {
      pending.fail(new CortexError(msg.error.code, msg.error.message, pending.method, msg.error.data));
      return;
    }
    const decoded = METHODS[pending.method].result.decode(msg.result);
    if (decoded._tag === 'Left') {
      const report = PathReporter.report(decoded).join('\n');
      this.settings.diagnostics.next(diagnostic('INVALID_RESULT', report, text));
      pending.fail(
        new CortexClientError('DECODE', `${pending.method}: the result does not match its codec: ${report}`),
      );
    } else {
      pending.next(decoded.right);
    }
  }

  /**
   * An unusable frame (already reported as `reported`) claims to answer request `id`: the request fails with
   * DECODE now rather than at its timeout; an abandoned one is forgotten.
   */
  unusableAnswer(id: RpcId, reported: Diagnostic): void {
    const pending = this.pending.get(id);
    if (pending) {
      this.pending.delete(id);
      pending.fail(
        new CortexClientError('DECODE', `${pending.method}: unusable answer: ${reported.message}`, reported),
      );
    } else {
      this.abandoned.settle(id, undefined);
    }
  }

  /** The socket closed: pending requests fail with `reason`, abandoned ones are forgotten, new ones fail at once. */
  dispose(reason: Error): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    for (const p of this.pending.values()) p.fail(reason);
    this.pending.clear();
    this.abandoned.releaseAll();
  }
}
