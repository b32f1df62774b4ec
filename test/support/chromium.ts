import { existsSync } from 'fs';
import type { Browser } from 'puppeteer-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it), or `CHROME_PATH`. */
export function chromiumPath(): string {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}

/**
 * `describe` when Chromium is there, else `describe.skip` with the reason in its name, so that a run without it
 * says which tests it did not run and why.
 */
export function describeInChromium(name: string, body: () => void): void {
  const path = chromiumPath();
  if (existsSync(path)) describe(name, body);
  else
    describe.skip(
      `${name} (skipped: chromium not found at ${path}; apt-get install chromium or set CHROME_PATH)`,
      body,
    );
}

/** Headless Chromium through puppeteer-core (which never downloads a browser). */
export async function launchChromium(): Promise<Browser> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only where Chromium exists
  const puppeteer = require('puppeteer-core') as typeof import('puppeteer-core');
  return puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    // as root (CI, containers) Chromium refuses to start without --no-sandbox
    // a container's /dev/shm is often too small for Chromium's shared memory: use /tmp instead
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--disable-gpu', '--disable-dev-shm-usage'],
  });
}
