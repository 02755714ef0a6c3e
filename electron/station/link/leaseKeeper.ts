/**
 * Keeps the leases of the orders this station holds alive, on its own timer, so a slow download or a busy spooler
 * never lets a lease lapse by accident (DESIGN §4). Each held order gets an AbortSignal that fires when the lease is
 * gone: the database said the order is no longer ours, or renewals have failed for so long that the lease must be
 * assumed expired. Before the job reaches the spooler the loop aborts on that signal without sending anything;
 * after that point the spool job is owned like the order (DESIGN §4): a lost lease makes the follower cancel the
 * job at the spooler and check it is gone (printJob.ts). Every followed job holds a lease, also one found again
 * after a restart. The order core keeps a lease while the order is `printing` or `needs_attention` under its
 * printJobId, so a job flagged as slow is still owned and still followed.
 */
import type { Fence, OrderRepository } from '../../db/orderRepository';
import type { StationContext } from '../stationContext';

export interface LeaseHandle {
  readonly fence: Fence;
  /** Aborted (reason: a sentence) once the lease can no longer be trusted. */
  readonly signal: AbortSignal;
  /** Local estimate of the lease's end, moved on by each successful renewal. */
  readonly expiresAt: Date;
  release(): void;
}

export interface LeaseKeeperOptions extends Pick<StationContext, 'link' | 'logger'> {
  orders: Pick<OrderRepository, 'renewLease'>;
  leaseMs: number;
  renewEveryMs: number;
  /**
   * Safety margin: the station stops trusting its lease this long before its own estimate runs out, so a station
   * whose clock runs slow cannot keep acting on an order the reaper (on another clock) already took back.
   */
  marginMs: number;
  now?: () => Date;
}

export class LeaseKeeper {
  private readonly held = new Set<Held>();
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => Date;

  constructor(private readonly options: LeaseKeeperOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** `renewNow`: a job followed again after a restart renews at once (its lease may be nearly out). */
  hold(fence: Fence, leaseExpiresAt: Date, options: { renewNow?: boolean } = {}): LeaseHandle {
    const held = new Held(fence, leaseExpiresAt, () => {
      this.held.delete(held);
      if (this.held.size === 0) this.stopTimer();
    });
    this.held.add(held);
    this.startTimer();
    if (options.renewNow) void this.renew(held);
    return held;
  }

  /** Stops renewing everything (shutdown): the leases then run out on their own and the reaper takes over. */
  stop(): void {
    this.stopTimer();
    this.held.clear();
  }

  private startTimer(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.renewEveryMs);
    this.timer.unref();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async tick(): Promise<void> {
    await Promise.all([...this.held].map((held) => this.renew(held)));
  }

  private async renew(held: Held): Promise<void> {
    if (held.renewing || held.signal.aborted) return;
    held.renewing = true;
    const { orders, link, logger, leaseMs, renewEveryMs, marginMs } = this.options;
    try {
      const result = await link.run('lease renewal', () => orders.renewLease(held.fence), renewEveryMs);
      if (result.ok) {
        held.expiresAt = new Date(this.now().getTime() + leaseMs);
      } else {
        held.abort(`order ${held.fence.orderId} is no longer this station's (lease taken back)`);
        logger.warn(`Lost the lease on order ${held.fence.orderId} (job ${held.fence.printJobId})`, {
          orderId: held.fence.orderId,
        });
      }
    } catch (error) {
      const left = held.expiresAt.getTime() - marginMs - this.now().getTime();
      if (left <= 0) {
        held.abort(`the lease on order ${held.fence.orderId} could not be renewed: ${(error as Error).message}`);
        logger.warn(`Lease on order ${held.fence.orderId} presumed expired (renewal failing)`, {
          orderId: held.fence.orderId,
        });
      }
    } finally {
      held.renewing = false;
    }
  }
}

class Held implements LeaseHandle {
  private readonly controller = new AbortController();
  renewing = false;

  constructor(
    readonly fence: Fence,
    public expiresAt: Date,
    private readonly onRelease: () => void,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason: string): void {
    if (!this.controller.signal.aborted) this.controller.abort(new Error(reason));
  }

  release(): void {
    this.onRelease();
  }
}
