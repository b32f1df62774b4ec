import { existsSync } from 'fs';
import { readFile } from 'fs/promises';
import { join } from 'path';
import { buildPageScript, PAGE_ENTRY } from './buildPageScript';

/**
 * The page's script: `page.js` beside this file in the package (built by `npm run build`), else, when running
 * from the sources (tests, `tsx`), bundled now from `src/web/page` with esbuild.
 *
 * ## Example
 * ```ts
 * import { loadPageScript } from './loadPageScript'; // inside src/web: `cortex-rx web` is the public face
 * const js = await loadPageScript();
 * ```
 */
export async function loadPageScript(): Promise<string> {
  const built = join(__dirname, 'page.js');
  if (existsSync(built)) return readFile(built, 'utf8');
  if (!existsSync(PAGE_ENTRY)) {
    throw new Error(`the page of cortex-rx web is missing: neither ${built} nor ${PAGE_ENTRY} exists (npm run build)`);
  }
  return buildPageScript(PAGE_ENTRY);
}
