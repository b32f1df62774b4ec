import type { Observable } from 'rxjs';
import { defer, switchMap } from 'rxjs';
import type { ResultOf } from '../../protocol';
import type { ClientParams } from '../connection/clientParams';
import { positiveOption } from '../config/positiveOption';
import type { ExportRecordConfig } from './exportRecordConfig';
import type { PostProcessingTracker } from './postProcessingTracker';

/**
 * `client.exportRecord()`: exportRecord, sent once every record of the export that this client stopped and Cortex
 * is still post-processing got its warning 30 (see {@link PostProcessingTracker}).
 *
 * ## Example
 * ```ts
 * exportAfterPostProcessing({ recordIds: [id], folder: '/tmp', format: 'CSV', streamTypes: ['EEG'] }, tracker, rpc);
 * ```
 * @throws RangeError (on subscribe) for an invalid `postProcessingTimeoutMs`
 * @internal
 */
export function exportAfterPostProcessing(
  config: ExportRecordConfig,
  tracker: PostProcessingTracker,
  rpc: (method: 'exportRecord', params: ClientParams<'exportRecord'>) => Observable<ResultOf<'exportRecord'>>,
): Observable<ResultOf<'exportRecord'>> {
  return defer(() => {
    const waitMs = positiveOption('postProcessingTimeoutMs', config.postProcessingTimeoutMs, 60_000);
    const exportNow = () =>
      rpc('exportRecord', {
        recordIds: [...config.recordIds],
        folder: config.folder,
        format: config.format,
        streamTypes: [...config.streamTypes],
        ...(config.version !== undefined ? { version: config.version } : {}),
      });
    return tracker.whenProcessed(config.recordIds, waitMs).pipe(switchMap(exportNow));
  });
}
