import type { Observable, Subscriber, Subscription } from 'rxjs';

/**
 * Subscribes `subscriber` to `source` through one step: each value goes through `step`, whose result is emitted
 * unless it is `undefined`. An exception thrown by `step` errors the stream; an exception thrown downstream (in
 * `subscriber.next`) is not caught here, since it is not this operator's to report. Errors and completion pass
 * through. The shared body of the stateful operators (`operate`-like, with public RxJS only).
 *
 * ## Example
 * ```ts
 * new Observable<number>((subscriber) => {
 *   let total = 0;
 *   const sub = forwardThrough(source, subscriber, (x: number) => (total += x));
 *   return () => sub.unsubscribe();
 * });
 * ```
 * @internal
 */
export function forwardThrough<T, R>(
  source: Observable<T>,
  subscriber: Subscriber<R>,
  step: (value: T) => R | undefined,
): Subscription {
  return source.subscribe({
    next: (value) => {
      if (subscriber.closed) return;
      let out: R | undefined;
      try {
        out = step(value);
      } catch (err) {
        subscriber.error(err);
        return;
      }
      if (out !== undefined) subscriber.next(out);
    },
    error: (err: unknown) => subscriber.error(err),
    complete: () => subscriber.complete(),
  });
}
