import { Command } from 'commander';
import { firstValueFrom } from 'rxjs';
import { openCortex, withCortexOptions, type CortexOptions } from './cortexOptions';

/**
 * `cortex-rx records`: lists this app's records, newest first (id, start, duration, markers, title).
 *
 * ## Example
 * ```ts
 * await recordsCommand().parseAsync(['node', 'records', '--keyword', 'pilot']);
 * ```
 */
export function recordsCommand(): Command {
  return withCortexOptions(new Command('records'))
    .description("List this app's records, newest first.")
    .option('--keyword <text>', 'only records whose title, description or subject contains it')
    .option('--json', 'print the record objects as JSON', false)
    .action(async (opts: CortexOptions & { keyword?: string; json: boolean }) => {
      const cortex = await openCortex(opts);
      try {
        const result = await firstValueFrom(
          cortex.client.records.query({
            query: opts.keyword === undefined ? {} : { keyword: opts.keyword },
            orderBy: [{ startDatetime: 'DESC' }],
            includeMarkers: true,
          }),
        );
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result.records, null, 2)}\n`);
          return;
        }
        process.stdout.write(
          `${'record id'.padEnd(38)}${'start'.padEnd(21)}${'length s'.padStart(9)}${'markers'.padStart(9)}  title\n`,
        );
        for (const r of result.records) {
          const lengthS = r.endDatetime
            ? ((Date.parse(r.endDatetime) - Date.parse(r.startDatetime)) / 1000).toFixed(1)
            : 'running';
          process.stdout.write(
            `${r.uuid.padEnd(38)}${r.startDatetime.slice(0, 19).padEnd(21)}${lengthS.padStart(9)}${String(r.markers?.length ?? 0).padStart(9)}  ${r.title}\n`,
          );
        }
        process.stdout.write(`${result.count} record(s)\n`);
      } finally {
        await cortex.close();
      }
    });
}
