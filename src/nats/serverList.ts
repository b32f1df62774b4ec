/**
 * The NATS servers as the clients take them: one comma-separated string or an array, trimmed.
 *
 * ## Example
 * ```ts
 * import { serverList } from 'cortex-rx/nats';
 * serverList('nats://a:4222, nats://b:4222'); // ['nats://a:4222', 'nats://b:4222']
 * ```
 * @param servers an array, or one comma-separated string
 */
export function serverList(servers: string | readonly string[]): string[] {
  const list = typeof servers === 'string' ? servers.split(',') : [...servers];
  return list.map((s) => s.trim()).filter((s) => s.length > 0);
}
