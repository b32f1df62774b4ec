import type { AppRegistry } from '../appRegistry';
import type { FaultInjector } from '../faultInjector';
import type { Handlers } from '../handlers/handlerTypes';
import type { ResolvedSimulatorConfig } from '../simulatorConfig';
import type { Timers } from '../timers';

/** What the RPC core uses: limits, the token check, the handlers, the delay-responses fault and a request count. */
export interface RpcContext {
  readonly config: Pick<ResolvedSimulatorConfig, 'maxFrameBytes' | 'maxPendingRequests' | 'log'>;
  /** Finds the app of a request's cortexToken. */
  readonly apps: Pick<AppRegistry, 'appOfToken'>;
  readonly handlers: Handlers;
  readonly faults: Pick<FaultInjector, 'responseDelay'>;
  readonly timers: Timers;
  /** Requests received per method since start (tests check what a client sent). */
  readonly requestCounts: Map<string, number>;
}
