import { ownProperty } from '../ownProperty';

/**
 * The id of a request when it is usable (a string or a finite number), else null (JSON-RPC 2.0 §5).
 *
 * ## Example
 * ```ts
 * requestIdOf({ id: 3, method: 'getCortexInfo' }); // 3
 * requestIdOf({ id: [1] }); // null
 * ```
 */
export function requestIdOf(message: unknown): number | string | null {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return null;
  const id = ownProperty(message, 'id');
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}
