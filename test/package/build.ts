import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync } from 'fs';
import { join } from 'path';
import { distIsCurrent } from '../support/distIsCurrent';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');

/**
 * A complete build of the current sources: dist/ when `npm run build` (run by `npm ci`) made it after the last
 * change, else a new build by scripts/build.js into a folder under `.build-cache/` at the repository's root (git-ignored;
 * inside the repository so that the declarations' imports of rxjs, fp-ts and io-ts resolve, and not under node_modules,
 * where TypeScript and api-extractor take files for an external package's and report their imports instead of their
 * API). Returns the folder that holds it.
 */
export function currentBuild(): string {
  if (distIsCurrent()) return join(ROOT, 'dist');
  const cache = join(ROOT, '.build-cache');
  mkdirSync(cache, { recursive: true });
  const out = join(mkdtempSync(join(cache, 'cortex-rx-build-')), 'dist');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.js'), out], { cwd: ROOT, stdio: 'pipe' });
  return out;
}
