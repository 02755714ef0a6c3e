/**
 * Which printer of this station claims when, so a fleet's database load grows with prints, not with stations
 * (issue 12). Before, every wake-up woke every idle printer of every station, and each tried a claim: 50 stations
 * of 2 printers sent about 100 claims per new order, 99 of which found nothing.
 *
 * Now a wake-up about one order (a WorkHint from the change feed: a new order's document, or the one order a poll
 * found) goes to at most one idle printer here that can print it, and only in this station's turn: stations are
 * ranked per order by rendezvous hashing (claimRank.ts) among the fleet's stations with a claiming printer that
 * fits (FleetRoster, re-read now and then). Rank 0 claims at once; rank 1 is the backup: it waits a slot and claims
 * unless the feed meanwhile showed the order taken (a server that sends no event for a claim, as mongo-java-server,
 * costs one more claim per order here); later ranks leave it. A station in turn with no idle printer that fits
 * tells its printers busy printing that fit: they look once their job is over (other stations' printers do not, or
 * every job of the fleet would end in a claim that finds nothing). If neither could (busy, gone), the feed's safety
 * poll finds the order: a poll's hint is not ranked, one printer here that fits looks then (the order has waited).
 * A wake-up about the queue in general (several orders found, the stream reopened) wakes every idle printer, as
 * before: then there is a queue to drain.
 *
 * Nothing here decides who prints: the claim stays one conditional findOneAndUpdate, and a missed or skipped
 * wake-up is caught by the next one or by the feed's safety poll.
 */
import { capabilityMismatch, type PrinterCapabilities, type PrinterHealth, type PrinterState } from '../../../shared/domain';
import type { WorkHint } from '../../db/changeFeed';
import type { RosterPrinter } from '../../db/fleetRoster';
import { claimRank } from './claimRank';

/** What the scheduler needs of a printer loop. */
export interface ClaimingPrinter {
  view(): {
    printerId: string;
    state: PrinterState;
    autoPrint: boolean;
    health: PrinterHealth;
    currentJob?: unknown;
    capabilities: PrinterCapabilities;
  };
  /** Claim now: work may be there, about one order (`orderKey`) or the queue in general. */
  wake(orderKey?: string): void;
  /** Look after the job on the printer: work was announced while it printed (no claim now, it is busy). */
  heardOf?(orderKey?: string): void;
  /** The order left pending (another printer took it, or it was cancelled): no need to look for it any more. */
  forget?(orderKey: string): void;
}

export interface ClaimSchedulerOptions {
  stationId: string;
  printers(): Iterable<ClaimingPrinter>;
  /** Reads the fleet's claiming printers (FleetRoster through the database link). */
  roster(): Promise<RosterPrinter[]>;
  /** How long a read roster is used before it is read again (default 30 s, give or take a fifth). */
  rosterMaxAgeMs?: number;
  /** The wait per rank: long enough to hear of another station's claim through the change feed (default 400 ms). */
  slotMs?: number;
  random?: () => number;
}

/** Ranks that act on a hint: the first claims at once, the next after a slot unless it saw the claim. */
const BACKUP_RANKS = 2;

/** How long an order seen taken is remembered (a late hint about it is then skipped). */
const TAKEN_MEMORY_MS = 60_000;

export class ClaimScheduler {
  private readonly slotMs: number;
  private readonly rosterMaxAgeMs: number;
  private readonly random: () => number;
  private rosterRead: { at: number; maxAge: number; printers: Promise<RosterPrinter[]> } | undefined;
  private readonly waiting = new Map<string, NodeJS.Timeout>();
  private readonly taken = new Map<string, number>();
  private stopped = false;

  constructor(private readonly o: ClaimSchedulerOptions) {
    this.slotMs = o.slotMs ?? 400;
    this.rosterMaxAgeMs = o.rosterMaxAgeMs ?? 30_000;
    this.random = o.random ?? Math.random;
  }

  /** The change feed says work may be there: about one order (hint) or about the queue (no hint). */
  work(hint: WorkHint | undefined): void {
    if (this.stopped) return;
    if (hint?.pinnedPrinterId || hint?.pinnedStationId) {
      // Pinned by an operator: no turns, the printers it is pinned to claim it (any other claim would miss it).
      const pinnedHere = (p: ClaimingPrinter) => mayTakePinned(p, hint, this.o.stationId);
      this.takeUp(hint, pinnedHere);
      return;
    }
    if (!hint) {
      // The queue in general: every printer here looks (printing ones after their job); there is a queue to drain.
      for (const printer of this.printing()) printer.heardOf?.();
      for (const printer of this.idle()) printer.wake();
      return;
    }
    // One order a poll found has waited: no turns, this station takes it up (one claim takes one order).
    if (hint.polled) return this.takeUp(hint);
    // A hint says the order is pending now: whatever was seen of it before is history.
    this.taken.delete(hint.key);
    if (this.waiting.has(hint.key)) return;
    if (!this.idle(hint).length && !this.printing(hint).length) return; // nothing here prints it: another station's turn
    void this.turnOf(hint).then((rank) => {
      if (this.stopped) return;
      if (rank === 0) return this.takeUp(hint);
      if (rank >= BACKUP_RANKS) return;
      const timer = setTimeout(
        () => {
          this.waiting.delete(hint.key);
          if (!this.stopped && !this.taken.has(hint.key)) this.takeUp(hint);
        },
        rank * this.slotMs + Math.floor(this.random() * (this.slotMs / 4)),
      );
      timer.unref?.();
      this.waiting.set(hint.key, timer);
    });
  }

  /**
   * This station's turn for the order: one idle printer that fits claims it now; with none idle, the printers busy
   * printing that fit look once their job is over (one look, not one per hint). Only the stations whose turn it is
   * do either: a printer of every station looking after each job cost the fleet about a claim per order, for nothing.
   */
  private takeUp(hint: WorkHint, may: (printer: ClaimingPrinter) => boolean = () => true): void {
    const idle = this.idle(hint).filter(may);
    // Any of them: spread the work instead of wearing out the first printer.
    if (idle.length) return idle[Math.floor(this.random() * idle.length)]!.wake(hint.key);
    for (const printer of this.printing(hint).filter(may)) printer.heardOf?.(hint.key);
  }

  /** The feed saw the order leave pending (a claim, a cancel): no need to claim it. */
  orderTaken(key: string): void {
    const now = Date.now();
    this.taken.set(key, now);
    // A printer that heard of it while busy (or while claiming another order) would look for it after its job.
    for (const printer of this.o.printers()) printer.forget?.(key);
    const timer = this.waiting.get(key);
    if (timer) {
      clearTimeout(timer);
      this.waiting.delete(key);
    }
    if (this.taken.size > 1_000) {
      for (const [k, at] of this.taken) if (now - at > TAKEN_MEMORY_MS) this.taken.delete(k);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
  }

  /** Printers here that would claim now (and could print the order, when the hint says what it needs). */
  private idle(hint?: WorkHint): ClaimingPrinter[] {
    return this.fitting(hint, (v) => v.state === 'ready' && v.autoPrint && !v.currentJob && v.health !== 'offline' && v.health !== 'error');
  }

  /** Printers here printing now with auto-print on, that could print the order (a pin is takeUp's to check). */
  private printing(hint?: WorkHint): ClaimingPrinter[] {
    return this.fitting(hint, (v) => v.state === 'printing' && v.autoPrint);
  }

  private fitting(hint: WorkHint | undefined, inState: (view: ReturnType<ClaimingPrinter['view']>) => boolean): ClaimingPrinter[] {
    return [...this.o.printers()].filter((printer) => {
      const v = printer.view();
      return inState(v) && (!hint?.options || capabilityMismatch(hint.options, v.capabilities) === undefined);
    });
  }

  /** This station's turn for the order among the stations that could take it; 0 when the roster cannot be read. */
  private async turnOf(hint: WorkHint): Promise<number> {
    let printers: RosterPrinter[];
    try {
      printers = await this.rosterNow();
    } catch {
      return 0;
    }
    const candidates = printers
      .filter((p) => !hint.options || capabilityMismatch(hint.options, p.capabilities) === undefined)
      .map((p) => p.stationId);
    return claimRank(hint.key, this.o.stationId, candidates);
  }

  /** The roster read at most every rosterMaxAgeMs (spread a little, so a fleet does not read it in step). */
  private rosterNow(): Promise<RosterPrinter[]> {
    const now = Date.now();
    const read = this.rosterRead;
    if (read && now - read.at < read.maxAge) return read.printers;
    const printers = this.o.roster();
    // A failed read is not kept; the last good one serves for another while (a database too busy to answer is not
    // asked again at every hint), and without one the next hint reads again (claiming at rank 0 meanwhile).
    printers.catch(() => {
      if (this.rosterRead?.printers === printers) this.rosterRead = read && { ...read, at: Date.now() };
    });
    this.rosterRead = { at: now, maxAge: Math.round(this.rosterMaxAgeMs * (0.8 + 0.4 * this.random())), printers };
    // While a new read is under way, the last one still answers: pickup does not wait on the roster.
    return read ? read.printers : printers;
  }
}

/** Whether a printer of this station may claim an order an operator pinned (to it, or to this station). */
function mayTakePinned(printer: ClaimingPrinter, hint: WorkHint, stationId: string): boolean {
  return hint.pinnedPrinterId ? printer.view().printerId === hint.pinnedPrinterId : hint.pinnedStationId === stationId;
}
