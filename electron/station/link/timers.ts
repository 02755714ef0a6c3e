/** The engine's periodic jobs. A run that is still going when the next is due is skipped, never stacked. */
export class Timers {
  private readonly handles: NodeJS.Timeout[] = [];

  every(ms: number, run: () => Promise<unknown> | unknown): void {
    let busy = false;
    const handle = setInterval(() => {
      if (busy) return;
      busy = true;
      Promise.resolve()
        .then(run)
        .catch(() => {})
        .finally(() => (busy = false));
    }, ms);
    handle.unref();
    this.handles.push(handle);
  }

  clear(): void {
    for (const handle of this.handles.splice(0)) clearInterval(handle);
  }
}

/**
 * Rejects with `timeout` (a message, or the error to throw) when `promise` has not settled in `ms`. The work itself is
 * not cancelled: it may still finish later.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, timeout: string | (() => Error)): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(typeof timeout === 'string' ? new Error(timeout) : timeout()), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}
