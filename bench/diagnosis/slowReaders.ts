// Diagnosis experiment (not run by `npm run bench`): `node --import tsx bench/diagnosis/slowReaders.ts [seconds]`.
//
// Issue 13 §2: 50 sessions × 6 streams whose clients never read. Before backpressure the simulator grew from 121 to
// 300 MB in 60 s, linearly. This forks the real `cortex-rx simulate` (5 EPOC X at 256 Hz, connected), opens 50
// sockets (one app and one session each, 10 per headset) subscribed to eeg, mot, dev, pow, met and eq, pauses them
// all (they never read), and prints the simulator's resident memory (VmRSS) every 5 s, with how many of the sockets
// the simulator has closed (1008).
//
// Run of 2026-12-02 (2 cores, load average ~10), 150 s: VmRSS 103 MiB at start; flat at 102–112 MiB while the kernel's
// socket buffers fill (~60 s at ~100 KB/s per socket); 146, 185, 221 MiB from 60 to 70 s as each socket's userland
// buffer reaches its 1 MiB budget (~2 MiB of memory per socket), then flat at 223 MiB (frames dropped) until 105 s;
// 197 MiB from 110 s: the sockets closed with 1008 (10 s over the budget) were destroyed by ws 30 s later (its close
// timeout, since the client never reads the close frame), and V8 keeps part of the freed heap. Since then the
// simulator destroys them itself `slowClientCloseGraceMs` (2 s) after the close. Before backpressure:
// 121 → 300 MB in 60 s, growing linearly for as long as the clients did not read.
import { readFileSync } from 'fs';
import WebSocket from 'ws';
import { forkSimulator } from '../forkSimulator';

const SECONDS = Number(process.argv[2] ?? 60);
const SOCKETS = 50;
const STREAMS = ['eeg', 'mot', 'dev', 'pow', 'met', 'eq'];

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** A plain JSON-RPC call on a socket that still reads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a throwaway experiment reads results loosely
function call(ws: WebSocket, id: number, method: string, params: object): Promise<any> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const f = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: unknown };
      if (f.id !== id) return;
      ws.off('message', onMessage);
      if (f.error) reject(new Error(`${method}: ${JSON.stringify(f.error)}`));
      else resolve(f.result);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  });
}

async function main(): Promise<void> {
  const sim = await forkSimulator('EPOCX@256:5');
  const sockets: WebSocket[] = [];
  let closed1008 = 0;
  try {
    const first = new WebSocket(sim.url);
    await new Promise((r) => first.once('open', r));
    const headsets = ((await call(first, 1, 'queryHeadsets', {})) as Array<{ id: string }>).map((h) => h.id);
    first.close();
    for (let i = 0; i < SOCKETS; i++) {
      const ws = new WebSocket(sim.url);
      await new Promise((r) => ws.once('open', r));
      ws.on('close', (code) => {
        if (code === 1008) closed1008++;
      });
      const { cortexToken } = await call(ws, 1, 'authorize', { clientId: `slow-${i}`, clientSecret: 'x' });
      const session = await call(ws, 2, 'createSession', {
        cortexToken,
        headset: headsets[i % headsets.length],
        status: 'active',
      });
      await call(ws, 3, 'subscribe', { cortexToken, session: session.id, streams: STREAMS });
      ws.pause();
      sockets.push(ws);
    }
    console.log(`${SOCKETS} sockets × ${STREAMS.length} streams, none reading; simulator pid ${sim.pid}`);
    for (let t = 0; t <= SECONDS; t += 5) {
      // A paused socket emits no 'close': resume a closed one's reading to count it.
      console.log(`t=${String(t).padStart(3)} s  simulator VmRSS ${rssMiB(sim.pid).toFixed(1)} MiB`);
      await new Promise((r) => setTimeout(r, 5000));
    }
    for (const ws of sockets) ws.resume();
    await new Promise((r) => setTimeout(r, 2000));
    console.log(`sockets the simulator closed with 1008: ${closed1008} of ${SOCKETS}`);
  } finally {
    for (const ws of sockets) ws.terminate();
    await sim.close();
  }
}

void main();
