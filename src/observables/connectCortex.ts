import type { Observable } from 'rxjs';
import type { MonoTypeOperatorFunction } from 'rxjs';
import { Subject, asyncScheduler, defer, switchMap, take, throwError, timeout } from 'rxjs';
import { CortexClientError } from './cortexError';
import type { MethodName, ResultOf } from '../protocol';
import { readClientSettings } from './config/clientSettings';
import type { CortexClientConfig } from './config/cortexClientConfig';
import type { ClientParams } from './connection/clientParams';
import type { AccessState } from './connection/accessState';
import type { CortexWarning } from './connection/cortexWarning';
import type { CortexClient } from './cortexClient';
import type { Diagnostic } from './diagnostic';
import { connectHeadsetById } from './headset/connectHeadsetById';
import { headsetList } from './headset/headsetList';
import { exportAfterPostProcessing } from './records/exportAfterPostProcessing';
import { PostProcessingTracker } from './records/postProcessingTracker';
import { SessionLifecycle } from './session/sessionLifecycle';
import { registerClientSocket } from './socket/clientSockets';
import { sharedSocket } from './socket/sharedSocket';

/**
 * Creates the reactive Cortex client. Nothing connects until something subscribes; one socket serves
 * everything and closes `lingerMs` after the last subscriber leaves. Drops are retried with backoff, and
 * sessions, streams and the token are restored on the new socket.
 *
 * Like rxjs `webSocket`, but multiplexing JSON-RPC ids, sessions and streams over one socket, with bounded
 * queues, decode-as-value diagnostics and typed errors.
 *
 * ## Example
 * ```ts
 * import { connectCortex } from 'cortex-rx';
 * import { switchMap } from 'rxjs';
 *
 * const client = connectCortex({ url: 'ws://127.0.0.1:6868', clientId: 'id', clientSecret: 'secret' });
 * const sub = client
 *   .session()
 *   .pipe(switchMap((session) => session.stream('pow')))
 *   .subscribe((frame) => console.log(frame));
 * // later: sub.unsubscribe() closes the session and, a second later, the socket
 * ```
 * @param config see {@link CortexClientConfig}
 * @throws RangeError eagerly for invalid options (`requestTimeoutMs must be a positive number, got -1`)
 */
export function connectCortex(config: CortexClientConfig): CortexClient {
  const settings = readClientSettings(config);
  const diagnostics = new Subject<Diagnostic>();
  const warnings = new Subject<CortexWarning>();
  const access = new Subject<AccessState>();
  const socket = sharedSocket({ ...settings, warnings, settings: { ...settings, diagnostics, access } });
  const postProcessing = new PostProcessingTracker(warnings);
  const { connectTimeoutMs, requestTimeoutMs, scheduler } = settings;
  // The deadline counts from the call, so a socket that never opens cannot hold a request (issue 13 §5).
  const deadline = <T>(what: string): MonoTypeOperatorFunction<T> =>
    timeout({
      first: requestTimeoutMs,
      scheduler: scheduler ?? asyncScheduler,
      with: () =>
        throwError(
          () => new CortexClientError('TIMEOUT', `${what}: no answer within ${requestTimeoutMs} ms (from the call)`),
        ),
    });

  const rpc = <M extends MethodName>(method: M, params: ClientParams<M>): Observable<ResultOf<M>> =>
    socket.connected().pipe(
      switchMap((conn) => conn.call(method, params)),
      take(1),
      deadline(method),
    );
  const host = {
    states: socket.states,
    connectTimeoutMs,
    postProcessing,
    stallTimeoutMs: settings.stallTimeoutMs,
    scheduler: settings.scheduler,
  };

  const client: CortexClient = {
    connection: socket.publicStates,
    diagnostics: diagnostics.asObservable(),
    warnings: warnings.asObservable(),
    access: access.asObservable(),
    rpc,
    authorize: () =>
      // the deadline covers the wait for the socket; each request of the token flow then has its own
      socket.connected().pipe(
        deadline('authorize'),
        switchMap((conn) => conn.tokens.token()),
        take(1),
      ),
    headsets: () => headsetList(socket.states),
    connectHeadset: (headsetId) => connectHeadsetById(socket.connected(), headsetId, connectTimeoutMs),
    session: (sessionConfig = {}) => defer(() => new SessionLifecycle(host, sessionConfig).run()),
    records: {
      query: (params) => rpc('queryRecords', params),
      update: (params) => rpc('updateRecord', params),
      delete: (recordIds) => rpc('deleteRecord', { records: [...recordIds] }),
    },
    exportRecord: (cfg) => exportAfterPostProcessing(cfg, postProcessing, rpc),
  };
  registerClientSocket(client, socket);
  return client;
}
