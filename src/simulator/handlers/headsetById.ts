import { ERROR } from '../../protocol';
import { CortexFault } from '../cortexFault';
import type { VirtualHeadset } from '../virtualHeadset';

/**
 * The headset with this id.
 *
 * ## Example
 * ```ts
 * const headset = headsetById(headsets, params.headset); // throws -32004 for an unknown id
 * ```
 * @throws CortexFault -32004 (headset unavailable) when the id is undefined or unknown.
 */
export function headsetById(headsets: ReadonlyMap<string, VirtualHeadset>, id: string | undefined): VirtualHeadset {
  const headset = id === undefined ? undefined : headsets.get(id);
  if (!headset) throw new CortexFault(ERROR.HEADSET_UNAVAILABLE, 'The headset is currently not available.');
  return headset;
}
