// Diagnosis experiment (not run by `npm run bench`): `node --import tsx bench/diagnosis/sessionBurst.ts [headsets]`.
//
// Issue 11's note: with 64 sessions requested at once under load, some createSession answers came only after 60 s.
// This forks the real simulator (N EPOC X at 256 Hz, connected), opens one client, asks for N sessions at once and
// subscribes eeg on each as soon as it opens, and prints when each answer and each first frame came, with the
// simulator's CPU share, and every 10 s how many sessions opened (re-opened after a reconnect), how many stream, and
// how many bytes the client read. Run it beside CPU hogs (`node -e 'for(;;){}' &`) to see the starved case.
//
// Runs of 2026-12-02 (2 cores). Quiet: all 64 open within 134 ms, first frames within 543 ms. Beside two hogs: open
// within 426 ms, first frames within 1.4 s. Beside six hogs the client reads ~0.2–0.7 MB/s of the ~5 MB/s the
// sessions produce, and (before the fix) the simulator closed it with 1008 every 10 s ("over its send budget for
// 10000 ms"; bufferedAmount counts a corked tick's frames as one write until the kernel takes all of it, so a slow
// reader looked like one that never reads): the client reconnected and re-opened all 64 sessions each time (64, 128,
// 192, 256 sessions opened at 10, 20, 30, 40 s), which is what made createSession answers seem to take over 60 s
// under load. Since the simulator also watches the kernel's take of the pending write (and ticks start one headset
// further on each time), the same run keeps one socket: 64 opened, frames dropped, no reconnect in 45 s.
import { filter, firstValueFrom, Subscription } from 'rxjs';
import WebSocket from 'ws';
import { connectCortex, type CortexSession, type EegFrame, type StreamEvent, type WebSocketCtor } from '../../src';
import { forkSimulator } from '../forkSimulator';
import { quantile } from '../stats';

const HEADSETS = Number(process.argv[2] ?? 64);

let receivedBytes = 0;
/** `ws`, counting the bytes of the messages that reach the client's socket. */
class CountingWebSocket extends WebSocket {
  constructor(url: string, protocols?: string | string[], options?: WebSocket.ClientOptions) {
    super(url, protocols, options);
    this.on('message', (data: Buffer) => {
      receivedBytes += data.length;
    });
  }
}

const isEeg = (e: StreamEvent<'eeg'>): e is EegFrame => e._tag === 'eeg';
const quantiles = (xs: readonly number[]): string => {
  const q = (p: number) => quantile(xs, p).toFixed(0);
  return `min ${q(0)} p50 ${q(0.5)} p90 ${q(0.9)} max ${q(1)} ms`;
};

async function main(): Promise<void> {
  const sim = await forkSimulator(`EPOCX@256:${HEADSETS}`);
  const client = connectCortex({
    url: sim.url,
    clientId: 'burst-app',
    clientSecret: 's',
    lingerMs: 0,
    requestTimeoutMs: 180_000,
    WebSocketCtor: CountingWebSocket as unknown as WebSocketCtor,
  });
  const subs = new Subscription();
  subs.add(
    client.connection.subscribe((c) =>
      console.log(c._tag === 'connected' ? `connected, epoch ${c.epoch}` : `disconnected: ${c.reason.message}`),
    ),
  );
  try {
    const headsets = await firstValueFrom(client.headsets().pipe(filter((l) => l.length >= HEADSETS)));
    const cpu0 = sim.cpuSeconds();
    const t0 = performance.now();
    const opened: number[] = [];
    const firstFrames: number[] = [];
    const progress = setInterval(() => {
      const t = ((performance.now() - t0) / 1000).toFixed(0);
      console.log(
        `t=${t} s: ${opened.length} opened, ${firstFrames.length} streaming, simulator CPU ${sim.cpuSeconds().toFixed(1)} s, client read ${(receivedBytes / 1e6).toFixed(1)} MB`,
      );
    }, 10_000);
    await Promise.all(
      headsets.slice(0, HEADSETS).map(
        (h) =>
          new Promise<void>((resolve, reject) => {
            let first = true;
            const sub = client.session({ headset: h.id }).subscribe({
              next: (s: CortexSession) => {
                opened.push(performance.now() - t0);
                sub.add(
                  s
                    .stream('eeg')
                    .pipe(filter(isEeg))
                    .subscribe({
                      next: () => {
                        if (!first) return;
                        first = false;
                        firstFrames.push(performance.now() - t0);
                        resolve();
                      },
                      error: reject,
                    }),
                );
              },
              error: reject,
            });
            subs.add(sub);
          }),
      ),
    );
    clearInterval(progress);
    const wallS = (performance.now() - t0) / 1000;
    console.log(
      `${HEADSETS} sessions asked at once: opened ${quantiles(opened)}; first eeg frame ${quantiles(firstFrames)}`,
    );
    console.log(`simulator CPU ${(sim.cpuSeconds() - cpu0).toFixed(1)} s over ${wallS.toFixed(1)} s wall`);
  } finally {
    subs.unsubscribe();
    await sim.close();
  }
}

void main();
