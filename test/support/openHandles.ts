/** Resources that keep the event loop alive, by type (`Timeout`, `TCPSocketWrap`, `TCPServerWrap`, ...). */
export type HandleCounts = Record<string, number>;

/** Jest's own: the worker's IPC pipe and the terminal. */
const IGNORED = new Set(['PipeWrap', 'TTYWrap', 'FSReqCallback', 'FSReqPromise']);

/** The ref'd resources alive now (unref'd timers and sockets do not keep a process alive and are not counted). */
export function openHandles(): HandleCounts {
  const counts: HandleCounts = {};
  for (const type of process.getActiveResourcesInfo()) if (!IGNORED.has(type)) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/**
 * Waits (up to `timeoutMs`, for sockets that are closing) until no more resources are alive than in `baseline`,
 * and throws with the surplus otherwise: what a test left behind would keep a jest worker from exiting.
 */
export async function expectNoOpenHandles(baseline: HandleCounts, timeoutMs = 2000): Promise<void> {
  const surplus = () =>
    Object.entries(openHandles())
      .filter(([type, n]) => n > (baseline[type] ?? 0))
      .map(([type, n]) => `${type} ×${n - (baseline[type] ?? 0)}`);
  const until = Date.now() + timeoutMs;
  while (surplus().length > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  const left = surplus();
  if (left.length > 0) throw new Error(`left open after the tests: ${left.join(', ')}`);
}
