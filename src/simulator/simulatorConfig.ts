import type { HeadsetSpecEntry } from './parseHeadsetSpec';
import type { EvokedResponseConfig } from './signals/createEvokedResponse';

/** A registered application: only these client ids are accepted once any is registered. */
export interface AppRegistration {
  /** The client id of the Cortex app. */
  readonly clientId: string;
  /** Its secret: a wrong one gets -32021. */
  readonly clientSecret: string;
  /** The app id reported in sessions and records, e.g. `com.example.app` (default: the client id). */
  readonly appId?: string;
  /** Licence scopes: `eeg` allows the eeg stream, `pm` gives 2 Hz metrics (default: both). */
  readonly scopes?: ReadonlyArray<'eeg' | 'pm'>;
  /** Session activations left locally (`localQuota`); activation beyond it gets -32019 (default: unlimited). */
  readonly sessionQuota?: number;
  /** Largest `debit` authorize accepts (-32025 above it; default 100). */
  readonly maxDebit?: number;
  /** Whether the app may set the opt-out of record uploads: configOptOut set gets -32155 when false (default true). */
  readonly optOutAvailable?: boolean;
}

/** Options of {@link startSimulator}. Every field is optional; the defaults are documented per field. */
export interface SimulatorConfig {
  /** TCP port; 0 picks a free one (default 6868, like the real service). */
  readonly port?: number;
  /** Interface to bind (default `127.0.0.1`: loopback only). */
  readonly host?: string;
  /** Serve `wss://` with a self-signed certificate made at start (default false). */
  readonly tls?: boolean;
  /** Where records live (default `~/.cortex-rx`; tests pass a temp dir). */
  readonly dataDir?: string;
  /** Virtual headsets: a `--headsets` spec string or parsed entries (default `EPOCX,INSIGHT`). */
  readonly headsets?: string | readonly HeadsetSpecEntry[];
  /**
   * Recordings (EDF, EDF+, BDF, BDF+) to replay: each adds a virtual headset whose sensors are the file's EEG channels
   * (EPOC X or Insight when they match, else a model named from the file), streaming the file's samples at its rate
   * in real time, looping, with its annotations as hardware markers (default: none).
   */
  readonly replay?: string | readonly string[];
  /** Seed of headset ids, synthetic EEG noise, blinks and packet loss (default 1). */
  readonly seed?: number;
  /** Status of the virtual headsets at start (default `discovered`: connect them with controlDevice). */
  readonly initialHeadsetStatus?: 'discovered' | 'connected';
  /** Registered apps; when absent any non-empty clientId/clientSecret pair is accepted with scopes eeg and pm. */
  readonly apps?: readonly AppRegistration[];
  /** The EmotivID of the simulated user (default `sim.user`). */
  readonly username?: string;
  /** Delay from `controlDevice connect` to connected + warning 104 (default 300 ms). */
  readonly connectDelayMs?: number;
  /** Duration of a `controlDevice refresh` scan before warning 142 (default 2000 ms; the real one takes ~20 s). */
  readonly scanDurationMs?: number;
  /**
   * How long a headset switched off (`faults.disconnectHeadset`) stays `connected` without data before the service
   * drops it with warning 103 and closes its sessions (default 30 000 ms, the real figure; tests shorten it).
   */
  readonly headsetLossTimeoutMs?: number;
  /** Delay from stopRecord to warning 30 (post-processing done; default 300 ms). */
  readonly postProcessingDelayMs?: number;
  /** Time a training takes before its `*_Succeeded` event (default 8000 ms, like Cortex). */
  readonly trainingDurationMs?: number;
  /** Length of each scheduled com action and fac event, and of the neutral gap between two (default 3000 ms). */
  readonly detectionEventMs?: number;
  /** Eye blinks on frontal channels in the synthetic EEG (default true). */
  readonly blinks?: boolean;
  /**
   * A deterministic response (a Gaussian bump, P300-like) added to the synthetic EEG after every injected marker,
   * locked to the marker's time, on the parietal/occipital sensors by default (default: none).
   */
  readonly evokedResponse?: EvokedResponseConfig;
  /** Fraction of EEG samples marked INTERPOLATED as if lost over the air (default 0). */
  readonly packetLossRatio?: number;
  /** Largest inbound frame in bytes; a larger one gets -32600 (default 256 KiB). */
  readonly maxFrameBytes?: number;
  /** Largest number of open sessions an app may hold (default 64); more gets -32050. */
  readonly maxSessionsPerApp?: number;
  /** Largest number of requests of one connection waiting for an answer (default 1024); more gets -32050. */
  readonly maxPendingRequests?: number;
  /**
   * Bytes a client socket may leave unread (`ws.bufferedAmount`) per session on it (at least one) before its data
   * frames are dropped, counted per stream in `sim.stats().framesDropped` (default 1 MiB per session: about 12 s of an
   * EPOC X's eeg at 256 Hz, so a socket carrying 64 sessions may pause as long as one carrying one). Answers and warnings
   * are never dropped.
   */
  readonly sendBudgetBytes?: number;
  /**
   * A socket over its send budget for this long, its client reading none of what waits, is closed with 1008 and a
   * reason (default 10 000 ms). A client that reads, however slowly, only has frames dropped.
   */
  readonly slowClientTimeoutMs?: number;
  /**
   * A socket with more than this many bytes unread (answers included), or twice its send budget if that is more, is
   * closed at once with 1008 (default 16 MiB).
   */
  readonly maxBufferedBytes?: number;
  /**
   * A socket closed with 1008 whose client has not answered the closing handshake within this time is destroyed, with
   * what it left unread (default 2000 ms).
   */
  readonly slowClientCloseGraceMs?: number;
  /** A marker whose time is further than this from now is refused with -32602 (default 60 s). */
  readonly markerToleranceMs?: number;
  /**
   * The first-run path (§1.6): requestAccess answers `accessGranted: false` and authorize fails with -32102 until the
   * user approves the app (`sim.approveAccess(clientId)` or `autoApproveAfterMs`), then warning 9 (default false:
   * every app is granted at once).
   */
  readonly requireApproval?: boolean;
  /** With `requireApproval`, approve an app this long after its first requestAccess (default: only approveAccess). */
  readonly autoApproveAfterMs?: number;
  /**
   * Whether a user is logged in to the Launcher (default true). Logged out, getUserLogin answers `[]` and the
   * access methods, authorize, generateNewToken and getUserInformation fail with -32033; `sim.setUserLoggedIn`
   * changes it (warnings 2 and 3).
   */
  readonly userLoggedIn?: boolean;
  /** Lifetime of a cortexToken (default 48 h). */
  readonly tokenLifetimeMs?: number;
  /** Where the simulator logs one line per notable event (default: nowhere). */
  readonly log?: (line: string) => void;
}

/** The config with every default filled in. */
export type ResolvedSimulatorConfig = Required<
  Omit<SimulatorConfig, 'apps' | 'headsets' | 'evokedResponse' | 'autoApproveAfterMs' | 'replay'>
> & {
  readonly replay: readonly string[];
  readonly apps: readonly AppRegistration[] | undefined;
  readonly autoApproveAfterMs: number | undefined;
  readonly evokedResponse: EvokedResponseConfig | undefined;
  readonly headsets: readonly HeadsetSpecEntry[];
};
