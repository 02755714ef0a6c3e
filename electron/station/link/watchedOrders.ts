/**
 * The order core as the station's own operators use it: the same repository, telling the engine which order a
 * local operator command just touched, so a printer following that order's spool job looks at the order at once
 * (DESIGN §4: a spool job is owned like its order) instead of at its next orderPollMs look.
 */
import { OrderRepository } from '../../db/orderRepository';

export class WatchedOrders extends OrderRepository {
  private touched: (orderId: string) => void = () => {};

  onOperatorAction(listener: (orderId: string) => void): void {
    this.touched = listener;
  }

  override async reprint(...args: Parameters<OrderRepository['reprint']>) {
    try {
      return await super.reprint(...args);
    } finally {
      this.touched(args[0]);
    }
  }
  override async cancel(...args: Parameters<OrderRepository['cancel']>) {
    try {
      return await super.cancel(...args);
    } finally {
      this.touched(args[0]);
    }
  }
  override async resetStuck(...args: Parameters<OrderRepository['resetStuck']>) {
    try {
      return await super.resetStuck(...args);
    } finally {
      this.touched(args[0]);
    }
  }
  override async forcePrinted(...args: Parameters<OrderRepository['forcePrinted']>) {
    try {
      return await super.forcePrinted(...args);
    } finally {
      this.touched(args[0]);
    }
  }
}
