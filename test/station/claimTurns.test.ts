/**
 * Issue 12: who looks for a new order after a job. A printer busy printing when an order is announced looks for it
 * once its job is over (heardOf), but only at a station whose turn it is (rank 0 at once, rank 1 after its slot) and
 * only when no idle printer there takes the order. Before, every printing printer of every station heard of every
 * order and looked after its job: at 50 stations about one claim more per order, each finding nothing.
 */
import { describe, expect, it } from 'vitest';
import type { PrinterCapabilities } from '../../shared/domain';
import { claimRank } from '../../electron/station/printer/claimRank';
import { ClaimScheduler, type ClaimingPrinter } from '../../electron/station/printer/claimScheduler';
import { waitFor } from './stationFixture';

const A4: PrinterCapabilities = { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 99 };
const options = { paperSize: 'A4', color: false, duplex: false, copies: 1 } as const;

function printer(state: 'ready' | 'printing', printerId: string) {
  const p = {
    wakes: 0,
    heard: 0,
    state,
    view: () => ({ printerId, state: p.state, autoPrint: true, health: 'online' as const, capabilities: A4 }),
    wake: () => void (p.wakes += 1),
    heardOf: () => void (p.heard += 1),
    forgotten: [] as string[],
    forget: (key: string) => void p.forgotten.push(key),
  };
  return p satisfies ClaimingPrinter;
}

const stations = ['here', 'b', 'c', 'd'];
const fleet = stations.map((stationId) => ({ stationId, capabilities: A4 }));
const keyWithRank = (rank: number) =>
  Array.from({ length: 500 }, (_, i) => `order-${i}`).find((k) => claimRank(k, 'here', stations) === rank)!;
const settle = () => new Promise((r) => setTimeout(r, 150));

function stationWith(...printers: ReturnType<typeof printer>[]) {
  return new ClaimScheduler({ stationId: 'here', printers: () => printers, roster: async () => fleet, slotMs: 40 });
}

describe('a printer busy printing when an order is announced', () => {
  it('does not look for it after its job when an idle printer of its station takes it', async () => {
    const [busy, idle] = [printer('printing', 'here:P1'), printer('ready', 'here:P2')];
    const scheduler = stationWith(busy, idle);
    scheduler.work({ key: keyWithRank(0), options });
    await waitFor('the idle printer woken', () => idle.wakes === 1);
    await settle();
    expect(busy.heard).toBe(0);
    scheduler.stop();
  });

  it("does not look for it when it is another station's turn", async () => {
    const [busy, idle] = [printer('printing', 'here:P1'), printer('ready', 'here:P2')];
    const scheduler = stationWith(busy, idle);
    scheduler.work({ key: keyWithRank(2), options });
    scheduler.work({ key: keyWithRank(3), options });
    await settle();
    expect({ heard: busy.heard, wakes: idle.wakes }).toEqual({ heard: 0, wakes: 0 });
    scheduler.stop();
  });

  it('looks for it after its job when its station is first in turn and has no idle printer', async () => {
    const busy = [printer('printing', 'here:P1'), printer('printing', 'here:P2')];
    const scheduler = stationWith(...busy);
    scheduler.work({ key: keyWithRank(0), options });
    await waitFor('both printing printers told', () => busy.every((p) => p.heard === 1));
    scheduler.stop();
  });

  it('looks for it after its job when its station is the backup, nobody was seen taking it, and no printer there is idle', async () => {
    const busy = printer('printing', 'here:P1');
    const scheduler = stationWith(busy);
    scheduler.work({ key: keyWithRank(1), options });
    await waitFor('told after the slot', () => busy.heard === 1);
    scheduler.stop();
  });

  it('hears of every order when a poll or the queue in general is announced (the order has waited)', () => {
    const busy = printer('printing', 'here:P1');
    const scheduler = stationWith(busy);
    scheduler.work({ key: keyWithRank(3), options, polled: true });
    scheduler.work(undefined);
    expect(busy.heard).toBe(2);
    scheduler.stop();
  });
});

describe("a poll's order", () => {
  it('is claimed by one idle printer of the station that polled, whatever its turn, not by each of them', () => {
    const idle = [printer('ready', 'here:P1'), printer('ready', 'here:P2')];
    const scheduler = stationWith(...idle);
    scheduler.work({ key: keyWithRank(3), options, polled: true });
    expect(idle.map((p) => p.wakes).sort()).toEqual([0, 1]);
    scheduler.stop();
  });
});

describe('an order the feed shows taken', () => {
  it("is forgotten by this station's printers, so none looks for it after its job", () => {
    const [busy, idle] = [printer('printing', 'here:P1'), printer('ready', 'here:P2')];
    const scheduler = stationWith(busy, idle);
    scheduler.orderTaken('order-taken-elsewhere');
    expect([busy.forgotten, idle.forgotten]).toEqual([['order-taken-elsewhere'], ['order-taken-elsewhere']]);
    scheduler.stop();
  });
});
