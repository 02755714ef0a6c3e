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
