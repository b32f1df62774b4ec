import { existsSync, readdirSync, statSync } from 'fs';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

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
