import { join } from 'path';

/** The page's entry point in the sources (the package ships its bundle, `dist/web/page.js`, instead). */
export const PAGE_ENTRY = join(__dirname, '..', '..', 'src', 'web', 'page', 'main.ts');

/**
 * Bundles the page of `cortex-rx web` for the browser with esbuild (a devDependency: `npm run build` calls this
 * once to write `dist/web/page.js`, and a run from the sources calls it at start). The page imports `cortex-rx`
 * and `cortex-rx/operators` like any app, resolved to the sources through tsconfig.json's `paths`; package.json's
 * `"browser": { "ws": false }` keeps `ws` out. Fails on any Node built-in (esbuild's browser platform has none).
 *
 * ## Example
 * ```ts
 * import { buildPageScript, PAGE_ENTRY } from './buildPageScript'; // inside src/web: `cortex-rx web` is the public face
 * const js = await buildPageScript(PAGE_ENTRY); // an IIFE, minified
 * ```
 * @param entry the page's entry file
 * @returns the minified script
 */
export async function buildPageScript(entry: string): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a devDependency, loaded only when building
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify: true,
    write: false,
    logLevel: 'silent',
    legalComments: 'none',
  });
  return result.outputFiles[0].text;
}
