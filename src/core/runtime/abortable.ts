/**
 * A call that cannot be cancelled (a page's SDK, a page's callback), made to give way to an
 * abort: the promise rejects at once when the signal aborts, and the call's late answer is
 * dropped. The call is not made when the signal has aborted already.
 */

/** `start()`'s answer, or `aborted()` as soon as `signal` aborts; a `start` that throws rejects. */
export function abortable<T>(start: () => Promise<T> | T, signal: AbortSignal | undefined, aborted: () => Error): Promise<T> {
  if (signal?.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted());
    signal?.addEventListener('abort', onAbort, { once: true });
    const settled = (): void => signal?.removeEventListener('abort', onAbort);
    let started: Promise<T>;
    try {
      started = Promise.resolve(start());
    } catch (err) {
      started = Promise.reject(err);
    }
    started.then(
      (v) => { settled(); resolve(v); },
      (err: unknown) => { settled(); reject(err); },
    );
  });
}
