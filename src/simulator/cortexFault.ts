/**
 * An error the simulator answers with: a Cortex error code (§9), its message and optional `data`.
 *
 * ## Example
 * ```ts
 * import { CortexFault } from 'cortex-rx/simulator';
 * import { ERROR } from 'cortex-rx/protocol';
 * throw new CortexFault(ERROR.SESSION_NOT_FOUND, 'The session does not exist.');
 * ```
 */
export class CortexFault extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: { readonly behavior: string },
  ) {
    super(message);
    this.name = 'CortexFault';
  }
}
