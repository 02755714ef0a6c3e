/**
 * The drill's operator: what a person at the console does, through the station's own StationApi (the web
 * console's socket, see consoleClient.ts). Order actions on orders in every status, including ones whose job sits
 * at a stalled printer (issue 8, case 1); the answers to "did it print?" taken from the printers' output, as a person
 * would from the tray; retrievals at the printer that needs them. Every action is recorded with its answer, and
 * every accepted cancel with the moment it was accepted.
 */
import type { Collection, Document } from 'mongodb';
import type { CommandResult } from '../../shared/stationApi';
import { sleep } from '../args';
import type { DrillFleet } from './fleet';
import type { PrinterOutput } from './output';
import type { DrillRandom } from './random';

export interface OperatorRecord {
  at: number;
  station: string;
  action: string;
  orderId?: string;
  printerId?: string;
  /** The order's status when the operator looked at it. */
  seen?: string;
  ok: boolean;
  reason?: string;
}

type Category = 'pending' | 'printing' | 'needs_attention' | 'failed' | 'printed' | 'cancelled' | 'stalled' | 'printerQuestion';
type OrderAction = 'reprint' | 'cancel' | 'resetStuck' | 'forcePrinted';
const OPERATOR = { name: 'chaos drill' };

export interface OperatorDeps {
  orders: Collection;
  orderIds: () => string[];
  fleet: DrillFleet;
  output: PrinterOutput;
  random: DrillRandom;
  /** Printers stalled right now (printer ids). */
  stalled: () => ReadonlySet<string>;
  /** How often an action goes to an order stuck at a stalled printer when there is one (default 0.4). */
  stalledShare?: number;
  log: (line: string) => void;
}

export class DrillOperator {
  readonly actions: OperatorRecord[] = [];
  /** Orders an operator cancelled, with when the last cancel was accepted (ms since epoch). */
  readonly cancels = new Map<string, number>();
  private readonly waitingSince = new Map<string, number>();

  constructor(private readonly d: OperatorDeps) {}

  /** One action on a random order or printer question, of a random kind; says what it did. */
  async act(): Promise<string> {
    const stalled = [...this.d.stalled()];
    const candidates = new Map<Category, Document[]>();
    for (const status of ['pending', 'printing', 'needs_attention', 'failed', 'printed', 'cancelled'] as const) {
      candidates.set(status, await this.find({ printStatus: status }));
    }
    candidates.set('stalled', await this.find({ printStatus: { $in: ['printing', 'needs_attention'] }, printerId: { $in: stalled } }));
    const categories = [...candidates].filter(([, docs]) => docs.length > 0).map(([c]) => c);
    if (await this.printerQuestion(false)) categories.push('printerQuestion');
    if (categories.length === 0) return 'nothing to act on';
    // An order stuck at a stalled printer is the case a person meets most in real life: ask about it often.
    const category =
      candidates.get('stalled')!.length > 0 && this.d.random.chance(this.d.stalledShare ?? 0.4)
        ? 'stalled'
        : this.d.random.pick(categories);
    if (category === 'printerQuestion') return (await this.printerQuestion(true)) ?? 'the printer question went away';
    const order = this.d.random.pick(candidates.get(category)!);
    const action = await this.chooseFor(String(order.printStatus), order, category === 'stalled');
    if (action === 'wait') return `waited: ${String(order.orderId)} is coming out of its printer`;
    return this.orderCommand(action, order);
  }

  /**
   * Everything waiting for a person at the printers: unknown outcomes answered from the tray, items taken
   * (a bad one now and then, which asks for a reprint), errors cleared. Returns how many it answered.
   */
  async attendPrinters(options: { badRetrievals: boolean; retrievalsOnly?: boolean }): Promise<number> {
    let answered = 0;
    for (const station of this.d.fleet.up()) {
      const client = await this.d.fleet.console(station);
      const snapshot = await client?.snapshot({}).catch(() => null);
      if (!client || !snapshot) continue;
      for (const p of snapshot.printers) {
        if (p.state === 'awaiting_retrieval') {
          const bad = options.badRetrievals && this.d.random.chance(0.15);
          await this.printerCommand(station, 'confirmRetrieval', p.printerId, p.awaitingOrderId, () =>
            client.confirmRetrieval({
              operator: OPERATOR,
              printerId: p.printerId,
              outcome: bad ? 'bad' : 'good',
              reason: bad ? 'smudged' : undefined,
            }),
          );
          answered += 1;
        } else if (options.retrievalsOnly) {
          continue;
        } else if (p.state === 'error' && p.unknownOutcome) {
          const printed = await this.d.output.attemptPrinted(p.unknownOutcome.printJobId);
          await this.printerCommand(
            station,
            printed ? 'resolveUnknownOutcome:printed' : 'resolveUnknownOutcome:reprint',
            p.printerId,
            p.unknownOutcome.orderId,
            () => client.resolveUnknownOutcome({ operator: OPERATOR, printerId: p.printerId, printed }),
          );
          answered += 1;
        } else if (p.state === 'error' || p.state === 'paused') {
          const action = p.state === 'error' ? 'printerRecovered' : 'resumePrinter';
          await this.printerCommand(station, action, p.printerId, undefined, () =>
            client[action]({ operator: OPERATOR, printerId: p.printerId }),
          );
          answered += 1;
        }
      }
    }
    return answered;
  }

  /**
   * Orders waiting for a person for at least `minWaitMs`: "yes, it printed" when this attempt is in a tray,
   * "reprint" when it is not. Returns how many it answered.
   */
  async answerNeedsAttention(minWaitMs: number): Promise<number> {
    const now = Date.now();
    const waiting = await this.find({ printStatus: 'needs_attention' }, 1_000);
    const ids = new Set(waiting.map((o) => String(o.orderId)));
    for (const id of this.waitingSince.keys()) if (!ids.has(id)) this.waitingSince.delete(id);
    let answered = 0;
    for (const order of waiting) {
      const key = String(order.orderId);
      const since = this.waitingSince.get(key) ?? now;
      this.waitingSince.set(key, since);
      if (now - since < minWaitMs) continue;
      const answer = await this.truthfulAnswer(order);
      if (answer === 'wait') continue;
      await this.orderCommand(answer, order);
      answered += 1;
    }
    return answered;
  }

  private async chooseFor(status: string, order: Document, stalled: boolean): Promise<OrderAction | 'wait'> {
    const r = this.d.random;
    // "Reset stuck" is for an order nothing is printing (OrderPanel: "use it only when you are sure nothing is
    // printing it"): a person presses it for a job stuck at a dead printer whose station is running (it takes the
    // job back), not for paper coming out of a working printer, nor for a job queued at a station that is down (no
    // station can take that job back: the printer prints it when it comes back). A reset in those cases asks for a
    // second copy that no station can stop, so the drill's person, like a real one, does not do that.
    const reset = (fallback: OrderAction): OrderAction => (this.mayStillPrint(order) ? fallback : 'resetStuck');
    switch (status) {
      case 'pending':
        return r.pick(['cancel', 'cancel', 'cancel', 'forcePrinted', 'reprint'] as const);
      case 'printing':
        // At a dead printer a person mostly takes the order back (reset), sometimes cancels it.
        return stalled
          ? r.pick(['cancel', reset('cancel'), reset('cancel')] as const)
          : r.pick(['cancel', 'cancel', reset('cancel'), 'forcePrinted', 'reprint'] as const);
      case 'needs_attention':
        if (r.chance(stalled ? 0.4 : 0.7)) return this.truthfulAnswer(order);
        // A cancel from needs_attention is final at once: only the station holding the job can stop it, so with that
        // station down (its job still queued) a person waits for it to come back.
        return this.stationDownWithJob(order) ? 'wait' : r.pick(['cancel', reset('cancel')] as const);
      case 'failed':
        return r.pick(['reprint', 'reprint', 'cancel'] as const);
      default: // printed, cancelled
        return 'reprint';
    }
  }

  /**
   * This attempt's job is queued or printing at a printer and nobody can stop it: the printer is working (paper is,
   * or soon will be, moving), or its station is down (the job prints when the printer or station comes back, before
   * any station can look at the order).
   */
  private mayStillPrint(order: Document): boolean {
    const at = this.jobAt(order);
    return at !== undefined && (at.working || !at.stationUp);
  }

  private stationDownWithJob(order: Document): boolean {
    const at = this.jobAt(order);
    return at !== undefined && !at.stationUp;
  }

  /** Where this attempt's job is queued or printing: whether that printer works, and whether its station is up. */
  private jobAt(order: Document): { working: boolean; stationUp: boolean } | undefined {
    const at = order.printJobId ? this.d.output.attemptAtPrinter(String(order.printJobId)) : undefined;
    if (!at) return undefined;
    const station = this.d.fleet.printers.find((p) => p.printerId === at.printer)?.station;
    return { working: !this.d.stalled().has(at.printer), stationUp: station !== undefined && this.d.fleet.up().includes(station) };
  }

  /**
   * What a person at the printer answers: "yes, it printed" when this attempt's paper is in a tray; wait while the
   * job may still print with nobody able to stop it (mayStillPrint); otherwise "reprint".
   */
  private async truthfulAnswer(order: Document): Promise<OrderAction | 'wait'> {
    const printJobId = order.printJobId ? String(order.printJobId) : undefined;
    if (!printJobId) return 'reprint';
    if (await this.d.output.attemptPrinted(printJobId)) return 'forcePrinted';
    return this.mayStillPrint(order) ? 'wait' : 'reprint';
  }

  private async orderCommand(action: OrderAction, order: Document): Promise<string> {
    // A person whose station is restarting waits for it (or walks to another one).
    let up = this.d.fleet.up();
    for (let waited = 0; up.length === 0 && waited < 15_000; waited += 200) {
      await sleep(200);
      up = this.d.fleet.up();
    }
    if (up.length === 0) return 'no station is up to take the command';
    const station = this.d.random.pick(up);
    const client = await this.d.fleet.console(station);
    if (!client) return `the console of ${this.d.fleet.stationIds[station]} is not reachable`;
    const orderId = String(order.orderId);
    const result = await client[action]({
      operator: OPERATOR,
      orderId,
      reason: `chaos drill: ${action} on a ${String(order.printStatus)} order`,
    }).catch((error: Error): CommandResult => ({ ok: false, reason: error.message }));
    const at = Date.now();
    if (result.ok && action === 'cancel') this.cancels.set(orderId, at);
    this.actions.push({
      at,
      station: this.d.fleet.stationIds[station]!,
      action,
      orderId,
      seen: String(order.printStatus),
      ok: result.ok,
      reason: result.ok ? result.message : result.reason,
    });
    return `${action} ${orderId} (${String(order.printStatus)}${order.printerId ? ` at ${String(order.printerId)}` : ''}): ${result.ok ? (result.message ?? 'done') : `refused: ${result.reason}`}`;
  }

  /** Finds a printer question; with `answer`, answers it through that station's console. */
  private async printerQuestion(answer: boolean): Promise<string | undefined> {
    for (const station of this.d.fleet.up()) {
      const client = await this.d.fleet.console(station);
      const snapshot = await client?.snapshot({}).catch(() => null);
      const asking = snapshot?.printers.find((p) => p.state === 'error' || p.state === 'awaiting_retrieval');
      if (!asking) continue;
      if (!answer) return asking.printerId;
      const n = await this.attendPrinters({ badRetrievals: true });
      return `answered ${n} printer question(s)`;
    }
    return undefined;
  }

  private async printerCommand(
    station: number,
    action: string,
    printerId: string,
    orderId: string | undefined,
    run: () => Promise<CommandResult>,
  ) {
    const result = await run().catch((error: Error): CommandResult => ({ ok: false, reason: error.message }));
    this.actions.push({
      at: Date.now(),
      station: this.d.fleet.stationIds[station]!,
      action,
      printerId,
      orderId,
      ok: result.ok,
      reason: result.ok ? result.message : result.reason,
    });
  }

  private find(filter: Document, limit = 50): Promise<Document[]> {
    return this.d.orders
      .find(
        { orderId: { $in: this.d.orderIds() }, ...filter },
        { projection: { orderId: 1, printStatus: 1, printJobId: 1, printerId: 1, stationId: 1 }, limit },
      )
      .toArray();
  }
}
