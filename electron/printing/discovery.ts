/**
 * Printer discovery for the settings screen: what the operating system knows (through the platform's driver), plus
 * the addresses the operator typed in: raw port-9100 label printers and CUPS/IPP servers on the network. Each source
 * is asked on its own, so one that does not answer is reported and the others still show.
 */
import type { DiscoveredPrinter, PrinterDriver } from './driver';
import { CupsDriver } from './cupsDriver';
import { Raw9100Driver, type RawPrinterProfile } from './raw9100Driver';

export type ManualPrinterAddress =
  /** A label printer on TCP 9100 (or another port); statusProtocol only when it is known to answer. */
  | ({ kind: 'raw' } & Omit<RawPrinterProfile, 'systemName'> & { systemName?: string })
  /** A CUPS server (host:port): all its queues are listed, or only `queue`. */
  | { kind: 'ipp'; server: string; queue?: string };

export interface DiscoveryResult {
  printers: DiscoveredPrinter[];
  /** One sentence per source that could not be read, for the settings screen. */
  problems: string[];
}

export interface DiscoveryOptions {
  /** The drivers whose printers the OS knows: the platform's spooler driver, and the HTML driver inside Electron. */
  drivers: PrinterDriver[];
  manual?: ManualPrinterAddress[];
  /** For tests: how a manual address becomes a driver. */
  driverForAddress?: (address: ManualPrinterAddress) => PrinterDriver;
}

export async function discoverPrinters(options: DiscoveryOptions): Promise<DiscoveryResult> {
  const makeDriver = options.driverForAddress ?? driverForAddress;
  const sources: Array<{ label: string; read: () => Promise<DiscoveredPrinter[]> }> = [
    ...options.drivers.map((driver) => ({ label: `the ${driver.kind} printers`, read: () => driver.list() })),
    ...(options.manual ?? []).map((address) => ({
      label: describe(address),
      read: async () => {
        const listed = await makeDriver(address).list();
        return address.kind === 'ipp' && address.queue ? listed.filter((p) => p.systemName === address.queue) : listed;
      },
    })),
  ];
  const results = await Promise.allSettled(sources.map((s) => s.read()));
  const printers: DiscoveredPrinter[] = [];
  const problems: string[] = [];
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') printers.push(...result.value);
    else problems.push(`Could not list ${sources[i]!.label}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`);
  });
  return { printers: dedupe(printers), problems };
}

/** The driver that serves a manual address: raw printers by their profile, IPP servers through CUPS's protocol. */
export function driverForAddress(address: ManualPrinterAddress): PrinterDriver {
  if (address.kind === 'raw') {
    const port = address.port ?? 9100;
    return new Raw9100Driver({ printers: [{ ...address, systemName: address.systemName ?? `${address.host}:${port}`, port }] });
  }
  return new CupsDriver({ server: address.server });
}

function describe(address: ManualPrinterAddress): string {
  return address.kind === 'raw' ? `the label printer at ${address.host}:${address.port ?? 9100}` : `the IPP server ${address.server}`;
}

// The same queue can come from two sources (the OS list and an IPP address of the local server): keep the first.
function dedupe(printers: DiscoveredPrinter[]): DiscoveredPrinter[] {
  const seen = new Set<string>();
  return printers.filter((p) => {
    const key = `${p.driverKind}\u0000${p.systemName}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
