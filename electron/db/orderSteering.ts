/**
 * The operator steering the queue (issue 11): print next, priority up / down, hold and release, print on a printer
 * (or on any printer of one station) and unpin. Each is one write conditional on the order still being pending as
 * it was read, so a claim racing it either wins (the steer is refused: "already printing") or loses (the claim
 * steps around a hold or a pin, orderQueries.claimableFilter). Every steer, done or refused, goes to print_logs
 * with who and why. Moving a failed or cancelled order back to the queue is the order core's reprint.
 */
import type { Db, Document, Filter, UpdateFilter } from 'mongodb';
import { movedOnRefusal, refusalSentence, refused, type Refusal } from '../../shared/commandRefusals';
import { PrinterCapabilities, PrintingOptions, capabilityMisfit, type Actor, type PrintLogAction } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { steerOutcomeSentence, type SteerOutcome } from '../../shared/steerOutcomes';
import { collections, type Collections } from './collections';
import { PrintLogRepository } from './printLogRepository';

export type SteerResult = Result<{ message: string; said: SteerOutcome }>;

/** Where an operator pins an order: one printer, or any printer of one station. */
export type PinTarget = { printerId: string } | { stationId: string };

/** A steer as data: what it checks on the order read, and what it writes. */
interface Steer {
  log: PrintLogAction;
  /** The refusal when the order (read as pending) does not allow it, or undefined. */
  refuse?(order: Document): Refusal | undefined;
  /** The extra conditions the write carries, beside `_id` and `pending`: what the decision was based on. */
  expect?(order: Document): Filter<Document>;
  update(order: Document, at: Date): UpdateFilter<Document> | Promise<UpdateFilter<Document> | Refusal>;
  done(order: Document, update: UpdateFilter<Document>): SteerOutcome;
}

export class OrderSteering {
  private readonly c: Collections;
  private readonly logs: PrintLogRepository;
  private readonly now: () => Date;

  constructor(db: Db, options: { now?: () => Date } = {}) {
    this.c = collections(db);
    this.logs = new PrintLogRepository(db);
    this.now = options.now ?? (() => new Date());
  }

  /** To the top: a priority above every other pending order's (equal priorities would leave older orders first). */
  printNext(orderId: string, actor: Actor, reason?: string): Promise<SteerResult> {
    return this.steer(orderId, actor, reason, {
      log: 'print_next',
      expect: (o) => ({ priority: o.priority ?? null }),
      update: async (o) => {
        const top = await this.c.orders
          .find({ printStatus: 'pending', _id: { $ne: o._id }, priority: { $type: 'number' } })
          .sort({ priority: -1 })
          .limit(1)
          .project({ priority: 1 })
          .toArray();
        const above = (top[0]?.priority as number | undefined) ?? 0;
        return { $set: { priority: Math.max(priorityOf(o), above + 1) } };
      },
      done: (o, u) => ({ key: 'printsNext', params: { orderId: o.orderId, priority: (u.$set as Document).priority } }),
    });
  }

  /** One step up or down; the claim sorts by priority, then by age. */
  changePriority(orderId: string, direction: 'up' | 'down', actor: Actor, reason?: string): Promise<SteerResult> {
    return this.steer(orderId, actor, reason, {
      log: 'priority_changed',
      expect: (o) => ({ priority: o.priority ?? null }),
      update: (o) => ({ $set: { priority: priorityOf(o) + (direction === 'up' ? 1 : -1) } }),
      done: (o, u) => ({ key: 'priorityChanged', params: { orderId: o.orderId, from: priorityOf(o), to: (u.$set as Document).priority } }),
    });
  }

  hold(orderId: string, actor: Actor, reason: string): Promise<SteerResult> {
    return this.steer(orderId, actor, reason, {
      log: 'held',
      refuse: (o) => (o.hold ? { key: 'alreadyHeld', params: { orderId: o.orderId, by: o.hold.by, reason: o.hold.reason } } : undefined),
      expect: () => ({ hold: null }),
      update: (_o, at) => ({ $set: { hold: { by: nameOf(actor), reason, at } } }),
      done: (o) => ({ key: 'held', params: { orderId: o.orderId } }),
    });
  }

  release(orderId: string, actor: Actor, reason?: string): Promise<SteerResult> {
    return this.steer(orderId, actor, reason, {
      log: 'released',
      refuse: (o) => (o.hold ? undefined : { key: 'notHeld', params: { orderId: o.orderId } }),
      expect: (o) => ({ 'hold.at': o.hold.at }),
      update: () => ({ $unset: { hold: '' } }),
      done: (o) => ({ key: 'released', params: { orderId: o.orderId } }),
    });
  }

  /** Only this printer (which must be able to print it), or only printers of this station, will claim it. */
  pin(orderId: string, target: PinTarget, actor: Actor, reason?: string): Promise<SteerResult> {
    return this.steer(orderId, actor, reason, {
      log: 'pinned',
      expect: (o) => ({ pinnedPrinterId: o.pinnedPrinterId ?? null, pinnedStationId: o.pinnedStationId ?? null }),
      // pinnedAt: the unprintable sweep gives a pin to a printer that is gone its grace period from here (deadPins.ts).
      update: async (o, at) => {
        if ('stationId' in target) return { $set: { pinnedStationId: target.stationId, pinnedAt: at }, $unset: { pinnedPrinterId: '' } };
        const printer = await this.c.printers.findOne({ printer_id: target.printerId });
        if (!printer) return { key: 'noSuchPrinter', params: { printerId: target.printerId } };
        const caps = PrinterCapabilities.safeParse(printer.capabilities);
        const options = PrintingOptions.safeParse(o.printingOptions ?? {});
        const misfit = caps.success && options.success ? capabilityMisfit(options.data, caps.data) : undefined;
        if (misfit) return { key: 'cannotPrintOn', params: { orderId: o.orderId, printer: printer.name ?? target.printerId, misfit } };
        return { $set: { pinnedPrinterId: target.printerId, pinnedAt: at }, $unset: { pinnedStationId: '' } };
      },
      done: (o) =>
        'printerId' in target
          ? { key: 'pinnedToPrinter', params: { orderId: o.orderId, printerId: target.printerId } }
          : { key: 'pinnedToStation', params: { orderId: o.orderId, stationId: target.stationId } },
    });
  }

  unpin(orderId: string, actor: Actor, reason?: string): Promise<SteerResult> {
    return this.steer(orderId, actor, reason, {
      log: 'unpinned',
      refuse: (o) => (o.pinnedPrinterId || o.pinnedStationId ? undefined : { key: 'notPinned', params: { orderId: o.orderId } }),
      expect: (o) => ({ pinnedPrinterId: o.pinnedPrinterId ?? null, pinnedStationId: o.pinnedStationId ?? null }),
      update: () => ({ $unset: { pinnedPrinterId: '', pinnedStationId: '', pinnedAt: '' } }),
      done: (o) => ({ key: 'unpinned', params: { orderId: o.orderId } }),
    });
  }

  /**
   * Reads the order, asks the steer, and writes with one update conditional on the order still pending as read:
   * a claim (or another operator) in between makes it match nothing, and the refusal says what the order is now.
   */
  private async steer(orderId: string, actor: Actor, reason: string | undefined, steer: Steer): Promise<SteerResult> {
    const order = await this.c.orders.findOne({ orderId });
    const refuse = async (why: Refusal): Promise<SteerResult> => {
      await this.log(steer.log, orderId, order, actor, reason, { refused: refusalSentence(why) });
      return refused(why);
    };
    if (!order) return refuse({ key: 'noSuchOrder', params: { orderId } });
    if (order.printStatus !== 'pending') return refuse(movedOnRefusal({ ...order, orderId }));
    const refusal = steer.refuse?.(order);
    if (refusal) return refuse(refusal);
    const update = await steer.update(order, this.now());
    if (isRefusal(update)) return refuse(update);
    const filter: Filter<Document> = { _id: order._id, printStatus: 'pending', ...steer.expect?.(order) };
    const res = await this.c.orders.updateOne(filter, update);
    if (res.matchedCount === 0) {
      const now = await this.c.orders.findOne({ _id: order._id });
      return refuse(
        now && now.printStatus !== 'pending' ? movedOnRefusal({ ...now, orderId }) : { key: 'changedWhileDeciding', params: { orderId } },
      );
    }
    const said = steer.done(order, update);
    const message = steerOutcomeSentence(said);
    await this.log(steer.log, orderId, order, actor, reason, { done: message });
    return { ok: true, message, said };
  }

  /** Logs are history, not state: a failed log write does not undo the steer. */
  private async log(
    action: PrintLogAction,
    orderId: string,
    order: Document | null,
    actor: Actor,
    reason: string | undefined,
    metadata: Record<string, unknown>,
  ): Promise<void> {
    const status = order?.printStatus ?? null;
    await this.logs
      .log({
        action,
        orderId,
        printJobId: typeof order?.printJobId === 'string' ? order.printJobId : null,
        adminId: actor.adminId ?? null,
        adminEmail: actor.adminEmail ?? null,
        previousStatus: status,
        newStatus: status,
        reason: reason ?? null,
        source: actor.source,
        stationId: actor.stationId ?? null,
        timestamp: this.now(),
        metadata,
      })
      .catch(() => {});
  }
}

/** A steer's update found a reason to refuse instead (shared/commandRefusals). */
function isRefusal(update: UpdateFilter<Document> | Refusal): update is Refusal {
  return 'key' in update && 'params' in update;
}

function priorityOf(order: Document): number {
  return typeof order.priority === 'number' ? order.priority : 0;
}

function nameOf(actor: Actor): string {
  return actor.adminId ?? actor.adminEmail ?? actor.stationId ?? actor.source;
}
