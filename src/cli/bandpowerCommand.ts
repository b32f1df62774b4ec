import { Command, InvalidArgumentError } from 'commander';
import { NEVER, map, switchMap, takeUntil, timer } from 'rxjs';
import { bandPower, epoch } from '../operators';
import { openCortex, withCortexOptions, type CortexOptions } from './cortexOptions';
import { renderBandTable } from './renderBandTable';
import { runUntilSignal } from './runUntilSignal';

/** Band powers are computed over this many seconds of EEG (Welch, 1 s Hann segments, half overlap). */
const WINDOW_S = 2;
/** The view refreshes this many times a second. */
const REFRESH_HZ = 4;

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
        switchMap((session) => {
          const rateHz = session.info.headset.settings.eegRate;
          const title = `cortex-rx · ${session.info.headset.id} · ${rateHz} Hz · relative band power over ${WINDOW_S} s`;
          return session.stream('eeg').pipe(
            epoch({ lengthSamples: WINDOW_S * rateHz, hopSamples: rateHz / REFRESH_HZ }),
            bandPower({ sampleRateHz: rateHz, segmentLength: rateHz, relative: true }),
            map((p) =>
              renderBandTable(
                {
                  title: `${title} · ${((Date.now() - started) / 1000).toFixed(1)} s`,
                  channels: p.channels ?? [],
                  bandNames: p.bandNames,
                  relative: p.relative ?? [],
                },
                tty,
              ),
            ),
          );
        }),
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
