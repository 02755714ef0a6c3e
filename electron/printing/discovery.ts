/**
 * Printer discovery for the settings screen: what the operating system knows (through the platform's driver), plus
 * the addresses the operator typed in: raw port-9100 label printers and CUPS/IPP servers on the network, plus, when
 * asked, the printers that announce themselves by DNS-SD (driverless IPP, raw 9100). Each source is asked on its
 * own, so one that does not answer is reported and the others still show.
 */
import type { DiscoveredPrinter, PrinterDriver } from './driver';
import { CupsDriver } from './cupsDriver';
import type { NetworkPrinter } from './dnssd';
import { IppEverywhereDriver } from './ippEverywhereDriver';
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
  /** Browses DNS-SD (dnssd.ts browsePrinters); absent: the network is not browsed. */
  browseNetwork?: () => Promise<NetworkPrinter[]>;
  /** Asks a driverless printer for its real capabilities (the TXT record tells only colour and duplex). */
  describeIpp?: (uri: string) => Promise<DiscoveredPrinter>;
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
  const problems: string[] = [];
  if (options.browseNetwork) {
    const browse = options.browseNetwork;
    const describeIpp = options.describeIpp ?? ((uri: string) => new IppEverywhereDriver({ timeoutMs: 5_000 }).discovered(uri));
    sources.push({
      label: 'the printers announced on the network (DNS-SD)',
      read: async () => networkEntries(await browse(), describeIpp, problems),
    });
  }
  const results = await Promise.allSettled(sources.map((s) => s.read()));
  const printers: DiscoveredPrinter[] = [];
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') printers.push(...result.value);
    else
      problems.push(
        `Could not list ${sources[i]!.label}: ${result.reason instanceof Error ? result.reason.message : String(result.reason)}`,
      );
  });
  return { printers: dedupe(printers), problems };
}

/**
 * DNS-SD finds, as entries: a driverless printer is asked for its own capabilities (its name stays the announced
 * one); if it does not answer, the announcement's guess is kept and the problem said. LPD-only printers are said.
 */
async function networkEntries(
  found: NetworkPrinter[],
  describeIpp: (uri: string) => Promise<DiscoveredPrinter>,
  problems: string[],
): Promise<DiscoveredPrinter[]> {
  const entries = await Promise.all(
    found.map(async (n) => {
      if (!n.printer) {
        problems.push(
          `${n.name} (${n.host}) announces only LPD (_printer._tcp), which the station does not speak; add it to CUPS instead.`,
        );
        return undefined;
      }
      if (n.printer.driverKind !== 'ipp') return n.printer;
      try {
        const asked = await describeIpp(n.printer.systemName);
        return {
          ...asked,
          displayName: n.name,
          ...(n.printer.driverName && !asked.driverName ? { driverName: n.printer.driverName } : {}),
        };
      } catch (err) {
        problems.push(
          `${n.name} announces ${n.printer.systemName} but did not answer there (${err instanceof Error ? err.message : String(err)}); its capabilities are a guess from its announcement.`,
        );
        return n.printer;
      }
    }),
  );
  return entries.filter((e): e is DiscoveredPrinter => e !== undefined);
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

/** Finds on the network, kept a while: the settings screen asks on every open, and a browse listens for seconds. */
let networkCache: { at: number; found: Promise<NetworkPrinter[]> } | undefined;
const NETWORK_CACHE_MS = 60_000;

/**
 * What the settings and onboarding screens offer: the OS spooler's printers plus the ones announced on the LAN
 * (DNS-SD, browsed for `browseMs`). A source that fails is left out; the screens show what was found.
 */
export async function discoverForSettings(system: PrinterDriver | undefined, browseMs = 2_000): Promise<DiscoveredPrinter[]> {
  if (!networkCache || Date.now() - networkCache.at > NETWORK_CACHE_MS) {
    const found = import('./dnssd').then((m) => m.browsePrinters({ timeoutMs: browseMs }));
    networkCache = { at: Date.now(), found };
    found.catch(() => (networkCache = undefined));
  }
  const cached = networkCache.found;
  const result = await discoverPrinters({ drivers: system ? [system] : [], browseNetwork: () => cached });
  return result.printers;
}
