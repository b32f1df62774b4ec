import { execFile } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

/** Runs jest on the fixture files in `dir` with this repository's rejection setup, and returns its JSON report. */
function runJest(
  dir: string,
): Promise<{ numFailedTestSuites: number; testResults: Array<{ name: string; status: string; message: string }> }> {
  const config = {
    rootDir: dir,
    testMatch: ['**/*.fixture.js'],
    transform: {},
    setupFilesAfterEnv: [join(__dirname, 'failOnUnhandledRejection.js')],
  };
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--config',
        JSON.stringify(config),
        '--json',
        '--runInBand',
      ],
      { cwd: dir, timeout: 60_000 },
      (err, stdout) => {
        try {
          resolve(JSON.parse(stdout));
        } catch {
          reject(err ?? new Error(`no JSON report: ${stdout}`));
        }
      },
    );
  });
}

describe('the jest setup failOnUnhandledRejection.js', () => {
  it('fails a test file that leaves a promise rejection unhandled, and only that one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cortex-rx-rejection-'));
    try {
      writeFileSync(
        join(dir, 'leaky.fixture.js'),
        "it('passes, but leaves a rejection behind', () => { Promise.reject(new Error('nobody catches me')); });\n",
      );
      writeFileSync(
        join(dir, 'clean.fixture.js'),
        "it('handles its rejection', async () => { await Promise.reject(new Error('caught')).catch(() => undefined); });\n",
      );
      const report = await runJest(dir);
      const byName = Object.fromEntries(report.testResults.map((r) => [r.name.replace(`${dir}/`, ''), r]));
      expect(report.numFailedTestSuites).toBe(1);
      expect(byName['leaky.fixture.js'].status).toBe('failed');
      expect(byName['leaky.fixture.js'].message).toContain('nobody catches me');
      expect(byName['clean.fixture.js'].status).toBe('passed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
