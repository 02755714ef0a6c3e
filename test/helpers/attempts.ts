/** An attempt at the printer that asks the operator "did it print?" (the printer commands' tests). */
import type { Attempt } from '../../electron/station/printer/attempt';

export const askedAttempt: Attempt = {
  printJobId: 'job-asked',
  orderId: 'ORD-9',
  orderKey: 'k',
  printerId: 'p1',
  systemName: 'P',
  attemptNo: 1,
  claimedAt: new Date(),
};
