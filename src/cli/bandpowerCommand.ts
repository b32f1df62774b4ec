import { Command, InvalidArgumentError } from 'commander';
import { EMPTY, NEVER, type Observable, filter, map, merge, of, switchMap, takeUntil, tap, timer } from 'rxjs';
import type { CortexSession, StreamGap } from '../observables';
import { bandPower, epoch } from '../operators';
import { openCortex, withCortexOptions, type CortexOptions } from './cortexOptions';
import { renderBandTable, type BandTable } from './renderBandTable';
import { runUntilSignal } from './runUntilSignal';

/** Band powers are computed over this many seconds of EEG (Welch, 1 s Hann segments, half overlap). */
const WINDOW_S = 2;
/** The view refreshes this many times a second. */
const REFRESH_HZ = 4;
/** While the headset is silent, the notice is redrawn this often. */
const STALL_NOTICE_PERIOD_MS = 1000;

interface BandpowerOptions extends CortexOptions {
  readonly duration?: number;
  readonly headset?: string;
}

/**
 * `cortex-rx bandpower`: the live view. Starts the embedded simulator unless `--url` is given, opens an activated
 * session, and shows the relative power of the 5 Cortex bands per channel, refreshed 4 times a second:
 * `session.stream('eeg') → epoch(2 s, hop 1/4 s) → bandPower({ relative: true })`.
 *
 * ## Example
 * ```ts
 * await bandpowerCommand().parseAsync(['node', 'bandpower', '--duration', '5']);
 * ```
 */
export function bandpowerCommand(): Command {
  return withCortexOptions(new Command('bandpower'))
    .description('Live band powers per channel (the embedded simulator when no --url is given). Ctrl-C to stop.')
    .option('--duration <s>', 'stop after this many seconds', (v: string) => {
      const n = Number(v);
      if (!(n > 0)) throw new InvalidArgumentError(`--duration must be a positive number of seconds, got "${v}".`);
      return n;
    })
    .option('--headset <id>', 'headset id (default: the first connected)')
    .action(async (opts: BandpowerOptions) => {
      const cortex = await openCortex({ headsets: 'EPOCX', ...opts });
      const tty = process.stdout.isTTY === true;
      const started = Date.now();
      const view = cortex.client.session({ headset: opts.headset }).pipe(
        switchMap((session) => liveView(session, started, tty)),
        takeUntil(opts.duration === undefined ? NEVER : timer(opts.duration * 1000)),
      );
      try {
        await runUntilSignal(view, (text) => {
          // On a terminal redraw in place; otherwise print each refresh.
          process.stdout.write(tty ? `\x1b[H\x1b[2J${text}\n` : `${text}\n\n`);
        });
      } finally {
        await new Promise((r) => setTimeout(r, 200)); // let updateSession close reach Cortex
        await cortex.close();
      }
    });
}

/**
 * The refreshes of one session: a band table per hop, and while the stream is stalled (a headset switched off or out
 * of range) the last table with "no data from <headset> for N s", redrawn every second, instead of a frozen view.
 */
function liveView(session: CortexSession, started: number, tty: boolean): Observable<string> {
  const headsetId = session.info.headset.id;
  const rateHz = session.info.headset.settings.eegRate;
  const title = `cortex-rx · ${headsetId} · ${rateHz} Hz · relative band power over ${WINDOW_S} s`;
  let last: BandTable = { title, channels: [], bandNames: [], relative: [] };
  let lastFrameMs = Date.now();
  const eeg = session.stream('eeg');
  const tables = eeg.pipe(
    tap((e) => {
      if (e._tag === 'eeg') lastFrameMs = Date.now();
    }),
    epoch({ lengthSamples: WINDOW_S * rateHz, hopSamples: rateHz / REFRESH_HZ }),
    bandPower({ sampleRateHz: rateHz, segmentLength: rateHz, relative: true }),
    map((p) => {
      last = {
        title: `${title} · ${((Date.now() - started) / 1000).toFixed(1)} s`,
        channels: p.channels ?? [],
        bandNames: p.bandNames,
        relative: p.relative ?? [],
      };
      return renderBandTable(last, tty);
    }),
  );
  const notices = eeg.pipe(
    filter((e): e is StreamGap => e._tag === 'gap'),
    switchMap((gap) =>
      gap.reason === 'stalled'
        ? timer(0, STALL_NOTICE_PERIOD_MS).pipe(
            map(() => {
              const silentS = Math.round((Date.now() - lastFrameMs) / 1000);
              return renderBandTable({ ...last, notice: `no data from ${headsetId} for ${silentS} s` }, tty);
            }),
          )
        : gap.reason === 'resumed'
          ? of(renderBandTable({ ...last, notice: `data from ${headsetId} resumed` }, tty))
          : EMPTY,
    ),
  );
  return merge(tables, notices);
}
