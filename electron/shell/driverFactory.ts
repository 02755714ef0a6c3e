/**
 * One driver instance per kind, made on first use. The composition root says how each kind is made (the Electron
 * shell injects the webContents-based HTML driver; headless has none), so this module needs no Electron.
 */
import type { DriverKind } from '../../shared/domain';
import { PrintFailure, type PrinterDriver } from '../printing/driver';

export type DriverMakers = Partial<Record<DriverKind, () => PrinterDriver>>;

export function driverFactory(makers: DriverMakers): (printer: { name: string; driver: DriverKind }) => PrinterDriver {
  const made = new Map<DriverKind, PrinterDriver>();
  return (printer) => {
    const existing = made.get(printer.driver);
    if (existing) return existing;
    const make = makers[printer.driver];
    if (!make) {
      throw new PrintFailure('printer_offline', `Printer ${printer.name}: the ${printer.driver} driver is not available on this computer.`);
    }
    const driver = make();
    made.set(printer.driver, driver);
    return driver;
  };
}
