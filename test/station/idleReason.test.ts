/**
 * An idle printer says why it takes none of the pending orders (DESIGN §5, issue 11): held, pinned to another
 * printer or station, or needing what it lacks, instead of "no pending order fits" for all of them.
 */
import { describe, expect, it } from 'vitest';
import { OrderSteering } from '../../electron/db/orderSteering';
import { idleCounts, idleReason, sharedGlance, type IdleCounts, type QueueGlance } from '../../electron/station/printer/idleReason';
import { printerSentence } from '../../shared/operatorWords';
import { printerWordsIn } from '../../renderer/src/i18n/printerWords';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, openPrintRoom, operator, waitFor } from './stationFixture';

const t = await openTestDatabase('station_idlereason');
const cleanup = cleanupAfterEach();

/** Waits for the printer's reason; a timeout says what it said instead. */
async function saysWhy(reason: () => string | undefined, expected: string): Promise<void> {
  await waitFor(`the printer says: ${expected}`, () => reason() === expected).catch((error: Error) => {
    throw new Error(`${error.message} (it says: ${reason() ?? 'nothing'})`);
  });
}

describe('an idle printer says why no pending order is for it', () => {
  it('the only pending order pinned to another printer is said so, and once unpinned this printer prints it', async () => {
    // Auto-print off until the order is pinned: no claim is under way while the test sets it up.
    const { db, shop, s, order, view } = await openPrintRoom(t, cleanup, 'idlepinned', {
      printers: [
        { name: 'A', autoPrint: false },
        { name: 'B', autoPrint: false },
      ],
    });
    const steering = new OrderSteering(db);
    const { orderId } = await shop.createOrder({ pages: 1 });
    expect((await steering.pin(orderId, { printerId: s.printerId('B') }, operator)).ok).toBe(true);
    s.engine.printer(s.printerId('A'))!.setAutoPrint(true);

    // The safety poll sees a claimable order (pinned elsewhere) and wakes A: its claim finds nothing, and it says why.
    const expected = 'the only pending order is pinned to another printer';
    await saysWhy(() => view('A').notClaimingReason, expected);
    expect((await order(orderId))?.printStatus).toBe('pending');

    expect((await steering.unpin(orderId, operator)).ok).toBe(true);
    await waitFor('A prints the unpinned order', async () => (await order(orderId))?.printStatus === 'printed');
    expect((await order(orderId))?.printerId).toBe(s.printerId('A'));
    await waitFor('A no longer says why it takes nothing', () => view('A').notClaimingReason === undefined);
  });

  it('held orders and orders pinned to another station are told apart from orders that need what it lacks', async () => {
    const { db, shop, s, view } = await openPrintRoom(t, cleanup, 'idlemixed', {
      printers: [{ name: 'A', autoPrint: false }],
    });
    const steering = new OrderSteering(db);
    const held = await shop.createOrder({ pages: 1 });
    const elsewhere = await shop.createOrder({ pages: 1 });
    await shop.createOrder({ pages: 1, printingOptions: { paperSize: 'A3' } });
    expect((await steering.hold(held.orderId, operator, 'customer on the phone')).ok).toBe(true);
    expect((await steering.pin(elsewhere.orderId, { stationId: 'back-office' }, operator)).ok).toBe(true);
    s.engine.printer(s.printerId('A'))!.setAutoPrint(true);
    const expected = 'none of the 3 pending orders is for it: 1 held, 1 pinned to another station, 1 does not fit its paper/colour/duplex';
    await saysWhy(() => view('A').notClaimingReason, expected);
  });
});

describe('the reason in words', () => {
  const printer = {
    printerId: 'front',
    stationId: 'counter',
    capabilities: { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 10 },
  };
  const glance = (orders: QueueGlance['orders'], more = false): QueueGlance => ({ orders, more });
  const why = (orders: QueueGlance['orders'], more = false) => idleReason(idleCounts(printer, glance(orders, more)));

  it('says the one kind there is, and says nothing when an order is for it or none waits', () => {
    expect(why([{ hold: { by: 'anna' } }])).toBe('the only pending order is held');
    expect(why([{ pinnedPrinterId: 'back' }, { pinnedPrinterId: 'side' }])).toBe('the 2 pending orders are pinned to other printers');
    expect(why([{ pinnedStationId: 'back-office' }])).toBe('the only pending order is pinned to another station');
    expect(why([{ printingOptions: { paperSize: 'A3' } }])).toBe('no pending order fits its paper/colour/duplex');
    expect(why([{ hold: { by: 'anna' } }, { printingOptions: { paperSize: 'A4' } }])).toBeUndefined();
    expect(why([{ pinnedPrinterId: 'front' }, { hold: { by: 'anna' } }])).toBeUndefined(); // pinned here: for it
    expect(why([])).toBeUndefined();
    expect(why([{ printingOptions: { paperSize: 'B5' } }])).toBeUndefined(); // malformed: the sweep's to fail
  });

  it('a look that stopped at its limit says so', () => {
    const held = Array.from({ length: 3 }, () => ({ hold: { by: 'anna' } }));
    expect(why(held, true)).toBe('the 3+ pending orders are held');
    expect(why([...held, { pinnedPrinterId: 'back' }], true)).toBe(
      'none of the 4+ pending orders is for it: 3 held, 1 pinned to another printer',
    );
  });

  it('one look serves every printer of the station for a moment; a failed look is asked again', async () => {
    const repo = {};
    let looks = 0;
    const look = async () => {
      looks++;
      return glance([]);
    };
    await Promise.all([sharedGlance(repo, look, 1_000), sharedGlance(repo, look, 1_500)]);
    expect(looks).toBe(1);
    await sharedGlance(repo, look, 5_000);
    expect(looks).toBe(2);
    const failing = sharedGlance({}, () => Promise.reject(new Error('database gone')), 1_000);
    await expect(failing).rejects.toThrow('database gone');
  });
});

describe('the reason in the operator language', () => {
  const none: IdleCounts = { held: 0, pinnedToPrinters: 0, pinnedToStations: 0, unfit: 0, fits: 0, more: false };
  const sentence = (reason: string, locale: 'en' | 'de') =>
    printerSentence({ name: 'Front', state: 'ready', notClaimingReason: reason }, Date.now(), printerWordsIn(locale)).headline;

  it('the card says each of the station sentences in German, and in English exactly as the station wrote it', () => {
    const cases: Array<[IdleCounts, string]> = [
      [{ ...none, held: 1 }, 'Front: bereit, nimmt aber keine Aufträge: der einzige wartende Auftrag ist zurückgehalten.'],
      [
        { ...none, pinnedToPrinters: 2 },
        'Front: bereit, nimmt aber keine Aufträge: die 2 wartenden Aufträge sind fest an andere Drucker gebunden.',
      ],
      [
        { ...none, unfit: 4 },
        'Front: bereit, nimmt aber keine Aufträge: kein wartender Auftrag passt zu Papier, Farbe oder Duplex dieses Druckers.',
      ],
      [
        { ...none, held: 1, pinnedToStations: 1, unfit: 3, more: true },
        'Front: bereit, nimmt aber keine Aufträge: keiner der 5+ wartenden Aufträge ist für ihn: 1 zurückgehalten, 1 fest an eine andere Station gebunden, 3 passen nicht zu Papier, Farbe oder Duplex dieses Druckers.',
      ],
    ];
    for (const [counts, german] of cases) {
      const english = idleReason(counts)!;
      expect(sentence(english, 'de')).toBe(german);
      expect(sentence(english, 'en')).toBe(`Front: ready, but not taking orders: ${english}.`);
    }
    // Any other reason is shown as the station wrote it.
    expect(sentence('auto-print is off', 'de')).toBe('Front: bereit, nimmt aber keine Aufträge: auto-print is off.');
  });
});
