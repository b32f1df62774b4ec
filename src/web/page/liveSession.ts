import { EMPTY, type Observable, filter, map, merge, of, switchMap, tap, timer } from 'rxjs';
import type { CortexSession, StreamGap } from 'cortex-rx';
import { bandPower, epoch, isGap, removeDc } from 'cortex-rx/operators';
import type { BandTable } from './bandTable';
import type { ConnectionBadge } from './connectionBadge';
import type { EegTraces } from './eegTraces';
import type { MessageLog } from './messageLog';

/** What a live session draws into. */
export interface LiveViews {
  readonly traces: EegTraces;
  readonly bands: BandTable;
  readonly badge: ConnectionBadge;
  readonly log: MessageLog;
}

/** Band powers over this many seconds of EEG (Welch, 1 s Hann segments). */
const WINDOW_S = 2;
/** Band table updates per second. */
const UPDATES_PER_S = 4;

/**
 * One session's live views, with the same operators an app would use: `session.stream('eeg')` →
 * (first value subtracted) `removeDc` → the traces; `epoch(2 s, hop ¼ s)` → `bandPower({ relative: true })` → the table, 4 times a second;
 * and the stream's gap events as text (a stall counts its seconds, a reconnect says when data is back).
 *
 * ## Example
 * ```ts
 * client.session({ headset }).pipe(switchMap((s) => liveSession(s, views))).subscribe();
 * ```
 * @param session the session to show
 * @param views where to draw
 */
export function liveSession(session: CortexSession, views: LiveViews): Observable<unknown> {
  const rateHz = session.info.headset.settings.eegRate;
  const headsetId = session.info.headset.id;
  const eeg = session.stream('eeg');
  let lastFrameMs = Date.now();
  let started = false;
  // The high-pass starts from zero state: subtracting each channel's first value (again after every gap) first
  // keeps the ~4200 µV Cortex offset from ringing through the traces for seconds.
  let offset: Float64Array | undefined;
  const traces = eeg.pipe(
    map((e) => {
      if (isGap(e)) {
        offset = undefined;
        return e;
      }
      if (e.markers.length > 0) views.traces.markNext();
      const first = (offset ??= Float64Array.from(e.values));
      return { ...e, values: e.values.map((v, c) => v - first[c]) };
    }),
    removeDc({ sampleRateHz: rateHz, copy: false }),
    tap((s) => {
      if (isGap(s)) return views.traces.gap();
      lastFrameMs = Date.now();
      if (!started) {
        views.traces.reset(s.channels ?? [], rateHz);
        started = true;
      }
      views.traces.push(s.values);
    }),
  );
  const bands = eeg.pipe(
    epoch({ lengthSamples: WINDOW_S * rateHz, hopSamples: Math.round(rateHz / UPDATES_PER_S) }),
    bandPower({ sampleRateHz: rateHz, segmentLength: rateHz, relative: true }),
    tap((p) => views.bands.update(p)),
  );
  const gaps = eeg.pipe(
    filter((e): e is StreamGap => e._tag === 'gap'),
    switchMap((gap) => {
      switch (gap.reason) {
        case 'stalled':
          views.log.info(`no EEG from ${headsetId}: is it switched on and in range?`);
          return timer(0, 1000).pipe(
            map(() => `no data from ${headsetId} for ${Math.round((Date.now() - lastFrameMs) / 1000)} s`),
            tap((text) => views.badge.stalled(true, text)),
          );
        case 'resumed':
          views.badge.stalled(false);
          views.log.info(`EEG from ${headsetId} resumed`);
          return EMPTY;
        case 'disconnected':
          views.log.info('connection lost: reconnecting…');
          return EMPTY;
        case 'resubscribed':
          views.log.info(`EEG from ${headsetId} again after the reconnect`);
          return of(undefined);
      }
    }),
  );
  return merge(traces, bands, gaps);
}
