// Child-process entry of the benchmark's simulator: the real `cortex-rx simulate` command (src/cli/simulateCommand),
// run from the sources with tsx, so that the client's CPU can be measured in the parent alone. Arguments are the
// CLI's (`--port 0 --headsets EPOCX@256:64 --connected --data-dir D`); it prints `listening on <url>`.
import { simulateCommand } from '../src/cli/simulateCommand';

simulateCommand()
  .parseAsync(['node', 'simulate', ...process.argv.slice(2)])
  .catch((err: unknown) => {
    process.stderr.write(`simulator: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
