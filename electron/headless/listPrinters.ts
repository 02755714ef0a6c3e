/**
 * `npm run station -- --list-printers`: what an installer sees before writing the station's config file.
 * Lists the printers the OS knows (through the platform's spooler driver: CUPS honours $CUPS_SERVER) plus any
 * addresses given with --address and, unless --no-dnssd, the printers announcing themselves on the LAN by DNS-SD
 * (driverless IPP and raw 9100), each with the capabilities its driver reports, and prints the `printers` entries
 * to paste into the config file: the operator then keeps the ones this station manages, narrows their capabilities
 * and sets requiresRetrieval. No database is needed.
 */
import type { DiscoveredPrinter, PrinterDriver } from '../printing/driver';
import { discoverPrinters, type DiscoveryResult, type ManualPrinterAddress } from '../printing/discovery';
import { browsePrinters, type BrowseOptions } from '../printing/dnssd';
import { closeDrivers, createDriver, platformDriverKind } from '../printing/driverFactory';
import type { PrinterConfig } from '../station/config';
import { guessRawLanguage } from '../printing/rawLanguage';

export type PrinterConfigEntry = Pick<
  PrinterConfig,
  'name' | 'driver' | 'systemName' | 'uri' | 'language' | 'capabilities' | 'requiresRetrieval'
>;

export interface PrinterListing extends DiscoveryResult {
  /** One config-file entry per listed printer (requiresRetrieval false until the operator says otherwise). */
  config: { printers: PrinterConfigEntry[] };
}

/** `raw:HOST[:PORT]` (label printer on port 9100) or `ipp:HOST[:PORT][/QUEUE]` (a CUPS/IPP server's queues). */
export function parsePrinterAddress(text: string): ManualPrinterAddress {
  const raw = /^raw:([^:/\s]+)(?::(\d+))?$/i.exec(text);
  if (raw) return { kind: 'raw', host: raw[1]!, ...(raw[2] ? { port: Number(raw[2]) } : {}) };
  const ipp = /^ipps?:(?:\/\/)?([^:/\s]+)(?::(\d+))?(?:\/(?:printers\/)?([^/\s]+))?$/i.exec(text);
  if (ipp) return { kind: 'ipp', server: `${ipp[1]}:${ipp[2] ?? '631'}`, ...(ipp[3] ? { queue: decodeURIComponent(ipp[3]) } : {}) };
  throw new Error(`Not a printer address: ${text} (use raw:HOST[:PORT] or ipp:HOST[:PORT][/QUEUE])`);
}

export function configEntryOf(printer: DiscoveredPrinter): PrinterConfigEntry {
  return {
    name: printer.displayName || printer.systemName,
    driver: printer.driverKind,
    // A driverless IPP printer is configured by its address (which is also its systemName).
    ...(printer.driverKind === 'ipp' ? { uri: printer.systemName } : { systemName: printer.systemName }),
    // A raw printer needs its language (issue 10): guessed from the model name, for the operator to confirm.
    ...(printer.driverKind === 'raw' ? { language: guessRawLanguage(`${printer.displayName} ${printer.driverName ?? ''}`) } : {}),
    capabilities: printer.capabilities,
    requiresRetrieval: false,
  };
}

/** `dnsSd`: browse the LAN for printers (off unless asked: tests must not send mDNS on the machine's networks). */
export async function listPrinters(
  options: { addresses?: string[]; drivers?: PrinterDriver[]; platform?: NodeJS.Platform; dnsSd?: BrowseOptions | false } = {},
): Promise<PrinterListing> {
  const manual = (options.addresses ?? []).map(parsePrinterAddress);
  const kind = platformDriverKind(options.platform);
  const owned = options.drivers ? [] : kind ? [createDriver(kind)] : [];
  try {
    const browse = options.dnsSd ? { browseNetwork: () => browsePrinters(options.dnsSd || {}) } : {};
    const result = await discoverPrinters({ drivers: options.drivers ?? owned, manual, ...browse });
    if (!options.drivers && !kind)
      result.problems.unshift(
        `This platform (${options.platform ?? process.platform}) has no spooler driver; only --address printers are listed.`,
      );
    return { ...result, config: { printers: result.printers.map(configEntryOf) } };
  } finally {
    await closeDrivers(owned);
  }
}

/** The listing for a terminal: one block per printer, then the config-file entries. */
export function formatPrinterListing(listing: PrinterListing): string {
  const lines: string[] = [];
  if (listing.printers.length === 0) lines.push('No printers found.');
  for (const p of listing.printers) {
    const c = p.capabilities;
    lines.push(`${p.systemName}  (${p.driverKind}, ${p.connectionType})`);
    if (p.displayName && p.displayName !== p.systemName) lines.push(`  name:         ${p.displayName}`);
    if (p.driverName) lines.push(`  driver:       ${p.driverName}`);
    lines.push(`  paper:        ${c.paperSizes.join(', ') || '(none reported)'}`);
    lines.push(`  colour:       ${c.color ? 'yes' : 'no'}    duplex: ${c.duplex ? 'yes' : 'no'}    max copies: ${c.maxCopies}`);
  }
  for (const problem of listing.problems) lines.push(`! ${problem}`);
  if (listing.printers.length > 0) {
    lines.push(
      '',
      'To manage printers, put the ones this station drives in the config file (--config) "printers" list;',
      'narrow "capabilities" to what is loaded in the printer and set "requiresRetrieval" where a person must take',
      'each print out before the next one:',
      JSON.stringify(listing.config, null, 2),
    );
  }
  return lines.join('\n');
}
