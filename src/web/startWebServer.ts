import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import type { PageConfig } from './pageConfig';
import { pageCss } from './pageCss';
import { pageHtml } from './pageHtml';

/** Options of `startWebServer`. */
export interface WebServerConfig {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** What the page connects to (served on `/config.json`). */
  readonly page: PageConfig;
  /** The page's script (`loadPageScript()`). */
  readonly script: string;
}

/** A running `cortex-rx web` server. */
export interface RunningWebServer {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  // the page opens its WebSocket to Cortex (ws://127.0.0.1:<port> or wss://localhost:6868) and fetches /config.json
  "connect-src 'self' ws: wss:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the page of `cortex-rx web` on `http://127.0.0.1:<port>/`, loopback only: `/` (HTML), `/page.js`,
 * `/page.css` and `/config.json` (the Cortex url and credentials, so that the secret never appears in a URL).
 * Requests whose `Host` is not this server's loopback address get 403 (no DNS rebinding to read the secret), and
 * nothing is sent with CORS headers, so another origin cannot read `/config.json`.
 *
 * ## Example
 * ```ts
 * import { startWebServer } from './startWebServer'; // inside src/web: `cortex-rx web` is the public face
 * import { loadPageScript } from './loadPageScript';
 * const page = { url: 'ws://127.0.0.1:6868', clientId: 'id', clientSecret: 'secret', simulator: false };
 * const server = await startWebServer({ port: 0, page, script: await loadPageScript() });
 * console.log(`open ${server.url}`);
 * await server.close();
 * ```
 */
export async function startWebServer(config: WebServerConfig): Promise<RunningWebServer> {
  const routes: Readonly<Record<string, { type: string; body: string }>> = {
    '/': { type: 'text/html; charset=utf-8', body: pageHtml() },
    '/page.js': { type: 'text/javascript; charset=utf-8', body: config.script },
    '/page.css': { type: 'text/css; charset=utf-8', body: pageCss() },
    '/config.json': { type: 'application/json; charset=utf-8', body: JSON.stringify(config.page) },
  };
  let port = config.port;
  const server = createServer((req, res) => serve(req, res, port, routes));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function serve(
  req: IncomingMessage,
  res: ServerResponse,
  port: number,
  routes: Readonly<Record<string, { type: string; body: string }>>,
): void {
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
    res.writeHead(403, { 'Content-Type': 'text/plain' }).end(`cortex-rx web answers only to 127.0.0.1:${port}\n`);
    return;
  }
  const path = (req.url ?? '/').split('?')[0];
  const route = routes[path];
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' }).end('GET only\n');
    return;
  }
  if (!route) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
    return;
  }
  res.writeHead(200, {
    'Content-Type': route.type,
    'Cache-Control': 'no-store',
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  });
  res.end(req.method === 'HEAD' ? undefined : route.body);
}
