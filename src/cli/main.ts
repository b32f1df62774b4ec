/**
 * Entry point of the `cortex-rx` command.
 *
 * ## Example
 * ```ts
 * import { main } from 'cortex-rx/dist/cli/main';
 * await main(['node', 'cortex-rx', '--help']);
 * ```
 */
export async function main(argv: readonly string[]): Promise<void> {
  process.stdout.write(`cortex-rx: no commands yet (${argv.slice(2).join(' ')})\n`);
}
