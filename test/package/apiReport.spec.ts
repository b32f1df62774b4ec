import { execFile } from 'child_process';
import { rmSync } from 'fs';
import { dirname, join } from 'path';
import { promisify } from 'util';
import { ROOT, currentBuild } from './build';

interface Findings {
  /** Reports that differ from what api-extractor makes of the current declarations. */
  readonly stale: readonly string[];
  /** Report name → names that a public type uses but no entry point exports. */
  readonly forgotten: Readonly<Record<string, readonly string[]>>;
  /** Report name → why api-extractor could not read the entry point. */
  readonly failed: Readonly<Record<string, string>>;
}

/** etc/*.api.md (issue 11 item 5): the committed API reports are those of the current sources. */
describe('API reports', () => {
  let findings: Findings;
  let log = '';
  let built = '';

  beforeAll(async () => {
    built = currentBuild();
    const run = await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'scripts', 'api.js'), '--declarations', built, '--json'],
      {
        cwd: ROOT,
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((err: { stdout: string; stderr: string }) => err);
    log = run.stderr;
    findings = JSON.parse(run.stdout.trim().split('\n').pop()!) as Findings;
  }, 240_000);

  afterAll(() => {
    if (built !== join(ROOT, 'dist')) rmSync(dirname(built), { recursive: true, force: true });
  });

  it('api-extractor reads every entry point, and every declaration file compiles', () => {
    const failed = Object.entries(findings.failed).map(([name, why]) => `${name}: ${why.split('\n')[0]}`);
    // Every declaration file must compile, also those no entry point reaches (the packed consumer only sees those
    // its imports reach): a compiler error here is a public or internal declaration naming a stripped type.
    const declarationErrors = log.split('\n').filter((line) => /\(TS\d+\)/.test(line));
    expect({ failed, declarationErrors }).toEqual({ failed: [], declarationErrors: [] });
  });

  it('no report is stale (run `npm run api` and commit etc/ when the public surface changes)', () => {
    expect(findings.stale.map((name) => `etc/${name}.api.md is stale: run npm run api`)).toEqual([]);
  });

  it('no public type names a type that its entry point does not export (ae-forgotten-export)', () => {
    expect(findings.forgotten).toEqual({});
  });
});
