/**
 * Stable codes of {@link SimulatorListenError}: the port is taken, the address is not one of this machine's, the
 * port needs privileges, or another listen failure.
 *
 * ## Example
 * ```ts
 * const code: SimulatorListenErrorCode = 'EADDRINUSE';
 * ```
 */
export type SimulatorListenErrorCode = 'EADDRINUSE' | 'EADDRNOTAVAIL' | 'EACCES' | 'LISTEN_FAILED';

const KNOWN_CODES: ReadonlySet<string> = new Set(['EADDRINUSE', 'EADDRNOTAVAIL', 'EACCES']);

/**
 * The error `startSimulator` rejects with when its server cannot listen (rather than an unhandled `'error'` event
 * that ends the process): the stable `code`, the host and port asked for, and the system error as `cause`.
 *
 * ## Example
 * ```ts
 * import { startSimulator, SimulatorListenError } from 'cortex-rx/simulator';
 * try {
 *   await startSimulator({ port: 6868 });
 * } catch (err) {
 *   if (err instanceof SimulatorListenError && err.code === 'EADDRINUSE') console.error(`port ${err.port} is taken`);
 * }
 * ```
 */
export class SimulatorListenError extends Error {
  /**
   * @param code the stable error code.
   * @param host the interface the simulator was asked to bind.
   * @param port the port it was asked to bind (0: any free one).
   * @param cause the system error of `listen`.
   */
  constructor(
    readonly code: SimulatorListenErrorCode,
    readonly host: string,
    readonly port: number,
    readonly cause?: unknown,
  ) {
    super(listenMessage(code, host, port, cause));
    this.name = 'SimulatorListenError';
  }

  /**
   * The typed error for a `listen` failure of the simulator's server.
   *
   * ## Example
   * ```ts
   * server.once('error', (err) => reject(SimulatorListenError.from(err, '127.0.0.1', 6868)));
   * ```
   * @param err the `'error'` event of the server
   * @param host the interface asked for
   * @param port the port asked for
   * @returns a {@link SimulatorListenError} with the system code when it is a known one, else `LISTEN_FAILED`
   */
  static from(err: unknown, host: string, port: number): SimulatorListenError {
    const sys = (err as { code?: unknown } | undefined)?.code;
    const code = typeof sys === 'string' && KNOWN_CODES.has(sys) ? (sys as SimulatorListenErrorCode) : 'LISTEN_FAILED';
    return new SimulatorListenError(code, host, port, err);
  }
}

function listenMessage(code: SimulatorListenErrorCode, host: string, port: number, cause: unknown): string {
  switch (code) {
    case 'EADDRINUSE':
      return `port ${port} is in use on ${host}`;
    case 'EADDRNOTAVAIL':
      return `address ${host} is not available on this machine`;
    case 'EACCES':
      return `no permission to listen on ${host}:${port}`;
    default:
      return `cannot listen on ${host}:${port}: ${cause instanceof Error ? cause.message : String(cause)}`;
  }
}
