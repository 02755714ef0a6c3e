/**
 * The demo's "simulate" buttons say what happened as data (shared/steerOutcomes' `simulated`), so a German newcomer's
 * toast reads "Papierstau in Counter (simuliert): …" instead of the station's English; the English catalogue reads
 * word for word as the station's message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualPrinterDriver } from '../../electron/printing/virtualPrinter';
import { simulateFault } from '../../electron/printing/virtualPrinterFaults';
import { SimulatedFault } from '../../shared/stationApi';
import { doneShown, steerOutcomeWordsIn } from '../../renderer/src/i18n/steerWords';

const root = mkdtempSync(path.join(os.tmpdir(), 'simulate-said-'));
const driver = new VirtualPrinterDriver({ root, printers: [{ systemName: 'Counter' }] });
afterAll(async () => {
  await driver.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a simulated fault said in the console’s language', () => {
  it('each fault answers its outcome as data; English reads as the message, German in German', () => {
    const printer = { name: 'Counter', systemName: 'Counter' };
    const en = steerOutcomeWordsIn('en');
    const de = steerOutcomeWordsIn('de');
    for (const fault of SimulatedFault.options) {
      const result = simulateFault(driver, printer, fault);
      expect(result, fault).toMatchObject({ ok: true, said: { key: 'simulated', params: { printer: 'Counter', fault } } });
      if (!result.ok) continue;
      expect(doneShown(result, en), fault).toBe(result.message);
      expect(doneShown(result, de), fault).toMatch(/\(simuliert\)/);
    }
    const jam = simulateFault(driver, printer, 'jam');
    expect(jam.ok && doneShown(jam, de)).toBe(
      'Papierstau in Counter (simuliert): der laufende Auftrag hält an; beheben Sie den Stau und drücken Sie dann „Drucker wieder bereit“.',
    );
  });
});
