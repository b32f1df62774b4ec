import type { Subscription } from 'rxjs';
import type { CortexSession, Recording } from 'cortex-rx';
import type { MessageLog } from './messageLog';

/** The Record/Stop and Marker buttons and the M key, bound to the page's current session. */
export interface RecorderControls {
  /** The session to record on, or undefined (no session: the buttons are disabled; a running record ends). */
  setSession(session: CortexSession | undefined): void;
}

/** A record from Record to Stop: its subscription (unsubscribe = stopRecord) and its markers. */
interface RecordRun {
  sub: Subscription | undefined;
  recording: Recording | undefined;
  /** Markers sent, and confirmed by Cortex. */
  sent: number;
  confirmed: number;
}

/** The elements the controls drive. */
export interface RecorderElements {
  readonly record: HTMLButtonElement;
  readonly marker: HTMLButtonElement;
  readonly status: HTMLElement;
}

/**
 * Record (it becomes Stop), Marker and the **M** key: `session.record()` is subscribed on Record and unsubscribed on
 * Stop (which stops the record); each Marker press or M key while recording sends `recording.marker()`. The record
 * id and its marker count are shown while it runs and when it stops.
 *
 * ## Example
 * ```ts
 * const controls = createRecorderControls({ record, marker, status }, log, (err) => log.problem(String(err)));
 * client.session().subscribe((s) => controls.setSession(s));
 * ```
 * @param el the buttons and the status line
 * @param log where record events are written
 * @param onError shows a failed record or marker
 */
export function createRecorderControls(
  el: RecorderElements,
  log: MessageLog,
  onError: (err: unknown) => void,
): RecorderControls {
  let session: CortexSession | undefined;
  let run: RecordRun | undefined;

  const render = (): void => {
    el.record.disabled = session === undefined;
    el.record.textContent = run ? 'Stop' : 'Record';
    el.record.classList.toggle('recording', run !== undefined);
    el.marker.disabled = run?.recording === undefined;
  };
  const markerText = (n: number): string => `${n} marker${n === 1 ? '' : 's'}`;
  const showRunning = (): void => {
    if (run?.recording) {
      el.status.textContent = `recording ${run.recording.record.uuid} · ${markerText(run.confirmed)}`;
    }
  };
  const start = (s: CortexSession): void => {
    const title = `cortex-rx web ${new Date().toISOString()}`;
    el.status.textContent = 'starting a record…';
    const current: RecordRun = { sub: undefined, recording: undefined, sent: 0, confirmed: 0 };
    run = current;
    current.sub = s.record({ title }).subscribe({
      next: (recording) => {
        current.recording = recording;
        log.info(`record ${recording.record.uuid} started`);
        showRunning();
        render();
      },
      error: (err: unknown) => {
        if (run === current) run = undefined;
        el.status.textContent = 'the record stopped';
        onError(err);
        render();
      },
    });
    render();
  };
  const stop = (): void => {
    if (!run) return;
    const { sub, recording, confirmed } = run;
    run = undefined;
    sub?.unsubscribe(); // stopRecord
    if (recording) {
      el.status.textContent = `record ${recording.record.uuid} stopped · ${markerText(confirmed)}`;
      log.info(`record ${recording.record.uuid} stopped with ${markerText(confirmed)}`);
    } else {
      el.status.textContent = '';
    }
    render();
  };
  const marker = (): void => {
    const current = run;
    if (!current?.recording) return;
    current.sent++;
    current.recording.marker({ label: 'marker', value: current.sent }).subscribe({
      next: () => {
        current.confirmed++;
        if (run === current) showRunning();
      },
      error: onError,
    });
  };

  el.record.addEventListener('click', () => (run ? stop() : session && start(session)));
  el.marker.addEventListener('click', marker);
  document.addEventListener('keydown', (e) => {
    if ((e.key === 'm' || e.key === 'M') && !e.repeat && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      marker();
    }
  });
  render();
  return {
    setSession: (s) => {
      if (s !== session) stop();
      session = s;
      render();
    },
  };
}
