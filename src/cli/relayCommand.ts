import { Command, InvalidArgumentError } from 'commander';
import { NEVER, type Observable, interval, map, merge, takeUntil, timer } from 'rxjs';
import { STREAM_NAMES, type StreamName } from '../protocol';
import type { RunningRelay } from '../nats';
import { openCortex, withCortexOptions, type CortexOptions } from './cortexOptions';
import { runUntilSignal } from './runUntilSignal';

interface RelayOptions extends CortexOptions {
  readonly nats: string;
  readonly streams: string;
  readonly float32?: boolean;
  readonly batchMs?: number;
  readonly duration?: number;
}

/** One line on stdout. */
const say = (line: string): void => void process.stdout.write(`${line}\n`);

/** Counts are printed this often. */
const STATS_PERIOD_MS = 10_000;

function positive(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!(n > 0)) throw new InvalidArgumentError(`${name} must be a positive number, got "${v}".`);
    return n;
  };
}

/**
 * Parses `--streams`: comma-separated stream names.
 *
 * ## Example
 * ```ts
 * parseStreams('eeg,pow'); // ['eeg', 'pow']
 * ```
 */
export function parseStreams(v: string): StreamName[] {
  const names = v.split(',').map((s) => s.trim());
  const bad = names.filter((s) => !(STREAM_NAMES as readonly string[]).includes(s));
  if (bad.length > 0)
    throw new InvalidArgumentError(`unknown stream ${bad.join(', ')} (known: ${STREAM_NAMES.join(', ')})`);
  return names as StreamName[];
}

/** One line per relay event, and the counts every 10 s. */
function reports(relay: RunningRelay): Observable<string> {
  const events = relay.events.pipe(
    map((e) => {
      switch (e._tag) {
        case 'session':
          return `${e.headsetId}: session open, relaying`;
        case 'gap':
          return `${e.headsetId}: ${e.gap.stream} gap (${e.gap.reason})`;
        case 'dropped':
          return `${e.headsetId}: ${e.stream}: ${e.samples} samples dropped (NATS away longer than the buffer holds)`;
        case 'error':
          return `${e.headsetId}: ${e.error instanceof Error ? e.error.message : String(e.error)}`;
      }
    }),
  );
  const counts = interval(STATS_PERIOD_MS).pipe(
    map(() => {
      const s = relay.stats();
      const samples = Object.entries(s.samples).map(([k, n]) => `${k} ${n}`);
      return `relayed: ${samples.join(', ')} samples; buffered ${s.bufferedBytes} bytes; dropped ${s.droppedSamples}`;
    }),
  );
  return merge(events, counts);
}

/**
 * `cortex-rx relay --nats <servers>`: relays headsets into NATS JetStream (`startRelay`): the embedded simulator's
 * virtual headsets (`--headsets` is then their spec) unless `--url` is given (`--headsets all` or ids, default all).
 *
 * ## Example
 * ```ts
 * await relayCommand().parseAsync(['node', 'relay', '--nats', 'nats://127.0.0.1:4222', '--duration', '5']);
 * ```
 */
export function relayCommand(): Command {
  return withCortexOptions(new Command('relay'))
    .description(
      'Relay headsets into NATS JetStream (subjects cortex.<headset>.<stream>, stream CORTEX). With --url, ' +
        '--headsets is "all" or comma-separated ids; without, the embedded simulator\'s headset spec. Ctrl-C to stop.',
    )
    .requiredOption('--nats <servers>', 'NATS servers, comma-separated (nats://host:4222,...)')
    .option('--streams <list>', 'streams to relay, comma-separated', 'eeg')
    .option('--float32', 'send values as Float32 (half the bytes; default Float64, exact)')
    .option('--batch-ms <ms>', 'batch frames this long per message (default 62.5)', positive('--batch-ms'))
    .option('--duration <s>', 'stop after this many seconds', positive('--duration'))
    .action(async (opts: RelayOptions) => {
      const streams = parseStreams(opts.streams);
      const { startRelay } = await import('../nats');
      const simulated = opts.url === undefined;
      const cortex = await openCortex(simulated ? { ...opts, headsets: opts.headsets ?? 'EPOCX' } : opts);
      const wanted =
        simulated || opts.headsets === undefined || opts.headsets === 'all' ? 'all' : opts.headsets.split(',');
      try {
        const relay = await startRelay({
          servers: opts.nats,
          client: cortex.client,
          headsets: wanted,
          streams,
          valueType: opts.float32 ? 'float32' : 'float64',
          batchIntervalMs: opts.batchMs,
        });
        say(`relaying ${relay.headsetIds.join(', ')} (${streams.join(', ')}) to ${opts.nats}`);
        const until = opts.duration === undefined ? NEVER : timer(opts.duration * 1000);
        await runUntilSignal(reports(relay).pipe(takeUntil(until)), say);
        await relay.close();
        const s = relay.stats();
        say(`relayed ${JSON.stringify(s.samples)} samples; dropped ${s.droppedSamples}`);
      } finally {
        await cortex.close();
      }
    });
}
