import { existsSync, statSync } from 'fs';
import { ERROR } from '../../protocol';
import { CortexFault } from '../cortexFault';
import { exportRecordSteps } from '../export/exportRecord';
import { runStepsInTurns } from '../export/runStepsInTurns';
import type { SessionTable } from '../sessionTable';
import type { RecordSource } from '../store/recordSource';
import type { HandlerMap } from './handlerTypes';
import { itemFailure } from './itemFailure';
import { ownedRecord } from './ownedRecord';
import { recordIdList } from './recordIdList';

/** exportRecord of §6: writing stopped records to CSV or EDF files. */
export type ExportMethod = 'exportRecord';

/** What the export handler uses. */
export interface ExportContext {
  /** A record is exported only once its post-processing is done (warning 30). */
  readonly sessions: Pick<SessionTable, 'isPostProcessing'>;
  readonly store: RecordSource;
}

/**
 * The handler of exportRecord (§6): one `success` or `failure` item per record (ids deduplicated, at most
 * `MAX_RECORD_IDS`); a record still running or post-processing fails with -32017. Exports run one at a time, each
 * spread over event-loop turns (`runStepsInTurns`), so other apps' streams go on meanwhile.
 *
 * ## Example
 * ```ts
 * const handlers = createExportHandlers({ sessions, store });
 * handlers.exportRecord({ cortexToken, recordIds: [id], folder: '/tmp/out', format: 'CSV', streamTypes: ['EEG'] }, conn, app);
 * ```
 */
export function createExportHandlers(ctx: ExportContext): HandlerMap<ExportMethod> {
  const { sessions, store } = ctx;
  // One export at a time: two at once would share the CPU (and could write the same files) for no gain.
  let queue: Promise<void> = Promise.resolve();
  return {
    exportRecord: async (p, _conn, app) => {
      const recordIds = recordIdList('recordIds', p.recordIds);
      const success: { recordId: string }[] = [];
      const failure: { recordId: string; code: number; message: string }[] = [];
      if (!existsSync(p.folder) || !statSync(p.folder).isDirectory()) {
        throw new CortexFault(
          ERROR.INVALID_PARAMS,
          `Invalid Parameters: 'folder' must be an existing directory, got "${p.folder}".`,
        );
      }
      const previous = queue;
      let done = (): void => undefined;
      queue = new Promise<void>((resolve) => (done = resolve));
      await previous;
      try {
        for (const recordId of recordIds) {
          try {
            const stored = ownedRecord(store, app, recordId);
            if (stored.running || sessions.isPostProcessing(recordId)) {
              throw new CortexFault(
                ERROR.RECORD_ALREADY_STARTED,
                'The record is not ready: wait for warning 30 after stopRecord.',
              );
            }
            await runStepsInTurns(
              exportRecordSteps(store, recordId, {
                folder: p.folder,
                format: p.format,
                streamTypes: p.streamTypes,
                version: p.version,
              }),
            );
            success.push({ recordId });
          } catch (err) {
            failure.push(itemFailure(recordId, err));
          }
        }
      } finally {
        done();
      }
      return { success, failure };
    },
  };
}
