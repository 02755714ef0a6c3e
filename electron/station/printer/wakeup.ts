/** A sleep that something else can cut short: a loop waits on it, and state changes or new work wake it. */
export class Wakeup {
  private waiters = new Set<() => void>();
  private pending = false;

  /**
   * Resolves after `ms` (false), or at once on wake() (true). A wake() while nobody waits is kept for the next wait.
   */
  wait(ms: number): Promise<boolean> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(woken);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.waiters.add(wake);
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
