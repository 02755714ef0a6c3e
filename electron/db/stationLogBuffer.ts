/**
 * Holds the log entries of an attempt's intermediate steps (claimed, submitted) until the attempt ends, so the
 * printed path costs four driver commands: claim, mark submitted, complete, and one insertMany of the attempt's log.
 *
 * Why this is safe: the order document itself records how far the attempt got (printPhase, printJobId), and the
 * station's on-disk journal records every step before it happens; the buffered entries are the history of an
 * attempt, not its state. If the station dies mid-attempt the reaper logs the lease expiry, and the lost entries
 * are the "claimed"/"submitted" lines of that one attempt. Entries that could not be written are kept and
 * sent with the next batch, so a database blip does not lose them either.
 */
import type { PrintLogEntry } from './printLogRepository';

const MAX_UNSENT = 5_000;

export class StationLogBuffer {
  private readonly byJob = new Map<string, PrintLogEntry[]>();
  private unsent: PrintLogEntry[] = [];

  hold(printJobId: string, entry: PrintLogEntry): void {
    const entries = this.byJob.get(printJobId) ?? [];
    entries.push({ ...entry, timestamp: entry.timestamp ?? new Date() });
    this.byJob.set(printJobId, entries);
  }

  /** Everything to write now: earlier unsent entries, this attempt's held entries, then the final entries. */
  take(printJobId: string, ...final: PrintLogEntry[]): PrintLogEntry[] {
    const held = this.byJob.get(printJobId) ?? [];
    this.byJob.delete(printJobId);
    const batch = [...this.unsent, ...held, ...final.map((e) => ({ ...e, timestamp: e.timestamp ?? new Date() }))];
    this.unsent = [];
    return batch;
  }

  /** A batch the database refused: keep it for the next one (oldest dropped beyond a bound). */
  giveBack(entries: PrintLogEntry[]): void {
    this.unsent = [...entries, ...this.unsent].slice(-MAX_UNSENT);
  }
}
