import { mkdirSync } from 'fs';
import { Command, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { firstValueFrom } from 'rxjs';
import { CortexError } from '../observables';
import { openCortex, withCortexOptions, type CortexOptions } from './cortexOptions';

const STREAM_TYPES = ['EEG', 'MOTION', 'PM', 'BP'] as const;
type StreamType = (typeof STREAM_TYPES)[number];

interface ExportOptions extends CortexOptions {
  readonly format: 'csv' | 'edf';
  readonly out: string;
  readonly streams: StreamType[];
}

/**
 * `cortex-rx export <recordId...> --format csv|edf --out DIR`: exports records (EDF means EDF+), one at a time with a
 * progress bar; fails with the Cortex code of the first record that could not be exported.
 *
 * ## Example
 * ```ts
 * await exportCommand().parseAsync(['node', 'export', id, '--format', 'edf', '--out', '/tmp/out']);
 * ```
 */
export function exportCommand(): Command {
  return withCortexOptions(new Command('export'))
    .description('Export records to CSV or EDF+ files.')
    .argument('<recordId...>', 'record ids (cortex-rx records lists them)')
    .requiredOption('--format <format>', 'csv or edf (EDF+ with markers as annotations)', (v: string) => {
      if (v !== 'csv' && v !== 'edf') throw new InvalidArgumentError(`--format must be csv or edf, got "${v}".`);
      return v;
    })
    .requiredOption('--out <dir>', 'output folder (created if missing)')
    .option(
      '--streams <list>',
      'stream types: EEG,MOTION,PM,BP',
      (v: string) => {
        const list = v.split(',').map((s) => s.trim().toUpperCase());
        for (const s of list)
          if (!(STREAM_TYPES as readonly string[]).includes(s))
            throw new InvalidArgumentError(`unknown stream type "${s}" (EEG, MOTION, PM, BP).`);
        return list as StreamType[];
      },
      ['EEG'] as StreamType[],
    )
    .action(async (recordIds: string[], opts: ExportOptions) => {
      mkdirSync(opts.out, { recursive: true });
      const cortex = await openCortex(opts);
      const bar = new SingleBar(
        { format: 'exporting [{bar}] {value}/{total} records', stream: process.stderr },
        Presets.shades_classic,
      );
      try {
        bar.start(recordIds.length, 0);
        for (const recordId of recordIds) {
          const result = await firstValueFrom(
            cortex.client.exportRecord({
              recordIds: [recordId],
              folder: opts.out,
              format: opts.format === 'csv' ? 'CSV' : 'EDFPLUS',
              streamTypes: opts.streams,
              ...(opts.format === 'csv' ? { version: 'V2' as const } : {}),
            }),
          );
          const failure = result.failure[0];
          if (failure) throw new CortexError(failure.code ?? -32603, `${recordId}: ${failure.message}`, 'exportRecord');
          bar.increment();
        }
        bar.stop();
        process.stdout.write(`exported ${recordIds.length} record(s) to ${opts.out}\n`);
      } finally {
        bar.stop();
        await cortex.close();
      }
    });
}
