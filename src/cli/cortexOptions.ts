import { readFileSync } from 'fs';
import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { connectCortex, type CortexClient } from '../observables';
import { startSimulator, type RunningSimulator } from '../simulator/startSimulator';

/** The credentials the CLI uses with its embedded simulator (any pair is accepted there). */
export const EMBEDDED_CLIENT = { clientId: 'cortex-rx-cli', clientSecret: 'cortex-rx-cli-secret' } as const;

/** Connection options shared by the CLI commands. */
export interface CortexOptions {
  readonly url?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly license?: string;
  readonly debit?: number;
  readonly tlsCa?: string;
  readonly dataDir?: string;
  readonly headsets?: string;
  readonly evokedUv?: number;
}

/**
 * Adds `--url`, `--client-id`, `--client-secret` (or CORTEX_URL, CORTEX_CLIENT_ID, CORTEX_CLIENT_SECRET),
 * `--license`, `--debit`, `--tls-ca` and, for the embedded simulator, `--data-dir` and `--headsets`.
 *
 * ## Example
 * ```ts
 * import { Command } from 'commander';
 * import { withCortexOptions } from './cortexOptions'; // inside src/cli: the command line is the public face
 * withCortexOptions(new Command('headsets'));
 * ```
 */
export function withCortexOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--url <url>', 'Cortex url (default: start the embedded simulator)').env('CORTEX_URL'))
    .addOption(new Option('--client-id <id>', 'Cortex app client id').env('CORTEX_CLIENT_ID'))
    .addOption(new Option('--client-secret <secret>', 'Cortex app client secret').env('CORTEX_CLIENT_SECRET'))
    .option('--license <id>', 'licence id for authorize (normally omitted)')
    .option('--debit <n>', 'sessions to debit at authorize (fixes -32019)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`--debit must be an integer >= 0, got "${v}".`);
      return n;
    })
    .option('--tls-ca <file>', 'PEM certificate to trust for wss:// (EMOTIV rootCA.pem)')
    .option('--data-dir <dir>', 'embedded simulator: where records live (default ~/.cortex-rx)')
    .option('--headsets <spec>', 'embedded simulator: virtual headsets, e.g. EPOCX,INSIGHT')
    .option(
      '--evoked-uv <n>',
      'embedded simulator: add an evoked response of n µV 300 ms after each marker',
      evokedAmplitude,
    );
}

/**
 * Parses `--evoked-uv`: a number of µV in (0, 1000].
 *
 * ## Example
 * ```ts
 * evokedAmplitude('20'); // 20
 * ```
 */
export function evokedAmplitude(v: string): number {
  const n = Number(v);
  if (!(n > 0 && n <= 1000))
    throw new InvalidArgumentError(`--evoked-uv must be a number of µV in (0, 1000], got "${v}".`);
  return n;
}

/**
 * The simulator's evoked response for `--evoked-uv`: a P300-like bump 300 ms after each marker on
 * parietal/occipital channels; undefined without the option.
 *
 * ## Example
 * ```ts
 * evokedResponseOf(20); // { amplitudeUv: 20, latencyS: 0.3, widthS: 0.04 }
 * ```
 */
export function evokedResponseOf(amplitudeUv: number | undefined) {
  return amplitudeUv === undefined ? undefined : { amplitudeUv, latencyS: 0.3, widthS: 0.04 };
}

/** A client on the given Cortex, or on an embedded simulator started for the command. */
export interface OpenCortex {
  readonly client: CortexClient;
  /** The embedded simulator, when no --url was given. */
  readonly simulator: RunningSimulator | undefined;
  close(): Promise<void>;
}

/** Where a command connects: the Cortex the options name, or an embedded simulator started for the command. */
export interface CortexTarget {
  readonly url: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly license?: string;
  readonly debit?: number;
  /** The embedded simulator, when no --url was given. */
  readonly simulator: RunningSimulator | undefined;
}

/**
 * Resolves the connection options: with `--url` (or CORTEX_URL), that Cortex and its credentials (required);
 * without, an embedded simulator on a free loopback port and {@link EMBEDDED_CLIENT}. An empty CORTEX_URL,
 * CORTEX_CLIENT_ID or CORTEX_CLIENT_SECRET counts as not given.
 *
 * ## Example
 * ```ts
 * const target = await openCortexTarget({}, 'connected'); // an embedded simulator with its headsets connected
 * ```
 * @param initialHeadsetStatus the embedded simulator's headsets at start (`'discovered'`: a user connects them)
 * @throws Error when `--url` is given without both credentials
 */
export async function openCortexTarget(
  opts: CortexOptions,
  initialHeadsetStatus: 'connected' | 'discovered',
): Promise<CortexTarget> {
  const url = opts.url || undefined;
  const clientId = opts.clientId || undefined;
  const clientSecret = opts.clientSecret || undefined;
  const given = {
    ...(opts.license !== undefined ? { license: opts.license } : {}),
    ...(opts.debit !== undefined ? { debit: opts.debit } : {}),
  };
  if (url !== undefined) {
    if (clientId === undefined || clientSecret === undefined) {
      throw new Error(
        '--client-id and --client-secret (or CORTEX_CLIENT_ID and CORTEX_CLIENT_SECRET) are required with --url',
      );
    }
    return { url, clientId, clientSecret, ...given, simulator: undefined };
  }
  const simulator = await startSimulator({
    port: 0,
    dataDir: opts.dataDir,
    headsets: opts.headsets,
    initialHeadsetStatus,
    evokedResponse: evokedResponseOf(opts.evokedUv),
  });
  return { url: simulator.url, ...EMBEDDED_CLIENT, ...given, simulator };
}

/**
 * Opens the client the options describe: a real Cortex with `--url`, else an embedded simulator on a free
 * loopback port (headsets already connected); see {@link openCortexTarget}.
 *
 * ## Example
 * ```ts
 * const { client, close } = await openCortex({});
 * ```
 */
export async function openCortex(opts: CortexOptions): Promise<OpenCortex> {
  const { simulator, ...target } = await openCortexTarget(opts, 'connected');
  const client = connectCortex({
    ...target,
    ...(opts.tlsCa !== undefined ? { tls: { ca: readFileSync(opts.tlsCa) } } : {}),
    lingerMs: 0,
    // A command line tool should say quickly that Cortex is not there; long-running views still ride out drops.
    reconnect: { maxAttempts: 3, initialDelayMs: 250, maxDelayMs: 2000 },
  });
  // First run against a real Cortex: say what authorize is waiting for, instead of hanging silently.
  const access = client.access.subscribe((s) => {
    if (s._tag === 'pending') process.stderr.write(`${s.message}\n`);
  });
  return {
    client,
    simulator,
    close: async () => {
      access.unsubscribe();
      await simulator?.close();
    },
  };
}
