/**
 * The station's refusals reach the console as data (shared/commandRefusals) beside their English `reason`, so a German
 * console can say "Auftrag 1042 ist bereits storniert": steering refusals, the order core's refusals, the PIN and a
 * station with no database yet. The English `reason` is the one the log and older consoles have always read.
 */
import { describe, expect, it } from 'vitest';
import { refusalSentence, type Refusal } from '../../shared/commandRefusals';
import type { CommandResult } from '../../shared/stationApi';
import { StoredSettings } from '../../shared/stationSettings';
import { StationApiService } from '../../electron/station/service/stationApiService';
import { memorySettingsStore } from '../../electron/station/service/settingsStore';
import { hashPin } from '../../electron/station/service/operatorPin';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, openPrintRoom, systemNameOf, waitFor } from './stationFixture';

const t = await openTestDatabase('refusals_said');
const cleanup = cleanupAfterEach();
const anna = { name: 'Anna' };

/** A refused result whose `said` is `refusal` and whose `reason` is that refusal's English sentence. */
function expectRefused(result: CommandResult, refusal: Refusal) {
  expect(result).toMatchObject({ ok: false, said: refusal });
  expect(result.ok ? undefined : result.reason).toBe(refusalSentence(refusal));
}

describe('a refused command carries the refusal as data', () => {
  it('steering: no such order, held twice, a printer that lacks the paper; the order core: cancel a cancelled order', async () => {
    const { db, s } = await openPrintRoom(t, cleanup, 'said', {
      printers: [{ name: 'Front', autoPrint: false, capabilities: { paperSizes: ['A4'], color: false, duplex: false, maxCopies: 5 } }],
    });
    const service = new StationApiService({ engine: s.engine, snapshotThrottleMs: 0 });
    const order = (orderId: string, paperSize: string, printStatus = 'pending') => ({
      orderId,
      paymentStatus: 'completed',
      printStatus,
      createdAt: new Date(),
      fileURL: 'https://cdn.shop.example/a.pdf',
      printingOptions: { paperSize, color: false, duplex: false, copies: 1 },
    });
    await db.collection('orders').insertMany([order('A3-1', 'A3'), order('HELD-1', 'A4'), order('GONE-1', 'A4', 'cancelled')]);

    expectRefused(await service.api.holdOrder({ orderId: 'NOPE', reason: 'why not', operator: anna }), {
      key: 'noSuchOrder',
      params: { orderId: 'NOPE' },
    });
    // Done, it says what it did as data too (shared/steerOutcomes), beside the English message.
    expect(await service.api.holdOrder({ orderId: 'HELD-1', reason: 'customer calls back', operator: anna })).toEqual({
      ok: true,
      message: 'Order HELD-1 held: no printer takes it until it is released',
      said: { key: 'held', params: { orderId: 'HELD-1' } },
    });
    expect(await service.api.printNext({ orderId: 'A3-1', operator: anna })).toMatchObject({
      said: { key: 'printsNext', params: { orderId: 'A3-1', priority: 1 } },
    });
    expectRefused(await service.api.holdOrder({ orderId: 'HELD-1', reason: 'again', operator: anna }), {
      key: 'alreadyHeld',
      params: { orderId: 'HELD-1', by: 'Anna', reason: 'customer calls back' },
    });
    expectRefused(await service.api.pinOrder({ orderId: 'A3-1', printerId: s.printerId('Front'), operator: anna }), {
      key: 'cannotPrintOn',
      params: { orderId: 'A3-1', printer: 'Front', misfit: { need: 'paper', size: 'A3' } },
    });
    expectRefused(await service.api.printNext({ orderId: 'GONE-1', operator: anna }), {
      key: 'wasCancelled',
      params: { orderId: 'GONE-1' },
    });
    expectRefused(await service.api.cancel({ orderId: 'GONE-1', reason: 'twice', operator: anna }), {
      key: 'notAllowed',
      params: { orderId: 'GONE-1', action: 'cancel', status: 'cancelled' },
    });
    expectRefused(await service.api.forcePrinted({ orderId: 'NOPE', reason: 'it came out', operator: anna }), {
      key: 'noSuchOrder',
      params: { orderId: 'NOPE' },
    });
  });

  it('the PIN: missing, wrong (with the attempts left), locked', async () => {
    const store = memorySettingsStore();
    const service = new StationApiService({ engine: null, settingsStore: store });
    await store.save(StoredSettings.parse({ stationName: 'Front desk', operatorName: 'Anna', pinHash: hashPin('4321') }));
    const cancel = (pin?: string) => service.invoke('cancel', { orderId: 'A-1', reason: 'x', operator: { ...anna, pin } }, 'ws:1');
    expectRefused((await cancel()) as CommandResult, { key: 'pinRequired', params: {} });
    expectRefused((await cancel('1111')) as CommandResult, { key: 'pinWrong', params: { attemptsLeft: 4 } });
    for (let i = 0; i < 3; i++) await cancel('1111');
    expectRefused((await cancel('1111')) as CommandResult, { key: 'pinLockedOut', params: { seconds: 30 } });
    const locked = (await cancel('4321')) as CommandResult;
    expect(locked).toMatchObject({ ok: false, code: 'pin_locked', said: { key: 'pinLocked' } });
  });

  it("a printer's command: recover a printer that is not in error, pause a paused one, a printer this station lacks", async () => {
    const { s } = await openPrintRoom(t, cleanup, 'said-printer', { printers: [{ name: 'Front', autoPrint: false }] });
    const service = new StationApiService({ engine: s.engine, snapshotThrottleMs: 0 });
    const printerId = s.printerId('Front');
    expectRefused(await service.api.printerRecovered({ printerId, operator: anna }), {
      key: 'printerRefused',
      params: { command: 'recovered', why: 'notInError' },
    });
    expect(await service.api.pausePrinter({ printerId, operator: anna })).toEqual({ ok: true });
    expectRefused(await service.api.pausePrinter({ printerId, operator: anna }), {
      key: 'printerRefused',
      params: { command: 'pause', why: 'alreadyPaused' },
    });
    expectRefused(await service.api.pauseAfterJob({ printerId, operator: anna }), {
      key: 'printerRefused',
      params: { command: 'pause', why: 'alreadyPaused' },
    });
    expectRefused(await service.api.resumePrinter({ printerId: 'p-none', operator: anna }), {
      key: 'noPrinterHere',
      params: { printerId: 'p-none' },
    });
  });

  it('"printer recovered" while the printer still reports its jam: the report as data, said in the console\'s words', async () => {
    const { s, view } = await openPrintRoom(t, cleanup, 'said-jam', { printers: [{ name: 'Front', autoPrint: false }] });
    const service = new StationApiService({ engine: s.engine, snapshotThrottleMs: 0 });
    s.driver.jam(systemNameOf(s.engine.stationId, 'Front'));
    await waitFor('printer in error', () => view('Front').state === 'error');
    const early = await service.api.printerRecovered({ printerId: s.printerId('Front'), operator: anna });
    expect(early).toMatchObject({ ok: false, said: { key: 'printerStillReports', params: { report: expect.any(String) } } });
    if (early.ok || !early.said) throw new Error('refused with said, as asserted above');
    expect(early.reason).toBe(refusalSentence(early.said));
    expect(early.reason).toMatch(/^the printer still reports .+; fix it first$/);
  });

  it('"pause all" when every printer is already paused: one refusal, said once', async () => {
    const { s } = await openPrintRoom(t, cleanup, 'said-all', {
      printers: [
        { name: 'Front', autoPrint: false },
        { name: 'Back', autoPrint: false },
      ],
    });
    const service = new StationApiService({ engine: s.engine, snapshotThrottleMs: 0 });
    expect(await service.api.pauseAll({ operator: anna })).toEqual({ ok: true });
    expectRefused(await service.api.pauseAll({ operator: anna }), {
      key: 'printerRefused',
      params: { command: 'pause', why: 'alreadyPaused' },
    });
  });

  it('a station with no database yet says so, for a steer and for an order action', async () => {
    const service = new StationApiService({ engine: null });
    expectRefused(await service.api.holdOrder({ orderId: 'A-1', reason: 'x', operator: anna }), { key: 'notConnected', params: {} });
    expectRefused(await service.api.cancel({ orderId: 'A-1', reason: 'x', operator: anna }), { key: 'notConnected', params: {} });
  });
});
