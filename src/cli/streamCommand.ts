import { Command, InvalidArgumentError } from 'commander';
import { switchMap, takeUntil, timer } from 'rxjs';
import { STREAM_NAMES, type StreamName } from '../protocol';
import type { StreamEvent } from '../observables';
import { openCortex, withCortexOptions, type CortexOptions } from './cortexOptions';
import { runUntilSignal } from './runUntilSignal';

function csvRow(event: StreamEvent<StreamName>): string | undefined {
  switch (event._tag) {
    case 'gap':
      return undefined;
    case 'eeg':
    case 'mot':
      return [event.timeS.toFixed(6), event.counter, event.interpolated ? 1 : 0, ...Array.from(event.values)].join(',');
    case 'pow':
      return [event.timeS.toFixed(6), ...Array.from(event.values)].join(',');
    case 'met':
      return [event.timeS.toFixed(6), ...Object.values(event.metrics).map((v) => (v === null ? '' : String(v)))].join(
        ',',
      );
    default: {
      const { _tag: _t, timeS, ...rest } = event;
      return [
        timeS.toFixed(6),
        ...Object.values(rest).map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))),
      ].join(',');
    }
  }
}

function csvHeader(event: StreamEvent<StreamName>): string {
  switch (event._tag) {
    case 'eeg':
    case 'mot':
      return ['timeS', 'counter', 'interpolated', ...event.channels].join(',');
    case 'pow':
      return ['timeS', ...event.columns].join(',');
    case 'met':
      return ['timeS', ...Object.keys(event.metrics)].join(',');
    default: {
      const { _tag: _t, timeS: _s, ...rest } = event as Exclude<StreamEvent<StreamName>, { _tag: 'gap' }>;
      return ['timeS', ...Object.keys(rest)].join(',');
    }
  }
}

/**
 * `cortex-rx stream <name>`: prints a stream's frames as JSON lines (gaps included) or CSV.
 *
 * ## Example
 * ```ts
 * await streamCommand().parseAsync(['node', 'stream', 'pow', '--duration', '2']);
 * ```
 */
export function streamCommand(): Command {
  return withCortexOptions(new Command('stream'))
    .description('Print a data stream (eeg, mot, dev, eq, pow, met, com, fac, sys) as JSON lines or CSV.')
    .argument('<name>', `stream name: ${STREAM_NAMES.join(', ')}`, (v: string) => {
      if (!(STREAM_NAMES as readonly string[]).includes(v))
        throw new InvalidArgumentError(`unknown stream "${v}" (streams: ${STREAM_NAMES.join(', ')}).`);
      return v as StreamName;
    })
    .option('--headset <id>', 'headset id (default: the first connected)')
    .option(
      '--format <format>',
      'jsonl or csv',
      (v: string) => {
        if (v !== 'jsonl' && v !== 'csv') throw new InvalidArgumentError(`--format must be jsonl or csv, got "${v}".`);
        return v;
      },
      'jsonl',
    )
    .option('--duration <s>', 'stop after this many seconds', (v: string) => {
      const n = Number(v);
      if (!(n > 0)) throw new InvalidArgumentError(`--duration must be a positive number of seconds, got "${v}".`);
      return n;
    })
    .action(
      async (
        name: StreamName,
        opts: CortexOptions & { headset?: string; format: 'jsonl' | 'csv'; duration?: number },
      ) => {
        const cortex = await openCortex(opts);
        let headerDone = false;
        const stream = cortex.client.session({ headset: opts.headset }).pipe(switchMap((s) => s.stream(name)));
        const bounded = opts.duration === undefined ? stream : stream.pipe(takeUntil(timer(opts.duration * 1000)));
        try {
          await runUntilSignal(bounded, (event) => {
            if (opts.format === 'jsonl') {
              const plain =
                'values' in event && event.values instanceof Float64Array
                  ? { ...event, values: Array.from(event.values) }
                  : event;
              process.stdout.write(`${JSON.stringify(plain)}\n`);
              return;
            }
            if (event._tag === 'gap') {
              process.stderr.write(`gap: ${event.reason}\n`);
              return;
            }
            if (!headerDone) {
              process.stdout.write(`${csvHeader(event)}\n`);
              headerDone = true;
            }
            const row = csvRow(event);
            if (row !== undefined) process.stdout.write(`${row}\n`);
          });
        } finally {
          await new Promise((r) => setTimeout(r, 100)); // let the unsubscribe reach Cortex
          await cortex.close();
        }
      },
    );
}
