/**
 * The header's queue counts: how many orders sit in each print status, asked by every station at each counts
 * refresh. A bare `$group` over the orders is a collection scan on mongod (its planner looks at an index only for a
 * predicate or an order), so the statuses are matched first: the $in is answered from any index that starts with
 * printStatus (orders_by_status_newest and three others), and with only printStatus kept the index alone answers
 * (a covered scan, no order is read). Orders with a status no station knows, or none, were never counted; the $in
 * leaves them out before the group instead of after it.
 */
import type { Document } from 'mongodb';
import { PRINT_STATUSES } from '../../shared/domain';

export const QUEUE_COUNTS_PIPELINE: readonly Document[] = [
  { $match: { printStatus: { $in: [...PRINT_STATUSES] } } },
  { $project: { _id: 0, printStatus: 1 } },
  { $group: { _id: '$printStatus', n: { $sum: 1 } } },
];
