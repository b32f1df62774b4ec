import WebSocket from 'ws';

/** A JSON-RPC response as the tests see it. */
export interface RawResponse {
  readonly id: number | string | null;
  readonly result?: any;
  readonly error?: { code: number; message: string; data?: { behavior?: string } };
}

/** Any frame the service sent, parsed. */
export type RawFrame = Record<string, unknown>;

/**
 * A deliberately plain JSON-RPC client for the simulator tests: raw frames in and out, no cortex-rx client code,
 * so the simulator is checked independently of the library's own client.
 */
export class RawClient {
  readonly frames: RawFrame[] = [];
  private nextId = 1;
  private readonly waiters = new Set<{ test: (f: RawFrame) => boolean; resolve: (f: RawFrame) => void }>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as RawFrame;
      this.frames.push(frame);
      for (const w of [...this.waiters]) {
        if (w.test(frame)) {
          this.waiters.delete(w);
          w.resolve(frame);
        }
      }
    });
  }

  /**
   * Opens an independent socket, authorizes as `clientId`, runs `query` with the token and closes the socket: the
   * simulator's view of an app's sessions or records, seen from outside the client under test.
   */
  static async authorized<T>(
    url: string,
    client: { clientId: string; clientSecret: string },
    query: (raw: RawClient, token: string) => Promise<T>,
  ): Promise<T> {
    const raw = await RawClient.connect(url);
    try {
      return await query(raw, await raw.authorize(client.clientId, client.clientSecret));
    } finally {
      await raw.close();
    }
  }

  static async connect(url: string, options?: WebSocket.ClientOptions): Promise<RawClient> {
    const ws = new WebSocket(url, options);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new RawClient(ws);
  }

  /** Sends a request and resolves with its response (result or error). */
  call(method: string, params?: object): Promise<RawResponse> {
    const id = this.nextId++;
    const answer = this.waitFor((f) => f.id === id, 10_000, this.frames.length);
    this.ws.send(
      JSON.stringify(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params }),
    );
    return answer as unknown as Promise<RawResponse>;
  }

  /** Sends a request and resolves with its result; rejects with the error object. */
  async result(method: string, params?: object): Promise<any> {
    const r = await this.call(method, params);
    if (r.error) throw Object.assign(new Error(`${method}: ${r.error.code} ${r.error.message}`), { rpc: r.error });
    return r.result;
  }

  /** Sends a raw text or binary frame. */
  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** Resolves with the first frame (already received or future) that passes `test`. */
  waitFor(test: (f: RawFrame) => boolean, timeoutMs = 5000, fromIndex = 0): Promise<RawFrame> {
    const seen = this.frames.slice(fromIndex).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: (f: RawFrame) => {
          clearTimeout(timer);
          resolve(f);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching frame within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Waits for a warning with this code. */
  warning(code: number, timeoutMs = 5000): Promise<{ code: number; message: any }> {
    return this.waitFor((f) => (f.warning as { code?: number } | undefined)?.code === code, timeoutMs).then(
      (f) => f.warning as { code: number; message: unknown },
    );
  }

  /** Data frames of a stream received so far. */
  data(stream: string, sid?: string): Array<{ values: unknown[]; sid: string; time: number }> {
    return this.frames
      .filter((f) => Array.isArray(f[stream]) && (sid === undefined || f.sid === sid))
      .map((f) => ({ values: f[stream] as unknown[], sid: f.sid as string, time: f.time as number }));
  }

  /** Closes the socket and waits for the close. */
  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  /** authorize with the default credentials of an open simulator, returning the token. */
  async authorize(clientId = 'test-app', clientSecret = 'test-secret', extra: object = {}): Promise<string> {
    const r = await this.result('authorize', { clientId, clientSecret, ...extra });
    return r.cortexToken as string;
  }

  /** Connects the headset (controlDevice connect, warning 104) and resolves once it is connected. */
  async connectHeadset(headsetId: string): Promise<void> {
    const from = this.frames.length;
    await this.result('controlDevice', { command: 'connect', headset: headsetId });
    await this.waitFor(
      (f) =>
        (f.warning as { code?: number; message?: { headsetId?: string } } | undefined)?.code === 104 &&
        (f.warning as { message: { headsetId?: string } }).message.headsetId === headsetId,
      5000,
      from,
    );
  }
}

/** Sleeps. */
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Resolves when `cond` holds (polled every 20 ms), or rejects naming `what` after `timeoutMs`. */
export async function until(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
