/**
 * How the queue counts move, told by the change stream itself (issue 12): a station that remembers the printStatus of
 * the orders it has seen can turn each event into a move of the counts (one pending fewer, one printing more) without
 * asking the database. Before, every status event of any station made every station count all orders again
 * (throttled to one count per 2 s each, so fifty stations sent 25 counts a second). An event about an order it has
 * not seen (one from before it started, one it forgot) cannot be told: then the station counts again, as before.
 * Nor can a new order be counted from its event until the stream has shown that it reports status updates at all
 * (mongo-java-server sends no event for a claim and updates without their fields): until then, count again.
 */
import type { Document } from 'mongodb';
import { PrintStatus } from '../../shared/domain';

export type CountsMove = Partial<Record<PrintStatus, number>>;

export class OrderStatusMemory {
  private readonly known = new Map<string, PrintStatus>();
  /** The stream has told a status update with its new printStatus: it reports the moves that follow an insert. */
  private updatesTold = false;

  /** `capacity`: orders remembered, the least recently moved forgotten first. */
  constructor(private readonly capacity = 20_000) {}

  /** After a gap in the stream nothing remembered can be trusted. */
  forget(): void {
    this.known.clear();
  }

  /** The move of the counts `change` makes ({} when none), or undefined when it cannot be told: count again. */
  moveOf(change: Document): CountsMove | undefined {
    const key = (change.documentKey as Document | undefined)?._id;
    if (key === undefined || key === null) return undefined;
    const id = String(key);
    const op = change.operationType;
    let now: unknown;
    if (op === 'insert' || op === 'replace') now = (change.fullDocument as Document | undefined)?.printStatus;
    else if (op === 'update') {
      now = ((change.updateDescription as Document | undefined)?.updatedFields as Document | undefined)?.printStatus;
      if (now !== undefined) this.updatesTold = true;
    }
    const status = PrintStatus.safeParse(now);
    if (!status.success) {
      this.known.delete(id);
      return undefined;
    }
    const before = op === 'insert' ? null : this.known.get(id);
    this.remember(id, status.data);
    if (before === undefined || !this.updatesTold) return undefined;
    if (before === status.data) return {};
    return before === null ? { [status.data]: 1 } : { [before]: -1, [status.data]: 1 };
  }

  private remember(id: string, status: PrintStatus): void {
    this.known.delete(id); // re-inserted last: the Map's order is the order of the last move
    this.known.set(id, status);
    if (this.known.size > this.capacity) this.known.delete(this.known.keys().next().value!);
  }
}
