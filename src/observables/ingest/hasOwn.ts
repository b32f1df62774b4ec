/**
 * True when `key` is an own property of `o` (JSON.parse makes only own keys; an inherited enumerable key of a
 * polluted `Object.prototype` is not one).
 * @internal
 */
export const hasOwn = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);
