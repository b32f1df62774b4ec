/**
 * The value of an object's own property, or undefined: never one inherited from a prototype (`__proto__`,
 * `constructor`), so a request naming them reads nothing.
 *
 * ## Example
 * ```ts
 * ownProperty({ id: 1 }, 'id'); // 1
 * ownProperty({}, 'constructor'); // undefined
 * ```
 */
export function ownProperty(obj: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}
