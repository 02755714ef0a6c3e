/**
 * Why an idle printer took nothing (DESIGN §5: the UI always says why a printer is not claiming; issue 11). After a
 * claim that found nothing, one look at the pending queue says whether its orders are held, pinned to other printers
 * or stations, or need what this printer lacks (shared/idleQueue.ts counts them and says it), instead of "no pending
 * order fits" for all of them. The look is the one read the claim miss already made (it replaces "is anything
 * claimable at all"), shared by the station's printers for a moment, so an idle tick asks nothing more.
 */
import { idleCounts, idleQueueSentence, type GlancedOrder, type IdleCounts } from '../../../shared/idleQueue';

export { idleCounts, type GlancedOrder, type IdleCounts };

/** The pending, paid, due orders, up to a limit; `more` when the look stopped at it (orderRepository.pendingGlance). */
export interface QueueGlance {
  orders: GlancedOrder[];
  more: boolean;
}

/** The printer's "not taking orders" reason in the station's words (English), or undefined. */
export function idleReason(counts: IdleCounts): string | undefined {
  return idleQueueSentence(counts);
}

/** How long one look at the queue serves every printer of the station (the claim misses of one wake-up). */
const GLANCE_MS = 2_000;

const glances = new WeakMap<object, { at: number; value: Promise<QueueGlance> }>();

/** One look at the queue per `GLANCE_MS` per repository (one per station), shared by its printers' claim misses. */
export function sharedGlance(orders: object, look: () => Promise<QueueGlance>, now = Date.now()): Promise<QueueGlance> {
  const last = glances.get(orders);
  if (last && now - last.at < GLANCE_MS) return last.value;
  const value = look();
  glances.set(orders, { at: now, value });
  // A failed look is not kept: the next miss asks again.
  value.catch(() => {
    if (glances.get(orders)?.value === value) glances.delete(orders);
  });
  return value;
}
