import type { MethodName } from './methods';

/**
 * Methods Cortex serves without a cortexToken (§2 rules): every other method of the table needs one. The client
 * adds its token to the others; the simulator refuses the others without one (-32018).
 *
 * ## Example
 * ```ts
 * import { TOKENLESS_METHODS } from 'cortex-rx/protocol';
 * TOKENLESS_METHODS.has('queryHeadsets'); // true
 * ```
 */
export const TOKENLESS_METHODS: ReadonlySet<MethodName> = new Set<MethodName>([
  'getCortexInfo',
  'getUserLogin',
  'requestAccess',
  'hasAccessRight',
  'authorize',
  'controlDevice',
  'queryHeadsets',
  'getDetectionInfo',
  'syncWithHeadsetClock',
]);
