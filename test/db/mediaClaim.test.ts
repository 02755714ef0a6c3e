/**
 * Issue 10: a printer lists the media it has loaded, an order asks for one, and the claim (one findOneAndUpdate
 * with the capability filter) matches them: the same size under another name (short or PWG 5101.1), or a roll of
 * the label's width. The unprintable sweep agrees with the claim, so no order is stuck between the two.
 */
import { describe, expect, it } from 'vitest';
import { OrderRepository, type PrinterClaimProfile } from '../../electron/db/orderRepository';
import { migrate } from '../../electron/db/migrate';
import { openTestDatabase } from '../helpers/db';
import { officeLaser, paidOrder, station } from './fixtures';

const t = await openTestDatabase('media_claim');

const label = (printerId: string, paperSizes: string[]): PrinterClaimProfile => ({
  printerId,
  printerName: printerId,
  capabilities: { paperSizes, color: false, duplex: false, maxCopies: 100 },
});
const dieCut62 = label('ql-die-cut', ['om_62x100mm_62x100mm']);
const roll62 = label('ql-roll', ['roll_max_62x1000mm']);
const zebra4x6 = label('zebra', ['oe_4x6-label_4x6in']);
const shortZebra = label('old-zebra', ['Label-4x6']);

async function queue(name: string, media: string[]) {
  const db = t.client.db(`${t.dbName}_${name}`.slice(0, 60));
  await migrate(db);
  await db.collection('orders').insertMany(media.map((paperSize) => paidOrder({ orderId: paperSize, printingOptions: { paperSize } })));
  return { db, repo: new OrderRepository(db) };
}

async function claimAll(repo: OrderRepository, printer: PrinterClaimProfile): Promise<string[]> {
  const claimed: string[] = [];
  for (;;) {
    const claim = await repo.claimNextOrder(printer, station());
    if (!claim) return claimed.sort();
    claimed.push(claim.order.orderId);
  }
}

describe(`media in the claim (${t.serverKind})`, () => {
  it('a die-cut 62x100 printer claims 62x100 labels under any spelling, never a roll order or another size', async () => {
    const { repo } = await queue('die-cut', [
      'om_62x100mm_62x100mm',
      'om_dk-62x100_62.0x100.00mm',
      'oe_dk-labels_2.44x3.94in',
      'oe_62mm-roll_62x1000mm',
      'roll_max_62x100mm',
      'om_29x90mm_29x90mm',
      'A4',
    ]);
    expect(await claimAll(repo, dieCut62)).toEqual(['oe_dk-labels_2.44x3.94in', 'om_62x100mm_62x100mm', 'om_dk-62x100_62.0x100.00mm']);
  });

  it('a 62 mm roll claims any 62 mm label and 62 mm roll orders, nothing narrower or wider', async () => {
    const { repo } = await queue('roll', [
      'om_62x100mm_62x100mm',
      'om_62x29mm_62x29mm',
      'oe_62mm-roll_62x1000mm',
      'om_29x90mm_29x90mm',
      'Label-4x6',
      'A4',
    ]);
    expect(await claimAll(repo, roll62)).toEqual(['oe_62mm-roll_62x1000mm', 'om_62x100mm_62x100mm', 'om_62x29mm_62x29mm']);
  });

  it('short and PWG names of 4x6 meet in both directions; an office laser takes none of the labels', async () => {
    const first = await queue('four-by-six', ['Label-4x6', 'na_index-4x6_4x6in', 'om_100x150mm_100x150mm', 'A4']);
    expect(await claimAll(first.repo, officeLaser)).toEqual(['A4']);
    expect(await claimAll(first.repo, zebra4x6)).toEqual(['Label-4x6', 'na_index-4x6_4x6in']);
    const second = await queue('four-by-six-short', ['oe_4x6-label_4x6in', 'Label-4x6']);
    expect(await claimAll(second.repo, shortZebra)).toEqual(['Label-4x6', 'oe_4x6-label_4x6in']);
  });

  it('the unprintable sweep fails what no printer fits, keeps what one does, and still fails a made-up name as invalid data', async () => {
    const { db, repo } = await queue('sweep', ['om_62x100mm_62x100mm', 'om_29x90mm_29x90mm', 'om_62x100mm']);
    await repo.failUnprintable([roll62.capabilities], 0);
    const status = async (orderId: string) => db.collection('orders').findOne({ orderId });
    expect(await status('om_62x100mm_62x100mm')).toMatchObject({ printStatus: 'pending' });
    expect(await status('om_29x90mm_29x90mm')).toMatchObject({ printStatus: 'failed', printErrorCode: 'capability_mismatch' });
    expect((await status('om_29x90mm_29x90mm'))?.printError).toContain('no active printer has paper om_29x90mm_29x90mm');
    expect(await status('om_62x100mm')).toMatchObject({ printStatus: 'failed', printErrorCode: 'invalid_data' });
  });
});
