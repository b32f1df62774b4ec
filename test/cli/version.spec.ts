import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { promisify } from 'util';
import { cortexRxCommand } from '../support/childProcesses';

const ROOT = join(__dirname, '..', '..');

describe('cortex-rx --version', () => {
  it('prints the version of package.json and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const { script } = cortexRxCommand();
    for (const flag of ['--version', '-V']) {
      const { stdout } = await promisify(execFile)(process.execPath, [script, flag], { cwd: ROOT });
      expect(stdout).toBe(`${version}\n`);
    }
  }, 120_000); // a deadline for two child processes on a busy machine (src/ may be compiled on the fly)
});
