/**
 * The engine's periodic jobs. A run that is still going when the next is due is skipped, never stacked. The first
 * run comes at a random point of the second half of the interval (never later than a plain interval's), so the
 * stations of a fleet started together do not run their reapers and health checks in lock-step (issue 12).
 */
export class Timers {
  private readonly handles: NodeJS.Timeout[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  every(ms: number, run: () => Promise<unknown> | unknown): void {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      Promise.resolve()
        .then(run)
        .catch(() => {})
        .finally(() => (busy = false));
    };
    const first = setTimeout(
      () => {
        tick();
        const handle = setInterval(tick, ms);
        handle.unref();
        this.handles.push(handle);
      },
      Math.round(ms * (0.5 + 0.5 * this.random())),
    );
    first.unref();
    this.handles.push(first);
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
