import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Raw9100Driver } from '../../electron/printing/raw9100Driver';
import { VirtualPrinterDriver } from '../../electron/printing/virtualPrinter';
import { simulateFault, virtualCommandFor } from '../../electron/printing/virtualPrinterFaults';
import { SimulatedFault } from '../../shared/stationApi';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('simulated faults (the demo)', () => {
  it('every fault has a virtual printer command', () => {
    for (const fault of SimulatedFault.options) expect(virtualCommandFor(fault).command).toBeTruthy();
  });

  it('jams and clears a virtual printer, as its status shows', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'simulate-'));
    const driver = new VirtualPrinterDriver({ root, printers: [{ systemName: 'Counter' }] });
    cleanups.push(async () => {
      await driver.close();
      rmSync(root, { recursive: true, force: true });
    });
    const printer = { name: 'Counter printer', systemName: 'Counter' };
    expect(simulateFault(driver, printer, 'jam')).toMatchObject({
      ok: true,
      message: expect.stringMatching(/^Paper jammed in Counter printer/),
    });
    expect(await driver.status('Counter')).toMatchObject({ status: 'error' });
    expect(simulateFault(driver, printer, 'clear_jam')).toMatchObject({ ok: true });
    expect((await driver.status('Counter')).status).not.toBe('error');
  });

  it('refuses a real printer', async () => {
    const driver = new Raw9100Driver({ printers: [] });
    cleanups.push(() => driver.close());
    expect(simulateFault(driver, { name: 'Zebra', systemName: '10.0.0.5:9100' }, 'jam')).toEqual({
      ok: false,
      reason: "Zebra is a real printer; faults can only be simulated on the demo's virtual printers",
    });
  });
});
