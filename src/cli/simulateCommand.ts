import { writeFileSync, mkdirSync } from 'fs';
import { join } from 'path';
import { Command, InvalidArgumentError } from 'commander';
import { startSimulator } from '../simulator/startSimulator';
import { quarantineLine } from '../simulator/store/quarantine';
import { evokedAmplitude, evokedResponseOf } from './cortexOptions';
import { parseHeadsetSpec, type HeadsetSpecEntry } from '../simulator/parseHeadsetSpec';

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}, got "${value}".`);
    }
    return n;
  };
}

function headsetSpec(value: string): HeadsetSpecEntry[] {
  try {
    return parseHeadsetSpec(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

interface SimulateOptions {
  readonly port: number;
  readonly host: string;
  readonly tls: boolean;
  readonly dataDir?: string;
  readonly headsets?: HeadsetSpecEntry[];
  readonly seed: number;
  readonly connected: boolean;
  readonly evokedUv?: number;
  readonly verbose: boolean;
  readonly headsetLossTimeoutMs: number;
  readonly requireApproval: boolean;
  readonly autoApproveAfter?: number;
  readonly loggedOut: boolean;
  readonly replay: string[];
}

function seconds(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
      throw new InvalidArgumentError(`${name} must be a number of seconds >= 0, got "${value}".`);
    }
    return n;
  };
}

/**
 * The `cortex-rx simulate` command: starts the Cortex simulator and prints `listening on <url>` when ready.
 *
 * ## Example
 * ```ts
 * import { simulateCommand } from './simulateCommand'; // inside src/cli: the command line is the public face
 * await simulateCommand().parseAsync(['node', 'simulate', '--port', '0']);
 * ```
 */
export function simulateCommand(): Command {
  return new Command('simulate')
    .description('Run the embedded Cortex simulator: virtual headsets, sessions, streams and records on loopback.')
    .option('--port <n>', 'TCP port; 0 picks a free one', integer('--port', 0, 65535), 6868)
    .option('--host <host>', 'interface to bind (loopback unless told otherwise)', '127.0.0.1')
    .option('--tls', 'serve wss:// with a self-signed certificate made at start', false)
    .option('--data-dir <dir>', 'where records are stored (default ~/.cortex-rx)')
    .option(
      '--headsets <spec>',
      'virtual headsets: MODEL[@RATE][:COUNT],... e.g. EPOCX@256:2,INSIGHT (default EPOCX,INSIGHT)',
      headsetSpec,
    )
    .option('--seed <n>', 'seed of headset ids and synthetic EEG', integer('--seed', 0, 2 ** 31 - 1), 1)
    .option('--connected', 'start with the headsets already connected', false)
    .option(
      '--evoked-uv <n>',
      'add an evoked response of n µV 300 ms after each marker (parietal/occipital)',
      evokedAmplitude,
    )
    .option(
      '--headset-loss-timeout-ms <n>',
      'a headset switched off (faults.disconnectHeadset) is dropped with warning 103 after n ms without data',
      integer('--headset-loss-timeout-ms', 0, 2 ** 31 - 1),
      30_000,
    )
    .option(
      '--require-approval',
      'apps get accessGranted false until approved (then warning 9); without --auto-approve-after, never',
      false,
    )
    .option(
      '--auto-approve-after <s>',
      'approve each app s seconds after its first requestAccess (implies --require-approval)',
      seconds('--auto-approve-after'),
    )
    .option('--logged-out', 'no user logged in: getUserLogin is empty, authorize fails with -32033', false)
    .option(
      '--replay <file>',
      'add a headset that replays an EDF/EDF+/BDF file in real time, looping (repeatable)',
      (file: string, files: string[]) => [...files, file],
      [] as string[],
    )
    .option('--verbose', 'log notable events to stderr', false)
    .action(async (opts: SimulateOptions) => {
      const headsets = opts.headsets ?? parseHeadsetSpec('EPOCX,INSIGHT');
      const sim = await startSimulator({
        port: opts.port,
        host: opts.host,
        tls: opts.tls,
        dataDir: opts.dataDir,
        headsets,
        replay: opts.replay,
        seed: opts.seed,
        initialHeadsetStatus: opts.connected ? 'connected' : 'discovered',
        evokedResponse: evokedResponseOf(opts.evokedUv),
        headsetLossTimeoutMs: opts.headsetLossTimeoutMs,
        requireApproval: opts.requireApproval || opts.autoApproveAfter !== undefined,
        autoApproveAfterMs: opts.autoApproveAfter === undefined ? undefined : opts.autoApproveAfter * 1000,
        userLoggedIn: !opts.loggedOut,
        log: opts.verbose ? (line) => process.stderr.write(`${line}\n`) : undefined,
      });
      if (sim.certificatePem && opts.dataDir !== undefined) {
        mkdirSync(opts.dataDir, { recursive: true });
        const certPath = join(opts.dataDir, 'simulator-cert.pem');
        writeFileSync(certPath, sim.certificatePem);
        process.stderr.write(`certificate: ${certPath}\n`);
      } else if (sim.certificatePem) {
        process.stderr.write(sim.certificatePem);
      }
      // Damaged records set aside are always reported (with --verbose the simulator's log already said it).
      const quarantined = quarantineLine(sim.stats().quarantined);
      if (!opts.verbose && quarantined !== undefined) process.stderr.write(`${quarantined}\n`);
      process.stdout.write(`listening on ${sim.url}\n`);
      process.stderr.write(`headsets: ${sim.headsetIds.join(', ')}\n`);
      const stop = () => {
        void sim.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
