/**
 * Wakes the claim loops when work may be available (DESIGN §7, Pickup). It never hands out orders: the claim
 * decides. Three sources of wake-ups, so a missed event costs a delay, never a lost order:
 *   - a change stream on `orders` (resume token kept, reopened with backoff after any error);
 *   - a slow safety poll that runs regardless (backoff expiries make no event; streams can silently stall);
 *   - a poll every `pollIntervalMs` whenever the stream is not working (servers without change streams).
 * Polls ask the database whether anything is claimable at all, so an idle shop costs one indexed query per poll.
 * The stream also tells `onStatusChange` listeners when an order's printStatus moved (the queue counts); polls don't.
 *
 * A fleet (issue 12): a wake-up names the order when it can (a WorkHint: the inserted document's options, or the
 * order a poll found), and `onTaken` tells when an order left pending (claimed, cancelled), so each station can let
 * one station claim an order and the others skip it (station/printer/claimScheduler.ts). Safety polls are spread
 * by a random part of their interval, so fifty stations started together do not poll in lock-step.
 *
 * What an idle station costs: mongod holds an empty getMore for `maxAwaitTimeMS` and answers at once when an event
 * arrives, so a long await costs no pickup latency. Servers that ignore it (mongo-java-server answers an empty batch
 * at once) would be asked in a tight loop; there the feed pauses after each quick empty answer, briefly right after
 * an event (the next order is likely close behind) and longer the longer the shop has been quiet, up to
 * `emptyAnswerPauseMaxMs`: an order after N quiet seconds waits at most about N/5 seconds more.
 */
import type { ChangeStream, Collection, Db, Document, ResumeToken } from 'mongodb';
import { collections } from './collections';
import { claimableFilter } from './orderQueries';
import { OrderStatusMemory, type CountsMove } from './orderStatusMemory';
import { WATCHED_CHANGES, classifyChange, hintOf, jittered, type WorkHint } from './orderEvents';

export { classifyChange, hintOf, jittered, type WorkHint } from './orderEvents';
import { Emitter } from '../../shared/emitter';

export interface OrderChangeFeedOptions {
  pollIntervalMs?: number;
  safetyPollMs?: number;
  useChangeStreams?: boolean;
  /** Longest wait between attempts to reopen a broken stream. */
  reopenMaxDelayMs?: number;
  /** How long the server may hold an empty getMore of the stream (default 30 s). */
  maxAwaitTimeMS?: number;
  /** Longest pause after a quick empty answer, on servers that do not hold getMore (default 5 s). */
  emptyAnswerPauseMaxMs?: number;
}

/** The shortest pause after a quick empty answer, and what counts as quick (a held getMore takes longer). */
const EMPTY_ANSWER_PAUSE_MS = 100;
/** Quiet time is divided by this to give the pause: 10 s quiet → 2 s pause, capped at emptyAnswerPauseMaxMs. */
const QUIET_TO_PAUSE = 5;
const START_WAIT_MS = 5_000;

/** The pause after a quick empty answer, given how long the stream has been quiet. */
export function emptyAnswerPause(quietMs: number, maxMs: number): number {
  return Math.max(EMPTY_ANSWER_PAUSE_MS, Math.min(maxMs, Math.floor(quietMs / QUIET_TO_PAUSE)));
}

/** Server errors after which the kept resume token is useless (the oplog moved past it). */
const TOKEN_LOST_CODES = new Set([280, 286]);

export class OrderChangeFeed {
  private readonly orders: Collection;
  private readonly pollIntervalMs: number;
  private readonly safetyPollMs: number;
  private readonly useChangeStreams: boolean;
  private readonly reopenMaxDelayMs: number;
  private readonly maxAwaitTimeMS: number;
  private readonly emptyAnswerPauseMaxMs: number;
  private currentMode: 'change_stream' | 'polling' = 'polling';
  private stopped = true;
  private stream: ChangeStream | undefined;
  private streamLoop: Promise<void> | undefined;
  private resumeToken: ResumeToken | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private readonly work = new Emitter<WorkHint | undefined>();
  private readonly taken = new Emitter<string>();
  private readonly quiet = new Emitter();
  private readonly statusChanges = new Emitter<CountsMove | undefined>();
  private readonly statuses = new OrderStatusMemory();
  private waiters: Array<() => void> = [];
  /** A signal nobody was waiting for; the next waitForWork returns at once instead of missing it. */
  private unconsumedSignal = false;
  private wakeReopen: (() => void) | undefined;

  constructor(db: Db, options: OrderChangeFeedOptions = {}) {
    this.orders = collections(db).orders;
    this.pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.safetyPollMs = options.safetyPollMs ?? 30_000;
    this.useChangeStreams = options.useChangeStreams ?? true;
    this.reopenMaxDelayMs = options.reopenMaxDelayMs ?? 30_000;
    this.maxAwaitTimeMS = options.maxAwaitTimeMS ?? 30_000;
    this.emptyAnswerPauseMaxMs = Math.max(EMPTY_ANSWER_PAUSE_MS, options.emptyAnswerPauseMaxMs ?? 5_000);
  }

  get mode(): 'change_stream' | 'polling' {
    return this.currentMode;
  }

  /**
   * Resolves once the stream is open (or known unavailable) and the first poll has run, or after a few seconds
   * when the database does not answer: a station started offline must not wait for server selection to time out.
   */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.useChangeStreams) {
      const firstAttempt = new Promise<void>((firstAttemptDone) => {
        this.streamLoop = this.followStream(firstAttemptDone);
      });
      await atMost(START_WAIT_MS, firstAttempt);
    }
    await atMost(START_WAIT_MS, this.poll());
    this.schedulePoll();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    this.wakeReopen?.();
    await this.stream?.close().catch(() => {});
    await this.streamLoop;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Told when work may be there: about one order (a hint) or, with no hint, about the queue in general. */
  onWork(listener: (hint: WorkHint | undefined) => void): () => void {
    return this.work.on(listener);
  }

  /** Told (change stream only) when an order left pending: its key, as in WorkHint. */
  onTaken(listener: (key: string) => void): () => void {
    return this.taken.on(listener);
  }

  /** Told when a poll found nothing claimable at all (so "no pending order fits" and stale counts can be cleared). */
  onQuiet(listener: () => void): () => void {
    return this.quiet.on(listener);
  }

  /**
   * Told when some order's printStatus changed (claims, outcomes, operator actions, from any station) or a paid
   * order arrived: the queue counts moved, by `move` when the feed could tell (it had seen the order before; see
   * orderStatusMemory.ts), else count again. Only the change stream tells; polling adds no query for it.
   */
  onStatusChange(listener: (move: CountsMove | undefined) => void): () => void {
    return this.statusChanges.on(listener);
  }

  /** Resolves true on the next signal, false after `timeoutMs` without one. */
  waitForWork(timeoutMs: number): Promise<boolean> {
    if (this.unconsumedSignal) {
      this.unconsumedSignal = false;
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(!this.stopped);
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve(false);
      }, timeoutMs);
      this.waiters.push(wake);
    });
  }

  private signal(hint?: WorkHint): void {
    const waiters = this.waiters.splice(0);
    if (waiters.length === 0) this.unconsumedSignal = true;
    for (const wake of waiters) wake();
    this.work.emit(hint);
  }

  private tellQuiet(): void {
    this.quiet.emit();
  }

  private tellStatusChange(move?: CountsMove): void {
    this.statusChanges.emit(move);
  }

  private async followStream(firstAttemptDone: () => void): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      const stream = this.orders.watch(WATCHED_CHANGES, {
        ...(this.resumeToken ? { resumeAfter: this.resumeToken } : {}),
        maxAwaitTimeMS: this.maxAwaitTimeMS,
      });
      this.stream = stream;
      try {
        let opened = false;
        let lastEventAt = Date.now();
        while (!this.stopped) {
          const asked = Date.now();
          const change = await stream.tryNext(); // the first call opens the stream on the server
          if (stream.resumeToken) this.resumeToken = stream.resumeToken;
          if (!opened) {
            opened = true;
            // Reopened after a break: without a resume token (none yet, or lost) events of the gap are gone,
            // so wake the claimers once to look for themselves (and let the counts be re-read).
            if (failures > 0) {
              this.statuses.forget();
              this.signal();
              this.tellStatusChange();
            }
            failures = 0;
            this.setMode('change_stream');
            firstAttemptDone();
          }
          if (change) {
            const event = change as Document;
            const { work, taken, statusChange } = classifyChange(event);
            const id = (event.documentKey as Document | undefined)?._id;
            // Only work shortens the pause below: the next order is likely close behind a paid one.
            if (work) {
              lastEventAt = Date.now();
              this.signal(hintOf(id, event.fullDocument as Document | undefined, updatedFieldsOf(event)));
            }
            if (taken && id !== undefined) this.taken.emit(String(id));
            if (statusChange) this.tellStatusChange(this.statuses.moveOf(event));
          }
          // A server that ignores maxAwaitTimeMS answers an empty getMore at once (mongo-java-server does);
          // without this pause the loop would spin. Against mongod an empty answer took maxAwaitTimeMS already.
          else if (Date.now() - asked < EMPTY_ANSWER_PAUSE_MS) {
            await this.pause(emptyAnswerPause(Date.now() - lastEventAt, this.emptyAnswerPauseMaxMs));
          }
        }
      } catch (error) {
        if (this.stopped) break;
        failures += 1;
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'number' && TOKEN_LOST_CODES.has(code)) this.resumeToken = undefined;
        this.setMode('polling');
        firstAttemptDone();
        await this.pause(Math.min(this.reopenMaxDelayMs, 500 * 2 ** Math.min(failures - 1, 10)));
      } finally {
        await stream.close().catch(() => {});
      }
    }
  }

  private setMode(mode: 'change_stream' | 'polling'): void {
    if (this.currentMode === mode) return;
    this.currentMode = mode;
    // Switching to polling must not wait out a 30 s safety interval; switching back re-arms the slow one.
    if (!this.stopped && this.pollTimer) this.schedulePoll(mode === 'polling' ? 0 : undefined);
  }

  private schedulePoll(delayMs?: number): void {
    clearTimeout(this.pollTimer);
    if (this.stopped) return;
    const interval = jittered(this.currentMode === 'change_stream' ? this.safetyPollMs : this.pollIntervalMs);
    this.pollTimer = setTimeout(async () => {
      await this.poll();
      this.schedulePoll();
    }, delayMs ?? interval);
    this.pollTimer.unref?.();
  }

  private async poll(): Promise<void> {
    try {
      // Two at most: one order is a hint like a new order's event (one station claims it); more is a queue to drain.
      const claimable = await this.orders
        .find(claimableFilter(new Date()), { projection: { _id: 1, printingOptions: 1, pinnedPrinterId: 1, pinnedStationId: 1 }, limit: 2 })
        .toArray();
      if (this.stopped) return;
      const one = claimable.length === 1 ? hintOf(claimable[0]!._id, claimable[0]) : undefined;
      if (claimable.length > 0) this.signal(one && { ...one, polled: true });
      else this.tellQuiet();
    } catch {
      // The database is away: the claim loop finds out on its own; the next poll tries again.
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeReopen = done;
    });
  }
}

function updatedFieldsOf(event: Document): Document | undefined {
  return (event.updateDescription as Document | undefined)?.updatedFields as Document | undefined;
}

function atMost(ms: number, work: Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref?.();
    void work.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
