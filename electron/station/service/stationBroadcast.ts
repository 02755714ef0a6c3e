/**
 * What the UI hears from the engine: snapshots (debounced, so a burst of progress is one screen update) and
 * events (notifications and log lines). Listeners come and go; a broken one never stops the engine that told it.
 */
import type { StationEvent, StationSnapshot } from '../../../shared/stationApi';
import { Emitter } from '../../../shared/emitter';

export class StationBroadcast {
  private readonly snapshots = new Emitter<StationSnapshot>();
  private readonly events = new Emitter<StationEvent>();
  private timer: NodeJS.Timeout | undefined;

  /** `snapshot` builds the current snapshot when one is due. */
  constructor(private readonly snapshot: () => StationSnapshot) {}

  onSnapshot(listener: (s: StationSnapshot) => void): () => void {
    return this.snapshots.on(listener);
  }

  onEvent(listener: (e: StationEvent) => void): () => void {
    return this.events.on(listener);
  }

  /** Something on screen changed: a snapshot follows within 50 ms (progress updates come in bursts). */
  changed(): void {
    if (this.timer || this.snapshots.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.snapshotNow();
    }, 50);
  }

  snapshotNow(): void {
    if (this.snapshots.size === 0) return;
    this.snapshots.emit(this.snapshot());
  }

  emit(event: StationEvent): void {
    this.events.emit(event);
  }

  /** The final snapshot of a stopped station goes out at once; nothing is pending after it. */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.snapshotNow();
  }
}
