import { Observable } from 'rxjs';

/**
 * Like `timer(ms)`, but in Node the timer does not keep the process alive (browsers have no unref).
 *
 * ## Example
 * ```ts
 * share({ resetOnRefCountZero: () => unrefTimer(1000) }); // lingering never holds a Node process open
 * ```
 * @internal
 */
export function unrefTimer(ms: number): Observable<0> {
  return new Observable<0>((subscriber) => {
    const t = setTimeout(() => {
      subscriber.next(0);
      subscriber.complete();
    }, ms);
    (t as { unref?: () => void }).unref?.();
    return () => clearTimeout(t);
  });
}
