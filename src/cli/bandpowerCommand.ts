import { Command, InvalidArgumentError } from 'commander';
import {
  EMPTY,
  NEVER,
  type Observable,
  filter,
  map,
  merge,
  of,
  share,
  switchMap,
  take,
  takeUntil,
  tap,
  timer,
  toArray,
} from 'rxjs';
import type { StreamEvent, StreamGap } from '../observables';
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
  readonly nats?: string;
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
    .option(
      '--nats <servers>',
      'read the headset from NATS JetStream (what `cortex-rx relay` publishes); needs --headset',
    )
    .action(async (opts: BandpowerOptions) => {
      if (opts.nats !== undefined) return bandpowerFromNats(opts);
      const cortex = await openCortex({ headsets: 'EPOCX', ...opts });
      const tty = process.stdout.isTTY === true;
      const started = Date.now();
      const view = cortex.client.session({ headset: opts.headset }).pipe(
        switchMap((session) =>
          liveView(session.info.headset.id, session.info.headset.settings.eegRate, session.stream('eeg'), started, tty),
        ),
        takeUntil(opts.duration === undefined ? NEVER : timer(opts.duration * 1000)),
      );
      try {
        await runUntilSignal(view, (text) => show(text, tty));
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
function liveView(
  headsetId: string,
  rateHz: number,
  eeg: Observable<StreamEvent<'eeg'>>,
  started: number,
  tty: boolean,
): Observable<string> {
  const title = `cortex-rx · ${headsetId} · ${rateHz} Hz · relative band power over ${WINDOW_S} s`;
  let last: BandTable = { title, channels: [], bandNames: [], relative: [] };
  let lastFrameMs = Date.now();
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

/** On a terminal redraw in place; otherwise print each refresh. */
function show(text: string, tty: boolean): void {
  process.stdout.write(tty ? `\x1b[H\x1b[2J${text}\n` : `${text}\n\n`);
}

/** Frames used to measure the sample rate of a relayed stream (its samples carry no rate). */
const RATE_FRAMES = 33;

/**
 * `bandpower --nats`: the same view on a headset relayed into JetStream, read with `fromJetStream` (new samples
 * only); the sample rate is measured from the first frames' times (128 or 256 Hz for EMOTIV headsets).
 */
async function bandpowerFromNats(opts: BandpowerOptions): Promise<void> {
  if (opts.headset === undefined) throw new InvalidArgumentError('--nats needs --headset <id> (the relayed headset).');
  const { fromJetStream } = await import('../nats');
  const eeg = fromJetStream({ servers: opts.nats!, headsetId: opts.headset, stream: 'eeg' }).pipe(share());
  const tty = process.stdout.isTTY === true;
  const started = Date.now();
  const view = eeg.pipe(
    filter((e): e is Exclude<StreamEvent<'eeg'>, StreamGap> => e._tag === 'eeg'),
    take(RATE_FRAMES),
    toArray(),
    switchMap((frames) => {
      const rateHz = Math.round((RATE_FRAMES - 1) / (frames[RATE_FRAMES - 1].timeS - frames[0].timeS));
      return liveView(opts.headset!, rateHz, eeg, started, tty);
    }),
    takeUntil(opts.duration === undefined ? NEVER : timer(opts.duration * 1000)),
  );
  await runUntilSignal(view, (text) => show(text, tty));
}
