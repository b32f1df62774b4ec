import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'fs';
import { join } from 'path';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');

/** What the build reads: a change to any of these makes dist/ stale. */
function newestInputMtimeMs(): number {
  let newest = 0;
  for (const name of readdirSync(join(ROOT, 'src'), { recursive: true }) as string[]) {
    if (name.endsWith('.ts')) newest = Math.max(newest, statSync(join(ROOT, 'src', name)).mtimeMs);
  }
  for (const file of ['package.json', 'tsconfig.json', 'tsconfig.build.json', join('scripts', 'build.js')]) {
    newest = Math.max(newest, statSync(join(ROOT, file)).mtimeMs);
  }
  return newest;
}

/** True when dist/ is a complete build made after the last change to anything the build reads. */
export function distIsCurrent(): boolean {
  const stamp = join(ROOT, 'dist', 'index.mjs'); // written last by scripts/build.js
  return existsSync(stamp) && statSync(stamp).mtimeMs >= newestInputMtimeMs();
}

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
