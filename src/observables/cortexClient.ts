import type { Observable } from 'rxjs';
import type { Headset, MethodName, ResultOf } from '../protocol';
import type { ClientParams } from './connection/clientParams';
import type { AccessState } from './connection/accessState';
import type { CortexWarning } from './connection/cortexWarning';
import type { Diagnostic } from './diagnostic';
import type { ExportRecordConfig } from './records/exportRecordConfig';
import type { CortexSession, SessionConfig } from './session/cortexSession';
import type { ConnectionState } from './socket/connectionState';

/** The reactive Cortex client: every method returns a cold observable. */
export interface CortexClient {
  /** Socket states (connected / disconnected with the retry delay); subscribing keeps the socket open. */
  readonly connection: Observable<ConnectionState>;
  /** Frames the client could not use (bad JSON, codec failures, unknown ids): reported, never fatal. */
  readonly diagnostics: Observable<Diagnostic>;
  /** Every warning Cortex sends (§1.5). */
  readonly warnings: Observable<CortexWarning>;
  /**
   * The app's access right as authorize sees it: `pending` (with a message to show: approve the app in the EMOTIV
   * Launcher) while a first run waits for warning 9, `granted` once Cortex granted it. Hot: subscribe before authorizing.
   */
  readonly access: Observable<AccessState>;
  /**
   * Any method of the table: sends on subscribe, emits the decoded result and completes. The cortexToken is
   * added for methods that need one. Errors with `CortexError` or a `CortexClientError` (TIMEOUT, ...).
   */
  rpc<M extends MethodName>(method: M, params: ClientParams<M>): Observable<ResultOf<M>>;
  /**
   * The app's token (hasAccessRight → requestAccess → authorize), shared per socket and renewed after a reconnect.
   * On a first run (requestAccess answers `accessGranted: false`) it waits for warning 9, up to `accessTimeoutMs`
   * (`ACCESS_TIMEOUT`; warning 10: `ACCESS_REJECTED`), reporting `pending` on {@link CortexClient.access}.
   */
  authorize(): Observable<string>;
  /** The headset list, re-queried on headset warnings (connected, failed, scan finished). Never completes. */
  headsets(): Observable<readonly Headset[]>;
  /** Connects a headset; emits it once connected (warning 104) and completes, or errors (warnings 100–102). */
  connectHeadset(headsetId: string): Observable<Headset>;
  /** A session (§4) as a cold observable: subscribe = createSession, unsubscribe = updateSession close. */
  session(config?: SessionConfig): Observable<CortexSession>;
  /** Records of this app (§6). */
  readonly records: {
    query(params: ClientParams<'queryRecords'>): Observable<ResultOf<'queryRecords'>>;
    update(params: ClientParams<'updateRecord'>): Observable<ResultOf<'updateRecord'>>;
    delete(recordIds: readonly string[]): Observable<ResultOf<'deleteRecord'>>;
  };
  /** exportRecord, after waiting for warning 30 of every record this client stopped that is still post-processing. */
  exportRecord(config: ExportRecordConfig): Observable<ResultOf<'exportRecord'>>;
}
