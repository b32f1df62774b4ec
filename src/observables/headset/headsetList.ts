import type { Observable } from 'rxjs';
import { filter, merge, of, switchMap } from 'rxjs';
import type { Headset } from '../../protocol';
import { isConnected, type SocketState } from '../socket/socketState';
import { HEADSET_LIST_WARNINGS } from './headsetListWarnings';

/**
 * The headset list of `client.headsets()`: queried on each connected socket, and again after every warning that
 * may change it ({@link HEADSET_LIST_WARNINGS}). Never completes.
 *
 * ## Example
 * ```ts
 * headsetList(socket.states).subscribe((list) => console.log(list.map((h) => h.id)));
 * ```
 * @internal
 */
export function headsetList(states: Observable<SocketState>): Observable<readonly Headset[]> {
  return states.pipe(
    filter(isConnected),
    switchMap(({ connection: conn }) =>
      merge(of(undefined), conn.warnings.pipe(filter((w) => HEADSET_LIST_WARNINGS.has(w.code)))).pipe(
        switchMap(() => conn.call('queryHeadsets', {})),
      ),
    ),
  );
}
