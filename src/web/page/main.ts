// The page of `cortex-rx web`, bundled for the browser (src/web/buildPageScript.ts). It uses cortex-rx as any web
// app would: connectCortex from 'cortex-rx', the operators from 'cortex-rx/operators'.
import { retry, switchMap, tap, timer, type Subscription } from 'rxjs';
import { connectCortex, type CortexClient, type Headset } from 'cortex-rx';
import type { PageConfig } from '../pageConfig';
import { createBandTable } from './bandTable';
import { createConnectionBadge } from './connectionBadge';
import { describeProblem } from './describeProblem';
import { createEegTraces } from './eegTraces';
import { renderHeadsets } from './headsetList';
import { liveSession, type LiveViews } from './liveSession';
import { createMessageLog } from './messageLog';
import { createRecorderControls, type RecorderControls } from './recorderControls';

/** Seconds of EEG on screen. */
const TRACE_WINDOW_S = 5;

function byId<E extends HTMLElement>(id: string): E {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as E;
}

async function start(): Promise<void> {
  const log = createMessageLog(byId('log'), byId('problem'));
  let config: PageConfig;
  try {
    config = (await (await fetch('/config.json')).json()) as PageConfig;
  } catch (err) {
    log.problem(`cannot read /config.json (${String(err)}): is cortex-rx web still running? Restart it and reload`);
    return;
  }
  byId('cortex-url').textContent = `${config.url}${config.simulator ? ' (embedded simulator)' : ''}`;
  const client = connectCortex({
    url: config.url,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    ...(config.license !== undefined ? { license: config.license } : {}),
    ...(config.debit !== undefined ? { debit: config.debit } : {}),
  });
  const describe = (err: unknown): string => describeProblem(err, config.url);
  const views: LiveViews = {
    traces: createEegTraces(byId('eeg'), TRACE_WINDOW_S),
    bands: createBandTable(byId('bands'), byId('bands-caption')),
    badge: createConnectionBadge(byId('connection')),
    log,
  };
  const scale = byId<HTMLSelectElement>('scale');
  scale.addEventListener('change', () => views.traces.setScaleUv(Number(scale.value)));
  const controls = createRecorderControls(
    { record: byId('record'), marker: byId('marker'), status: byId('record-status') },
    log,
    (err) => log.problem(describe(err)),
  );
  watchConnection(client, views, describe);
  watchHeadsets(client, views, controls, describe);
}

function watchConnection(client: CortexClient, views: LiveViews, describe: (err: unknown) => string): void {
  client.connection.subscribe((state) => {
    views.badge.socket(state);
    if (state._tag === 'connected') {
      views.log.info(state.epoch === 0 ? 'connected to Cortex' : `reconnected to Cortex (socket ${state.epoch + 1})`);
      views.log.clearProblem();
    } else {
      views.log.info(`${describe(state.reason)}; reconnecting in ${(state.retryInMs / 1000).toFixed(1)} s`);
    }
  });
  // A real Cortex lists only the headsets it has scanned for.
  client.rpc('controlDevice', { command: 'refresh' }).subscribe({ error: () => undefined });
}

function watchHeadsets(
  client: CortexClient,
  views: LiveViews,
  controls: RecorderControls,
  describe: (err: unknown) => string,
): void {
  const tbody = byId<HTMLTableElement>('headsets').tBodies[0];
  const sessionTitle = byId('session-title');
  let headsets: readonly Headset[] = [];
  let activeId: string | undefined;
  let live: Subscription | undefined;
  const render = (): void => renderHeadsets(tbody, headsets, { activeId }, connect, disconnect);
  const reset = (): void => {
    activeId = undefined;
    controls.setSession(undefined);
    views.bands.clear();
    views.traces.reset([], 1);
    views.badge.stalled(false);
    sessionTitle.textContent = '';
    render();
  };
  function disconnect(): void {
    live?.unsubscribe();
    live = undefined;
    if (activeId !== undefined) views.log.info(`closed the session on ${activeId}`);
    reset();
  }
  function connect(headsetId: string): void {
    disconnect();
    activeId = headsetId;
    render();
    views.log.info(`connecting ${headsetId}…`);
    sessionTitle.textContent = `· ${headsetId} · opening a session…`;
    live = client
      .session({ headset: headsetId })
      .pipe(
        tap((session) => {
          const rate = session.info.headset.settings.eegRate;
          sessionTitle.textContent = `· ${headsetId} · ${rate} Hz · session ${session.info.id}`;
          views.log.info(`session ${session.info.id} on ${headsetId}`);
          views.log.clearProblem();
          controls.setSession(session);
        }),
        switchMap((session) => liveSession(session, views)),
      )
      .subscribe({
        error: (err: unknown) => {
          views.log.problem(describe(err));
          live = undefined;
          reset();
        },
      });
  }
  client
    .headsets()
    .pipe(
      retry({
        delay: (err: unknown) => {
          views.log.problem(describe(err));
          return timer(3000);
        },
      }),
    )
    .subscribe((list) => {
      headsets = list;
      render();
    });
}

start().catch((err: unknown) => {
  const problem = document.getElementById('problem');
  if (problem) problem.textContent = `the page failed to start: ${String(err)}`;
});
