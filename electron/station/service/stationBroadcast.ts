/**
 * What the UI hears from the engine: snapshots (debounced, so a burst of progress is one screen update) and
 * events (notifications and log lines). Listeners come and go; a broken one never stops the engine that told it.
 */
import type { StationEvent, StationSnapshot } from '../../../shared/stationApi';

export class StationBroadcast {
  private readonly snapshotListeners = new Set<(s: StationSnapshot) => void>();
  private readonly eventListeners = new Set<(e: StationEvent) => void>();
  private timer: NodeJS.Timeout | undefined;

  /** `snapshot` builds the current snapshot when one is due. */
  constructor(private readonly snapshot: () => StationSnapshot) {}

  onSnapshot(listener: (s: StationSnapshot) => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  onEvent(listener: (e: StationEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Something on screen changed: a snapshot follows within 50 ms (progress updates come in bursts). */
  changed(): void {
    if (this.timer || this.snapshotListeners.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.snapshotNow();
    }, 50);
  }

  snapshotNow(): void {
    if (this.snapshotListeners.size === 0) return;
    const snapshot = this.snapshot();
    for (const listener of this.snapshotListeners) listener(snapshot);
  }

  emit(event: StationEvent): void {
    for (const listener of this.eventListeners) {
      try {
        listener(event);
      } catch {
        // a broken listener must not stop the loop that emitted
      }
    }
  }

  /** The final snapshot of a stopped station goes out at once; nothing is pending after it. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.snapshotNow();
  }
}
