import { Command } from 'commander';
import { firstValueFrom } from 'rxjs';
import { openCortex, withCortexOptions, type CortexOptions } from './cortexOptions';

/**
 * `cortex-rx headsets`: lists the headsets Cortex knows (id, status, connection, channels, rates).
 *
 * ## Example
 * ```ts
 * await headsetsCommand().parseAsync(['node', 'headsets']);
 * ```
 */
export function headsetsCommand(): Command {
  return withCortexOptions(new Command('headsets'))
    .description('List the headsets (the embedded simulator when no --url is given).')
    .option('--json', 'print the headset objects as JSON', false)
    .action(async (opts: CortexOptions & { json: boolean }) => {
      const cortex = await openCortex(opts);
      try {
        const headsets = await firstValueFrom(cortex.client.rpc('queryHeadsets', {}));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(headsets, null, 2)}\n`);
          return;
        }
        process.stdout.write(`${'id'.padEnd(20)}${'status'.padEnd(12)}${'by'.padEnd(11)}channels  eeg Hz  motion Hz\n`);
        for (const h of headsets) {
          process.stdout.write(
            `${h.id.padEnd(20)}${h.status.padEnd(12)}${h.connectedBy.padEnd(11)}${String(h.sensors.length).padStart(8)}  ${String(
              h.settings.eegRate,
            ).padStart(6)}  ${String(h.settings.memsRate).padStart(9)}\n`,
          );
        }
      } finally {
        await cortex.close();
      }
    });
}
