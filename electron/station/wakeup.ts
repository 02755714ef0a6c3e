/** A sleep that something else can cut short: a loop waits on it, and state changes or new work wake it. */
export class Wakeup {
  private waiters = new Set<() => void>();
  private pending = false;

  /** Resolves after `ms`, or at once on wake(). A wake() while nobody waits is kept for the next wait. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  wake(): void {
    if (this.waiters.size === 0) {
      this.pending = true;
      return;
    }
    for (const done of [...this.waiters]) done();
  }
}
