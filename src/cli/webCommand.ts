import { Command, InvalidArgumentError } from 'commander';
import { loadPageScript } from '../web/loadPageScript';
import type { PageConfig } from '../web/pageConfig';
import { startWebServer } from '../web/startWebServer';
import { openCortexTarget, withCortexOptions, type CortexOptions } from './cortexOptions';

interface WebOptions extends CortexOptions {
  readonly port: number;
}

/** The default port of `cortex-rx web` (Cortex itself is on 6868). */
const DEFAULT_PORT = 6870;

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InvalidArgumentError(`--port must be an integer from 0 to 65535, got "${value}".`);
  }
  return n;
}

/**
 * `cortex-rx web`: serves the live page on `http://127.0.0.1:<port>/` (loopback only) and prints one line,
 * `open http://127.0.0.1:<port>/`. Without `--url` it starts the embedded simulator (headsets discovered, so the
 * page's Connect does what it does on a real Cortex) and the page connects to it; with `--url`, `--client-id` and
 * `--client-secret` the page connects to that Cortex. Runs until Ctrl-C.
 *
 * ## Example
 * ```ts
 * import { webCommand } from './webCommand'; // inside src/cli: the command line is the public face
 * await webCommand().parseAsync(['node', 'web', '--port', '0']); // prints: open http://127.0.0.1:<port>/
 * ```
 */
export function webCommand(): Command {
  return withCortexOptions(new Command('web'))
    .description('Serve a live page (headsets, EEG traces, band power, record with markers) on 127.0.0.1.')
    .option('--port <n>', 'TCP port on 127.0.0.1; 0 picks a free one', port, DEFAULT_PORT)
    .action(async (opts: WebOptions) => {
      // Headsets discovered, so the page's Connect does what it does on a real Cortex.
      const { simulator, ...target } = await openCortexTarget(opts, 'discovered');
      if (opts.tlsCa !== undefined) {
        process.stderr.write(
          'note: --tls-ca does not reach the browser: it must trust the Cortex certificate itself (README, In the browser)\n',
        );
      }
      const page: PageConfig = {
        ...target,
        simulator: simulator !== undefined,
      };
      const server = await startWebServer({ port: opts.port, page, script: await loadPageScript() }).catch(
        async (err: unknown) => {
          await simulator?.close();
          throw (err as NodeJS.ErrnoException).code === 'EADDRINUSE'
            ? new Error(`port ${opts.port} is in use: pick another with --port (0 picks a free one)`)
            : err;
        },
      );
      process.stdout.write(`open ${server.url}\n`);
      if (simulator)
        process.stderr.write(`simulator: ${simulator.url} (headsets ${simulator.headsetIds.join(', ')})\n`);
      const stop = () => {
        void Promise.all([server.close(), simulator?.close()]).then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
