import { Command, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { EMPTY, concatMap, interval, map, merge, switchMap, takeUntil, timer } from 'rxjs';
import { openCortex, withCortexOptions, type CortexOptions } from './cortexOptions';
import { runUntilSignal } from './runUntilSignal';

const seconds = (flag: string) => (v: string) => {
  const n = Number(v);
  if (!(n > 0)) throw new InvalidArgumentError(`${flag} must be a positive number of seconds, got "${v}".`);
  return n;
};

interface RecordOptions extends CortexOptions {
  readonly title: string;
  readonly duration: number;
  readonly markerEvery?: number;
  readonly headset?: string;
}

/**
 * `cortex-rx record --title T --duration S [--marker-every S]`: records through Cortex with a progress bar,
 * injecting a marker every S seconds if asked, and prints the record id.
 *
 * ## Example
 * ```ts
 * await recordCommand().parseAsync(['node', 'record', '--title', 'pilot', '--duration', '10', '--marker-every', '2']);
 * ```
 */
export function recordCommand(): Command {
  return withCortexOptions(new Command('record'))
    .description(
      'Record through Cortex (createRecord … stopRecord), with optional periodic markers; prints the record id.',
    )
    .requiredOption('--title <title>', 'record title (1 to 200 characters)')
    .requiredOption('--duration <s>', 'record length in seconds', seconds('--duration'))
    .option('--marker-every <s>', 'inject a marker every S seconds', seconds('--marker-every'))
    .option('--headset <id>', 'headset id (default: the first connected)')
    .action(async (opts: RecordOptions) => {
      const cortex = await openCortex(opts);
      const bar = new SingleBar(
        { format: 'recording [{bar}] {value}/{total} s | {markers} markers', hideCursor: true, stream: process.stderr },
        Presets.shades_classic,
      );
      let recordId: string | undefined;
      let markers = 0;
      const totalS = Math.ceil(opts.duration);
      const work = cortex.client.session({ headset: opts.headset }).pipe(
        switchMap((session) => session.record({ title: opts.title })),
        switchMap((recording) => {
          recordId = recording.record.uuid;
          bar.start(totalS, 0, { markers: 0 });
          const ticks = interval(1000).pipe(map((i) => bar.update(Math.min(totalS, i + 1), { markers })));
          const marks =
            opts.markerEvery === undefined
              ? EMPTY
              : interval(opts.markerEvery * 1000).pipe(
                  concatMap((i) => recording.marker({ label: 'marker', value: i + 1 })),
                  map(() => {
                    markers++;
                  }),
                );
          return merge(ticks, marks);
        }),
        takeUntil(timer(opts.duration * 1000)),
      );
      try {
        await runUntilSignal(work, () => undefined);
        bar.update(totalS, { markers });
        bar.stop();
        // let stopRecord and updateSession close reach Cortex before the socket goes
        await new Promise((r) => setTimeout(r, 200));
        if (recordId !== undefined) process.stdout.write(`${recordId}\n`);
      } finally {
        bar.stop();
        await cortex.close();
      }
    });
}
