import { ERROR, WARNING, type ParamsOf, type ResultOf } from '../../protocol';
import type { Connection } from '../connection';
import { CortexFault } from '../cortexFault';
import type { SessionTable } from '../sessionTable';
import type { Timers } from '../timers';
import type { VirtualHeadset } from '../virtualHeadset';
import type { HandlerMap } from './handlerTypes';
import { headsetById } from './headsetById';

/** The methods of §3: finding, connecting and configuring headsets. */
export type HeadsetMethod =
  | 'queryHeadsets'
  | 'controlDevice'
  | 'updateHeadset'
  | 'updateHeadsetCustomInfo'
  | 'syncWithHeadsetClock';

/** What the headset handlers use. */
export interface HeadsetsContext {
  readonly config: { readonly connectDelayMs: number; readonly scanDurationMs: number };
  readonly headsets: ReadonlyMap<string, VirtualHeadset>;
  /** Closes the sessions of a headset that `controlDevice disconnect` switches off; finds records running on one. */
  readonly sessions: Pick<SessionTable, 'disconnectHeadset' | 'all'>;
  readonly timers: Timers;
}

/** EPOC X settings updateHeadset accepts: EPOC mode at 128 Hz without motion, or EPOC+ mode at its rates. */
function validEpocXSettings(headset: VirtualHeadset, mode: string, eegRate: number, memsRate: number): boolean {
  const rates: readonly number[] = headset.model.eegRatesHz;
  return (
    headset.model.idPrefix === 'EPOCX' &&
    ((mode === 'EPOC' && eegRate === 128 && memsRate === 0) ||
      (mode === 'EPOCPLUS' && rates.includes(eegRate) && [0, 32, 64, 128].includes(memsRate)))
  );
}

/** The ways a headset can be connected (controlDevice `connectionType`, §3.1). */
const CONNECTION_TYPES: readonly string[] = ['dongle', 'bluetooth', 'usb cable'];
/** updateHeadset works over this connection only (§3.1). */
const USB_CABLE = 'usb cable';

function connectionTypeOf(headset: VirtualHeadset, connectionType: string | undefined): string {
  if (connectionType === undefined) return headset.model.connectedBy;
  if (!CONNECTION_TYPES.includes(connectionType)) {
    throw new CortexFault(
      ERROR.INVALID_PARAMS,
      `Invalid Parameters: 'connectionType' must be one of ${CONNECTION_TYPES.join(', ')}, got ${JSON.stringify(connectionType)}.`,
    );
  }
  return connectionType;
}

/**
 * updateHeadset's refusals: while a record of any app runs on the headset (-32017: no record may change rate, issue
 * 13 §1), and over any connection but the USB cable (-32020, §3.1).
 */
function checkSettable(ctx: HeadsetsContext, headset: VirtualHeadset): void {
  if (ctx.sessions.all().some((s) => s.headset === headset && s.writer !== undefined)) {
    throw new CortexFault(
      ERROR.RECORD_ALREADY_STARTED,
      `A record is running on headset ${headset.id}: its settings cannot change until every record on it stops.`,
    );
  }
  if (headset.connectedBy !== USB_CABLE) {
    throw new CortexFault(
      ERROR.USB_CABLE_REQUIRED,
      `The headset must be connected by USB cable to change its settings (it is connected by ${headset.connectedBy}).`,
    );
  }
}

/** controlDevice: refresh (warning 142 after the scan), connect (warning 104 once connected) or disconnect. */
function controlDevice(
  ctx: HeadsetsContext,
  p: ParamsOf<'controlDevice'>,
  conn: Connection,
): ResultOf<'controlDevice'> {
  const { config, headsets, timers } = ctx;
  if (p.command === 'refresh') {
    timers.later(config.scanDurationMs, () =>
      conn.warn(WARNING.HEADSET_SCANNING_FINISHED, { behavior: 'Headset scanning is finished.' }),
    );
    return { command: 'refresh', message: 'Start refreshing the headset list.' };
  }
  const headset = headsetById(headsets, p.headset);
  if (p.command === 'disconnect') {
    ctx.sessions.disconnectHeadset(headset, true);
    return { command: 'disconnect', message: `Disconnect headset ${headset.id}` };
  }
  const warnConnected = () =>
    conn.warn(WARNING.HEADSET_CONNECTED, {
      behavior: `Headset ${headset.id} is connected.`,
      headsetId: headset.id,
    });
  const connectedBy = connectionTypeOf(headset, p.connectionType);
  if (headset.status === 'discovered') {
    headset.connectedBy = connectedBy;
    headset.status = 'connecting';
    timers.later(config.connectDelayMs, () => {
      if (headset.status !== 'connecting') return;
      headset.markConnected();
      warnConnected();
    });
  } else if (headset.status === 'connected') {
    timers.later(0, warnConnected);
  }
  return { command: 'connect', message: `Start connecting to headset ${headset.id}` };
}

/**
 * The handlers of §3 (headsets).
 *
 * ## Example
 * ```ts
 * const handlers = createHeadsetsHandlers({ config, headsets, sessions, timers });
 * handlers.controlDevice({ command: 'connect', headset: 'EPOCX-1234ABCD' }, conn, undefined); // warning 104 follows
 * ```
 */
export function createHeadsetsHandlers(ctx: HeadsetsContext): HandlerMap<HeadsetMethod> {
  const { config, headsets, timers } = ctx;
  const connected = (headset: VirtualHeadset): VirtualHeadset => {
    if (headset.status !== 'connected')
      throw new CortexFault(ERROR.HEADSET_UNAVAILABLE, 'The headset is currently not available.');
    return headset;
  };
  return {
    queryHeadsets: (p) => {
      const pattern = p.id;
      const match = (id: string) =>
        pattern === undefined || (pattern.endsWith('*') ? id.startsWith(pattern.slice(0, -1)) : id === pattern);
      return [...headsets.values()].filter((h) => match(h.id)).map((h) => h.toJSON());
    },
    controlDevice: (p, conn) => controlDevice(ctx, p, conn),
    updateHeadset: (p, conn) => {
      const headset = connected(headsetById(headsets, p.headset));
      checkSettable(ctx, headset);
      const { mode = headset.model.mode, eegRate = headset.eegRateHz, memsRate = headset.memsRateHz } = p.setting;
      const valid = validEpocXSettings(headset, mode, eegRate, memsRate);
      timers.later(config.connectDelayMs, () => {
        if (valid) {
          headset.applySettings(eegRate, memsRate);
          conn.warn(WARNING.HEADSET_SETTING_APPLIED, {
            behavior: 'The headset settings were applied.',
            headsetId: headset.id,
          });
        } else {
          conn.warn(WARNING.HEADSET_SETTING_FAILED, {
            behavior: 'The headset settings are not supported.',
            headsetId: headset.id,
          });
        }
      });
      return { headsetId: headset.id, message: 'Updating the headset settings.' };
    },
    updateHeadsetCustomInfo: (p) => {
      const headset = headsetById(headsets, p.headsetId);
      if (p.customName !== undefined) headset.customName = p.customName;
      if (p.headbandPosition !== undefined) {
        if (headset.model.idPrefix !== 'EPOCX') {
          throw new CortexFault(ERROR.INVALID_PARAMS, "Invalid Parameters: 'headbandPosition' applies to EPOC X only.");
        }
        headset.headbandPosition = p.headbandPosition;
      }
      return {
        headsetId: headset.id,
        customName: headset.customName,
        headbandPosition: headset.headbandPosition,
        message: 'The headset custom info was updated.',
      };
    },
    syncWithHeadsetClock: (p) => {
      const headset = connected(headsetById(headsets, p.headset));
      // Cortex time is the system clock here: adding the adjustment to the caller's monotonic time gives it.
      return { headset: headset.id, adjustment: Date.now() / 1000 - p.monotonicTime };
    },
  };
}
