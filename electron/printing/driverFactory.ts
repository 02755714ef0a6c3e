/**
 * Which drivers a station gets, by platform: CUPS on Linux and macOS, the Windows spooler on Windows; raw 9100,
 * driverless IPP and the virtual printer everywhere; the HTML driver only inside Electron, where the shell injects its print API.
 * One driver selection for printing: electron/station/boot.ts' stationDrivers (main.ts, stationCli.ts and demo.ts boot
 * through it). Listing printers (main.ts' discovery for Settings, --list-printers) asks createDriver for the platform's
 * spooler driver alone.
 */
import type { DriverKind } from '../../shared/domain';
import type { PrinterDriver } from './driver';
import { CupsDriver, type CupsDriverOptions } from './cupsDriver';
import { ElectronHtmlDriver, type ElectronHtmlDriverOptions } from './electronHtmlDriver';
import { IppEverywhereDriver, type IppEverywhereDriverOptions } from './ippEverywhereDriver';
import { Raw9100Driver, type Raw9100DriverOptions } from './raw9100Driver';
import { VirtualPrinterDriver, type VirtualPrinterOptions } from './virtualPrinter';
import { WindowsSpoolerDriver, type WindowsSpoolerDriverOptions } from './windowsSpoolerDriver';

export interface DriverOptionsByKind {
  cups: CupsDriverOptions;
  windows: WindowsSpoolerDriverOptions;
  raw: Raw9100DriverOptions;
  electron: ElectronHtmlDriverOptions;
  virtual: VirtualPrinterOptions;
  ipp: IppEverywhereDriverOptions;
}

/** The OS spooler's driver kind for a platform, or undefined where we have none. */
export function platformDriverKind(platform: NodeJS.Platform = process.platform): 'cups' | 'windows' | undefined {
  if (platform === 'win32') return 'windows';
  if (platform === 'linux' || platform === 'darwin' || platform === 'freebsd' || platform === 'openbsd') return 'cups';
  return undefined;
}

/** One driver of a kind. `electron` needs the shell's print API and `virtual` its folders; the others have defaults. */
export function createDriver<K extends DriverKind>(kind: K, options?: DriverOptionsByKind[K]): PrinterDriver {
  switch (kind) {
    case 'cups':
      return new CupsDriver(options as CupsDriverOptions | undefined);
    case 'windows':
      return new WindowsSpoolerDriver(options as WindowsSpoolerDriverOptions | undefined);
    case 'raw':
      return new Raw9100Driver(options as Raw9100DriverOptions | undefined);
    case 'ipp':
      return new IppEverywhereDriver(options as IppEverywhereDriverOptions | undefined);
    case 'electron':
      if (!options) throw new Error('The HTML printer driver runs only inside Electron: the shell must pass its print API.');
      return new ElectronHtmlDriver(options as ElectronHtmlDriverOptions);
    case 'virtual':
      if (!options) throw new Error('The virtual printer needs its folder and printers (VirtualPrinterOptions).');
      return new VirtualPrinterDriver(options as VirtualPrinterOptions);
    default:
      throw new Error(`No printer driver of kind ${String(kind)}.`);
  }
}

/** Releases what the drivers hold (the Windows PowerShell session, timers). */
export async function closeDrivers(drivers: Iterable<PrinterDriver>): Promise<void> {
  await Promise.allSettled([...drivers].map((d) => d.close?.()));
}
