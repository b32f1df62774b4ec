import type { ForcedDetection } from './detectionSource';

/**
 * Faults a test can inject into a running simulator (`sim.faults`).
 *
 * ## Example
 * ```ts
 * import { startSimulator } from 'cortex-rx/simulator';
 * const sim = await startSimulator({ port: 0 });
 * sim.faults.dropFrames({ count: 10 }); // the next 10 data frames are lost: the COUNTER shows the gap
 * sim.faults.delayResponses({ delayMs: 15_000, methods: ['createSession'] }); // past the client's timeout
 * sim.faults.disconnectHeadset(sim.headsetIds[0]); // data stops; warning 103, then 0 and 1, after headsetLossTimeoutMs
 * sim.faults.killClients(); // every client socket dies without a close handshake
 * sim.faults.forceDetection(sim.headsetIds[0], { stream: 'com', action: 'push', power: 0.8 }); // com says push for 1 s
 * ```
 */
export interface SimulatorFaults {
  /** Frames dropped so far by {@link SimulatorFaults.dropFrames}. */
  readonly framesDropped: number;
  /** Drops the next `count` data frames, or one frame in `1/ratio` (deterministically, every n-th). */
  dropFrames(config: { count?: number; ratio?: number }): void;
  /** Delays responses by `delayMs` (only those of `methods` when given); `delayMs` 0 removes the fault. */
  delayResponses(config: { delayMs: number; methods?: readonly string[] }): void;
  /**
   * Acts as if a headset were switched off or out of range, like the real service: its status stays and its data
   * stops; after `headsetLossTimeoutMs` (default 30 s) every socket gets warning 103, then the headset's sessions get
   * warnings 0 and 1 and close (their records stop). `controlDevice disconnect` is the immediate way.
   * @throws CortexFault -32004 when there is no such headset.
   */
  disconnectHeadset(headsetId: string): void;
  /**
   * Kills client sockets abruptly (no close handshake): all of them, or those with a session of one app.
   * @param appId an app id or client id; all sockets when omitted.
   * @returns the number of sockets killed.
   */
  killClients(appId?: string): number;
  /**
   * Forces a detection: `com` reports the action (whatever the profile), or `fac` reports it in its slot (eye, upper
   * or lower face), with `power` (default 0.8) for `durationMs` (default 1000 ms) from now.
   * @throws CortexFault -32004 when there is no such headset; RangeError for a fac action of no slot.
   */
  forceDetection(headsetId: string, detection: ForcedDetection): void;
}
