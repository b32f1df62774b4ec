import { Command } from 'commander';
import { simulateCommand } from './simulateCommand';

/**
 * Entry point of the `cortex-rx` command.
 *
 * ## Example
 * ```ts
 * import { main } from 'cortex-rx/dist/cli/main';
 * await main(['node', 'cortex-rx', 'simulate', '--port', '0']);
 * ```
 * @param argv the process arguments (`process.argv`)
 */
export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('cortex-rx')
    .description('EMOTIV Cortex as RxJS: an embedded Cortex simulator, live streams, records and exports.')
    .showHelpAfterError()
    .addCommand(simulateCommand());
  await program.parseAsync([...argv]);
}
