/**
 * Issue 12: a fleet's database load grows with prints, not with stations. A small fleet (5 real station engines of
 * 2 virtual printers each, the timing defaults of DESIGN §7) prints 50 orders that the shop inserts at a steady rate,
 * with every command the stations send counted (bench/fleet.ts). Every order prints exactly once, and a new order
 * costs about one claim and the printer's look for more after it, not one claim per idle printer of the fleet.
 */
import { describe, expect, inject, it } from 'vitest';
import { measureFleet } from '../../bench/fleet';

describe('a fleet of 5 stations x 2 printers', () => {
  it('prints every order once, with a few claim attempts per order, not one per idle printer', async () => {
    const row = await measureFleet({ uri: inject('mongoUri'), stations: 5, orders: 50, rate: 5, idleSeconds: 0, timeoutMs: 120_000 });
    console.log(`[fleet] ${JSON.stringify(row)}`);
    expect({ printed: row.printed, duplicates: row.duplicates }).toEqual({ printed: 50, duplicates: 0 });
    // One claim that takes the order, one look for more by the printer that printed it, and a little slack for a
    // station that claims a moment before it hears that another already has (10 idle printers claimed each order before).
    expect(row.claimAttemptsPerOrder).toBeLessThanOrEqual(3);
  }, 180_000);
});
