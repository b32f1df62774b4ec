import { WARNING } from '../protocol';
import type { Connection } from './connection';
import type { SessionTable } from './sessionTable';
import type { Timers } from './timers';
import type { VirtualHeadset } from './virtualHeadset';

/** What a headset loss acts on. */
export interface HeadsetLossContext {
  readonly timers: Timers;
  readonly sessions: Pick<SessionTable, 'disconnectHeadset'>;
  /** The open client sockets: each gets warning 103. */
  connections(): Iterable<Connection>;
  /** How long the service waits without data before it drops the headset (the real one: about 30 s). */
  readonly headsetLossTimeoutMs: number;
  readonly log: (line: string) => void;
}

/**
 * A headset switched off or out of range, as the real service handles it (§3.2, §1.5 warning 103): the status stays
 * `connected` and the data silently stops; after `headsetLossTimeoutMs` without data, warning 103 goes to every
 * client socket, then the headset's sessions close (warnings 0 and 1) and their records stop. A headset that
 * connects again or is disconnected by `controlDevice` meanwhile is left alone.
 *
 * ## Example
 * ```ts
 * loseHeadset({ timers, sessions, connections: () => conns, headsetLossTimeoutMs: 30_000, log }, headset);
 * ```
 * @param ctx the service's timers, sessions and sockets
 * @param headset the headset that goes silent
 */
export function loseHeadset(ctx: HeadsetLossContext, headset: VirtualHeadset): void {
  if (headset.status === 'discovered' || headset.signalLost) return;
  headset.markSignalLost();
  const loss = headset.lossCount;
  ctx.log(`headset ${headset.id} lost; dropped in ${ctx.headsetLossTimeoutMs} ms`);
  ctx.timers.later(ctx.headsetLossTimeoutMs, () => {
    if (!headset.signalLost || headset.lossCount !== loss) return;
    // To every socket, like 104/142: which apps the real service tells is UNVERIFIED (README, choices).
    for (const conn of ctx.connections()) {
      conn.warn(WARNING.HEADSET_DISCONNECTED_TIMEOUT, {
        behavior: `Headset ${headset.id} was disconnected because no data arrived for a long time.`,
        headsetId: headset.id,
      });
    }
    ctx.sessions.disconnectHeadset(headset, true);
  });
}
