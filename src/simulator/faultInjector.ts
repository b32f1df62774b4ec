import type { ForcedDetection } from './detectionSource';
import type { SimulatorFaults } from './simulatorFaults';

/** What the faults act on: the service's headsets and client sockets. */
export interface FaultTargets {
  /** Silences a headset, dropped with warning 103 after the loss timeout. @throws CortexFault -32004 when there is no such headset. */
  disconnectHeadset(headsetId: string): void;
  /** Kills client sockets (all, or those with a session of the app); returns how many. */
  killClients(appId?: string): number;
  /** Forces a com or fac detection on a headset. @throws CortexFault -32004 when there is no such headset. */
  forceDetection(headsetId: string, detection: ForcedDetection): void;
}

/**
 * The simulator's side of {@link SimulatorFaults}: holds the drop-frames and delay-responses settings that the
 * sessions and the RPC core consult, and forwards the other faults to the service.
 *
 * ## Example
 * ```ts
 * const faults = new FaultInjector({ disconnectHeadset: (id) => ..., killClients: () => 0, forceDetection: () => {} });
 * faults.dropFrames({ count: 1 });
 * faults.shouldDropFrame(); // true, then false
 * ```
 */
export class FaultInjector implements SimulatorFaults {
  private dropRatio = 0;
  private dropCount = 0;
  private dropCounter = 0;
  framesDropped = 0;
  /** Delay of every response, in ms, and the methods it applies to (all when undefined). */
  responseDelay: { delayMs: number; methods: ReadonlySet<string> | undefined } | undefined;

  constructor(private readonly targets: FaultTargets) {}

  dropFrames(config: { count?: number; ratio?: number }): void {
    this.dropCount = config.count ?? 0;
    this.dropRatio = config.ratio ?? 0;
    this.dropCounter = 0;
  }

  delayResponses(config: { delayMs: number; methods?: readonly string[] }): void {
    this.responseDelay =
      config.delayMs > 0
        ? { delayMs: config.delayMs, methods: config.methods ? new Set(config.methods) : undefined }
        : undefined;
  }

  disconnectHeadset(headsetId: string): void {
    this.targets.disconnectHeadset(headsetId);
  }

  killClients(appId?: string): number {
    return this.targets.killClients(appId);
  }

  forceDetection(headsetId: string, detection: ForcedDetection): void {
    this.targets.forceDetection(headsetId, detection);
  }

  /** True when the next data frame is to be dropped (and counts it). */
  shouldDropFrame(): boolean {
    if (this.dropCount > 0) {
      this.dropCount--;
      this.framesDropped++;
      return true;
    }
    if (this.dropRatio > 0) {
      this.dropCounter += this.dropRatio;
      if (this.dropCounter >= 1) {
        this.dropCounter -= 1;
        this.framesDropped++;
        return true;
      }
    }
    return false;
  }
}
