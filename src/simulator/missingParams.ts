import { ERROR } from '../protocol';
import { CortexFault } from './cortexFault';

/**
 * The fault Cortex answers a request with when required parameters are absent: -32602 "Missing the required
 * parameters.", the names in `data.behavior`.
 *
 * ## Example
 * ```ts
 * if (p.values === undefined) throw missingParams('values');
 * ```
 * @param names the missing parameters, in order
 */
export function missingParams(...names: readonly string[]): CortexFault {
  return new CortexFault(ERROR.MISSING_PARAMS, 'Missing the required parameters.', {
    behavior: `This parameter is required: ${names.join(', ')}`,
  });
}
