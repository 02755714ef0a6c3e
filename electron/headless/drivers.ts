/**
 * Which driver prints for each configured printer, decided once in the composition root. Virtual printers share
 * one VirtualPrinterDriver (one folder each under the virtual root); the real drivers come from the printing
 * module's driver factory.
 */
import path from 'node:path';
import type { PrinterDriver } from '../printing/driver';
import { createDriver } from '../printing/driverFactory';
import { VirtualPrinterDriver } from '../printing/virtualPrinter';
import type { PrinterConfig, StationConfig } from '../station/config';

export interface StationDrivers {
  driverFor(printer: PrinterConfig): PrinterDriver;
  virtual: VirtualPrinterDriver | undefined;
}

export async function createStationDrivers(config: StationConfig): Promise<StationDrivers> {
  const virtualPrinters = config.printers.filter((p) => p.driver === 'virtual');
  const virtual = virtualPrinters.length
    ? new VirtualPrinterDriver({
        root: config.virtual.root ?? path.join(config.dataDir, 'virtual-printers'),
        msPerPage: config.virtual.msPerPage,
        afterCrash: config.virtual.afterCrash,
        printers: virtualPrinters.map((p) => ({ systemName: p.systemName ?? p.name, displayName: p.name, capabilities: p.capabilities, msPerPage: p.msPerPage })),
      })
    : undefined;
  const realKinds = [...new Set(config.printers.filter((p) => p.driver !== 'virtual').map((p) => p.driver))];
  const real = new Map<string, PrinterDriver>();
  for (const kind of realKinds) real.set(kind, createDriver(kind));
  return {
    virtual,
    driverFor(printer) {
      if (printer.driver === 'virtual') return virtual!;
      const driver = real.get(printer.driver);
      if (!driver) throw new Error(`no ${printer.driver} driver for printer ${printer.name}`);
      return driver;
    },
  };
}
