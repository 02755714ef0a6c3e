/**
 * Changed orders to the consoles (issue 11): while at least one console listens, the orders' changes (the repository's
 * followRows, orderRows.ts) go out as `orders_changed` pushes, so a row on screen changes within a moment of the
 * database, from any station, the shop or the operator, without the console asking for its tab again.
 * Changes that come close together go out as one push (a claim is several writes in a row).
 */
import type { OrderDoc } from '../../../shared/domain';
import type { OrderView, StationPush } from '../../../shared/stationApi';
import { orderView } from './stationViews';

export interface RowSource {
  followRows?(onOrder: (order: OrderDoc) => void, onGap?: () => void): () => Promise<void>;
}

/** Changes within this many ms go out together. */
const BATCH_MS = 25;

export class QueueRowsRelay {
  private stop: (() => Promise<void>) | undefined;
  private batch = new Map<string, OrderView>();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly push: (push: StationPush) => void) {}

  /** Follows `source` (an engine's order repository) until `close`; a new source replaces the old one. */
  follow(source: RowSource | undefined): void {
    this.close();
    if (!source?.followRows) return;
    this.stop = source.followRows(
      (order) => this.add(orderView(order)),
      // Events may be lost: the consoles read their open tab again.
      () => this.push({ type: 'orders_changed', orders: [], gap: true }),
    );
  }

  get following(): boolean {
    return this.stop !== undefined;
  }

  close(): void {
    const stop = this.stop;
    this.stop = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.batch.clear();
    void stop?.().catch(() => {});
  }

  private add(view: OrderView): void {
    this.batch.set(view.orderId, view);
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const orders = [...this.batch.values()];
      this.batch.clear();
      if (orders.length) this.push({ type: 'orders_changed', orders });
    }, BATCH_MS);
  }
}
