import { readFileSync } from 'fs';
import { join } from 'path';
import { Command } from 'commander';
import { simulateCommand } from './simulateCommand';
import { headsetsCommand } from './headsetsCommand';
import { streamCommand } from './streamCommand';
import { recordCommand } from './recordCommand';
import { exportCommand } from './exportCommand';
import { recordsCommand } from './recordsCommand';
import { bandpowerCommand } from './bandpowerCommand';
import { plotCommand } from './plotCommand';
import { webCommand } from './webCommand';
import { relayCommand } from './relayCommand';
import { describeError } from './describeError';

/** The version in package.json, which is two folders up from both src/cli (a checkout) and dist/cli (the package). */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
    readonly version: string;
  };
  return pkg.version;
}

/**
 * Entry point of the `cortex-rx` command.
 *
 * ## Example
 * ```ts
 * import { main } from './main'; // inside src/cli: the command line is the public face
 * await main(['node', 'cortex-rx', 'simulate', '--port', '0']);
 * ```
 * @param argv the process arguments (`process.argv`)
 */
export async function main(argv: readonly string[]): Promise<void> {
  const program = new Command('cortex-rx')
    .description('EMOTIV Cortex as RxJS: an embedded Cortex simulator, live streams, records and exports.')
    .version(packageVersion(), '-V, --version', 'print the cortex-rx version')
    .showHelpAfterError()
    .addCommand(bandpowerCommand())
    .addCommand(simulateCommand())
    .addCommand(headsetsCommand())
    .addCommand(streamCommand())
    .addCommand(recordCommand())
    .addCommand(exportCommand())
    .addCommand(recordsCommand())
    .addCommand(plotCommand())
    .addCommand(webCommand())
    .addCommand(relayCommand());
  // `cortex-rx stream eeg | head -1`: the reader left, which is how a pipe ends; exit quietly rather than with a
  // stack trace from an unhandled EPIPE.
  if (!process.stdout.listeners('error').includes(exitOnEpipe)) process.stdout.on('error', exitOnEpipe);
  try {
    await program.parseAsync([...argv]);
  } catch (err) {
    // One clear line: the Cortex code and what to do.
    throw new Error(describeError(err));
  }
}

function exitOnEpipe(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
}
