import type { Observable, Subscription } from 'rxjs';

/**
 * Subscribes to `work` and resolves when it completes, errors (rejecting), or the user presses Ctrl-C
 * (SIGINT/SIGTERM: the subscription is closed, which closes sessions and stops records). Signal handlers are
 * removed afterwards.
 *
 * ## Example
 * ```ts
 * await runUntilSignal(client.session().pipe(switchMap((s) => s.stream('pow'))), (f) => console.log(f));
 * ```
 */
export function runUntilSignal<T>(work: Observable<T>, next: (value: T) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // A signal may arrive while subscribe() runs, before the assignment: const would throw there (TDZ).
    // eslint-disable-next-line prefer-const -- see above
    let sub: Subscription | undefined;
    const stop = () => {
      cleanup();
      sub?.unsubscribe();
      resolve();
    };
    const cleanup = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    sub = work.subscribe({
      next,
      error: (err: unknown) => {
        cleanup();
        reject(err);
      },
      complete: () => {
        cleanup();
        resolve();
      },
    });
  });
}
