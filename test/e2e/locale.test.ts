/**
 * The operator picks German (issue 11): the printers and queue screens speak German, the queue's total and dates are
 * written the German way, and the pick survives a reload. English stays the default for everyone else.
 */
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStation, printerCard, screenshot, type OperatorSession } from './helpers/operatorUi';

const COUNT = 1_200;
let s: OperatorSession;
let client: MongoClient;

beforeAll(async () => {
  s = await openStation({
    printers: [
      { name: 'Front', requiresRetrieval: false, capabilities: { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 1 } },
    ],
  });
  client = await new MongoClient(s.demo.mongoUri).connect();
  // A3 orders from three days ago: the only printer takes A4, so they wait, and their age reads as a date.
  const threeDaysAgo = Date.now() - 3 * 86_400_000;
  const orders = Array.from({ length: COUNT }, (_, i) => ({
    orderId: `DE-${String(i).padStart(4, '0')}`,
    paymentStatus: 'completed',
    printStatus: 'pending',
    createdAt: new Date(threeDaysAgo - i * 1000),
    fileURL: s.demo.shop.fileUrl('good'),
    printingOptions: { paperSize: 'A3', color: true, duplex: false, copies: 1 },
  }));
  await client.db(s.demo.dbName).collection('orders').insertMany(orders);
});
afterAll(async () => {
  await client?.close();
  await s?.close();
});

const heading = () => s.page.locator('h1').first().textContent();
const sidebarButton = (name: string) => s.page.locator('.sidebar').getByRole('button', { name, exact: false }).first();

describe('the console in German', () => {
  it('starts in English, and once German is picked the printers and queue screens speak German', async () => {
    const { page } = s;
    await expect.poll(heading).toBe('Printers');
    await expect.poll(() => printerCard(page, 'Front').locator('.state-pill').textContent()).toBe('Ready');

    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await expect.poll(heading).toBe('Drucker');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('de');
    const card = printerCard(page, 'Front');
    await expect.poll(() => card.locator('.state-pill').textContent()).toBe('Bereit');
    await expect.poll(() => card.getByRole('button', { name: 'Testseite' }).count()).toBe(1);
    // Ready; once it has looked at the A3 orders it also says (in German) why none is for it.
    await expect
      .poll(() => card.getByTestId('printer-sentence').textContent())
      .toMatch(/^Front: bereit( für den nächsten Auftrag|, nimmt aber keine Aufträge: kein wartender Auftrag passt .+)\.$/);
    await expect.poll(() => page.getByRole('button', { name: 'Alle pausieren' }).count()).toBe(1);
    await expect.poll(() => card.locator('.card-actions .muted').textContent()).toMatch(/^Bereit seit \d+/);
    await expect.poll(() => page.getByRole('combobox', { name: 'Sprache' }).inputValue()).toBe('de');
    await screenshot(page, 'locale-de-printers');
    // A command's toast in German too (shared/operatorWords.printerCommandOutcome from the catalogue).
    await card.getByRole('button', { name: 'Pausieren', exact: true }).click();
    await expect.poll(() => page.locator('.toast', { hasText: 'Front pausiert.' }).count()).toBeGreaterThan(0);
    await card.getByRole('button', { name: 'Fortsetzen', exact: true }).click();
    await expect.poll(() => page.locator('.toast', { hasText: 'Front fortgesetzt.' }).count()).toBeGreaterThan(0);
    await expect.poll(() => card.locator('.state-pill').textContent()).toBe('Bereit');
    // A printer's refusal in German (said by the station as data): "recovered" while the paper is still jammed.
    await card.getByTestId('simulate-Front').locator('summary').click();
    await card.getByRole('button', { name: 'Papierstau', exact: true }).click();
    await expect.poll(() => page.locator('.toast', { hasText: 'Papierstau in Front (simuliert)' }).count()).toBeGreaterThan(0);
    await expect.poll(() => card.locator('.state-pill').textContent(), { timeout: 15_000 }).toBe('Fehler');
    await card.getByRole('button', { name: 'Drucker wieder bereit', exact: true }).click();
    await expect
      .poll(() => page.locator('.toast', { hasText: 'Der Drucker meldet noch Papierstau; beheben Sie das zuerst' }).count())
      .toBeGreaterThan(0);
    await card.getByRole('button', { name: 'Stau beheben', exact: true }).click();
    await card.getByRole('button', { name: 'Drucker wieder bereit', exact: true }).click();
    await expect.poll(() => card.locator('.state-pill').textContent(), { timeout: 15_000 }).toBe('Bereit');

    await sidebarButton('Warteschlange').click();
    await expect.poll(heading).toBe('Warteschlange');
    await expect.poll(() => page.getByRole('tab', { name: /^Wartend/ }).getAttribute('aria-selected')).toBe('true');
    // 1.200, not 1,200: the total's number is written the German way, with the German plural.
    await expect.poll(() => page.locator('.queue-main > .muted.small').textContent(), { timeout: 60_000 }).toBe('1.200 Aufträge');
    const first = page.locator('[data-testid^="order-DE-"]').first();
    await expect.poll(() => first.count(), { timeout: 30_000 }).toBe(1);
    // Three days old: the date and time as Germans write them (dd.mm.yy, 24 h), the options in German.
    await expect.poll(() => first.locator('.col-created').textContent()).toMatch(/^\d{2}\.\d{2}\.\d{2}, \d{2}:\d{2}:\d{2}$/);
    await expect.poll(() => first.locator('.col-options').textContent()).toBe('A3 · Farbe');
    await expect.poll(() => page.getByRole('columnheader', { name: 'Kunde' }).count()).toBe(1);
    // The forecast says in German why no printer takes it (A3, only an A4 printer), and its narrow cell carries it in full.
    const forecast = first.getByTestId('forecast');
    await expect.poll(() => forecast.textContent()).toBe('#1 · braucht A3, kein A3-Drucker online');
    await expect.poll(() => first.locator('.col-printer').getAttribute('title')).toBe('#1 · braucht A3, kein A3-Drucker online');
    await screenshot(page, 'locale-de-queue');

    // The station names an order's outcome in English; the toast says it in German.
    const orderId = (await first.getAttribute('data-testid'))!.slice('order-'.length);
    await first.click();
    const panel = page.getByRole('complementary', { name: `Auftrag ${orderId}` });
    // A steer's outcome too, said by the station as data: the toast is German.
    await panel.getByRole('button', { name: 'Als Nächstes drucken' }).click();
    await expect
      .poll(() => page.locator('.toast', { hasText: `Auftrag ${orderId} wird als Nächstes gedruckt` }).count())
      .toBeGreaterThan(0);
    // A refusal too: the station refuses to pin an A3 order to Front (A4 only) and says so as data; the toast is German.
    await panel.getByRole('combobox', { name: 'Auf Drucker drucken' }).selectOption({ label: 'Front' });
    await panel.getByRole('button', { name: 'Festlegen', exact: true }).click();
    const refusedPin = `Auftrag ${orderId} kann nicht auf Front gedruckt werden: er braucht Papier A3`;
    await expect.poll(() => page.locator('.toast', { hasText: refusedPin }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Auftrag stornieren' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Grund/).fill('Kunde hat abgesagt');
    await dialog.getByRole('button', { name: 'Auftrag stornieren', exact: true }).click();
    await expect
      .poll(() => page.locator('.toast', { hasText: `Auftrag ${orderId} storniert.` }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await panel.getByRole('button', { name: 'Schließen' }).click();
    await expect.poll(() => panel.count()).toBe(0);

    // Cancelled by someone else while this operator decides: the dialog and the toast say so in German.
    const second = page.locator('[data-testid^="order-DE-"]').first();
    await expect.poll(() => second.getAttribute('data-testid')).not.toBe(`order-${orderId}`);
    const otherId = (await second.getAttribute('data-testid'))!.slice('order-'.length);
    await second.click();
    const otherPanel = page.getByRole('complementary', { name: `Auftrag ${otherId}` });
    await otherPanel.getByRole('button', { name: 'Auftrag stornieren' }).click();
    const asked = page.getByRole('dialog');
    await asked.getByLabel(/^Grund/).fill('doppelt bestellt');
    await client
      .db(s.demo.dbName)
      .collection('orders')
      .updateOne({ orderId: otherId }, { $set: { printStatus: 'cancelled' } });
    await asked.getByRole('button', { name: 'Auftrag stornieren', exact: true }).click();
    await expect
      .poll(() => asked.getByRole('alert').textContent(), { timeout: 15_000 })
      .toMatch(new RegExp(`^Auftrag ${otherId} ist bereits storniert`));
    await expect.poll(() => page.locator('.toast', { hasText: `Auftrag ${otherId} ist bereits storniert` }).count()).toBeGreaterThan(0);
    await screenshot(page, 'locale-de-already-cancelled');
    await page.keyboard.press('Escape');
    await expect.poll(() => asked.count()).toBe(0);
    // Closed before the reload below, so the next test reloads the queue itself (an order's address on a fresh load
    // is findOrders.test's case).
    await otherPanel.getByRole('button', { name: 'Schließen' }).click();
    await expect.poll(() => otherPanel.count()).toBe(0);
  });

  it('keeps the pick across a reload', async () => {
    const { page } = s;
    await page.reload();
    await expect.poll(() => sidebarButton('Drucker').count()).toBe(1);
    await expect.poll(() => page.getByRole('combobox', { name: 'Sprache' }).inputValue()).toBe('de');
  });
});
