/**
 * What `cortex-rx web` hands its page (on `/config.json`, to loopback only): where Cortex is and the app's
 * credentials. A browser app must hold its client secret to authorize, so the page gets it, but never in a URL.
 */
export interface PageConfig {
  /** The Cortex service: the embedded simulator's `ws://127.0.0.1:<port>`, or `--url`. */
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly license?: string;
  readonly debit?: number;
  /** True when the page talks to the simulator that `cortex-rx web` started itself. */
  readonly simulator: boolean;
}
