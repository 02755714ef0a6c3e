/**
 * Printers that announce themselves on the LAN by DNS-SD (mDNS): IPP Everywhere / AirPrint (`_ipp._tcp`,
 * `_ipps._tcp`), raw port-9100 printers (`_pdl-datastream._tcp`) and LPD (`_printer._tcp`), through
 * `bonjour-service` (pure JS multicast DNS; it binds UDP 5353 beside the OS's own responder, which Avahi, Bonjour
 * and Windows all allow). One printer announces several services under one instance name: each becomes one entry,
 * preferring IPP (driverless, follows jobs) over raw 9100. Reading the announcements is pure and tested on its own.
 */
import { Bonjour, type Service } from 'bonjour-service';
import type { PrinterCapabilities } from '../../shared/domain';
import type { DiscoveredPrinter } from './driver';

export const PRINTER_SERVICE_TYPES = ['ipp', 'ipps', 'pdl-datastream', 'printer'] as const;
export type PrinterServiceType = (typeof PRINTER_SERVICE_TYPES)[number];

/** The parts of a bonjour-service Service this module reads (tests build them by hand). */
export interface Announcement {
  name: string;
  type: string;
  port: number;
  host?: string;
  addresses?: string[];
  referer?: { address: string };
  txt?: Record<string, unknown>;
}

export interface NetworkPrinter {
  /** The DNS-SD instance name, e.g. "Office Laser (2nd floor)". */
  name: string;
  services: PrinterServiceType[];
  /** The address to print to: IPv4 where announced (Node cannot resolve .local names without the OS's help). */
  host: string;
  txt: Record<string, string>;
  /** The entry a station can use; undefined for printers only reachable by LPD, which no driver speaks. */
  printer?: DiscoveredPrinter;
}

const PREFERENCE: PrinterServiceType[] = ['ipp', 'ipps', 'pdl-datastream', 'printer'];

/** All announcements of one browse, grouped by instance name, each turned into the entry the station would use. */
export function printersFromAnnouncements(announcements: Announcement[]): NetworkPrinter[] {
  const byName = new Map<string, Announcement[]>();
  for (const a of announcements) {
    if (!isPrinterType(a.type)) continue;
    byName.set(a.name, [...(byName.get(a.name) ?? []), a]);
  }
  return [...byName.entries()].map(([name, list]) => {
    const best = [...list].sort(
      (x, y) => PREFERENCE.indexOf(x.type as PrinterServiceType) - PREFERENCE.indexOf(y.type as PrinterServiceType),
    )[0]!;
    const txt = Object.assign({}, ...list.map((a) => textRecord(a.txt))) as Record<string, string>;
    const host = hostOf(best);
    const services = [...new Set(list.map((a) => a.type as PrinterServiceType))];
    const printer = entryFor(best.type as PrinterServiceType, name, host, best.port, { ...txt, ...textRecord(best.txt) });
    return { name, services, host, txt, ...(printer ? { printer } : {}) };
  });
}

function entryFor(
  type: PrinterServiceType,
  name: string,
  host: string,
  port: number,
  txt: Record<string, string>,
): DiscoveredPrinter | undefined {
  const model = txt.ty || txt.product?.replace(/^\((.*)\)$/, '$1');
  const base = {
    displayName: name,
    connectionType: 'network' as const,
    capabilities: capabilitiesFromTxt(txt),
    ...(model ? { driverName: model } : {}),
  };
  const hostPort = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (type === 'ipp' || type === 'ipps') {
    // rp is the resource path without its leading slash ("ipp/print"); absent means the printer's root.
    const path = (txt.rp ?? 'ipp/print').replace(/^\/+/, '');
    return { ...base, systemName: `${type}://${hostPort}/${path}`, driverKind: 'ipp' };
  }
  if (type === 'pdl-datastream') return { ...base, systemName: hostPort, driverKind: 'raw' };
  return undefined;
}

/** Color=T / Duplex=T as Bonjour Printing 1.2 defines them; paper is the printer's to tell (the IPP driver asks it). */
export function capabilitiesFromTxt(txt: Record<string, string>): PrinterCapabilities {
  const yes = (v: string | undefined) => v?.toUpperCase() === 'T';
  const paperMax = txt.PaperMax ?? '';
  const paperSizes: PrinterCapabilities['paperSizes'] = ['A4', 'Letter'];
  if (/^(legal-A4|tabloid-A3|isoC-A2|>isoC-A2)$/.test(paperMax)) paperSizes.push('Legal');
  if (/^(tabloid-A3|isoC-A2|>isoC-A2)$/.test(paperMax)) paperSizes.push('A3');
  return { paperSizes, color: yes(txt.Color), duplex: yes(txt.Duplex), maxCopies: yes(txt.Copies) ? 99 : 1 };
}

export function textRecord(txt: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(txt ?? {})) {
    out[key] = Buffer.isBuffer(value) ? value.toString('utf8') : typeof value === 'boolean' ? (value ? 'T' : '') : String(value ?? '');
  }
  return out;
}

function hostOf(a: Announcement): string {
  const v4 = (a.addresses ?? []).find((x) => /^\d+\.\d+\.\d+\.\d+$/.test(x));
  return v4 ?? a.referer?.address ?? a.addresses?.[0] ?? a.host ?? a.name;
}

function isPrinterType(type: string): boolean {
  return (PRINTER_SERVICE_TYPES as readonly string[]).includes(type);
}

export interface BrowseOptions {
  /** How long to listen for answers; printers answer a query within a second or two. */
  timeoutMs?: number;
  /** Passed to multicast-dns (e.g. { interface: '10.0.0.5' } to listen on one network only). */
  mdns?: Record<string, unknown>;
}

/** Listens for printers for `timeoutMs`, then stops; the socket is closed whatever happens. */
export async function browsePrinters(options: BrowseOptions = {}): Promise<NetworkPrinter[]> {
  const timeoutMs = options.timeoutMs ?? 3_000;
  const seen: Announcement[] = [];
  let failure: Error | undefined;
  const bonjour = new Bonjour(options.mdns ?? {}, (err: Error) => (failure ??= err));
  try {
    const browsers = PRINTER_SERVICE_TYPES.map((type) => bonjour.find({ type, protocol: 'tcp' }, (service: Service) => seen.push(service)));
    // Multicast is lossy and a browse is short: ask again each second while listening, so one lost query or answer
    // does not cost the whole browse (RFC 6762 §5.2 wants growing intervals; over a few seconds a fixed one is fine).
    const again = setInterval(() => browsers.forEach((b) => b.update()), 1_000);
    await new Promise((r) => setTimeout(r, timeoutMs));
    clearInterval(again);
    for (const b of browsers) {
      // Records that came after the first answer (TXT, A) update the services the browser holds.
      seen.push(...b.services);
      b.stop();
    }
  } finally {
    await new Promise<void>((resolve) => bonjour.destroy(() => resolve()));
  }
  if (failure && seen.length === 0) throw new Error(`DNS-SD browsing failed: ${failure.message}`);
  return printersFromAnnouncements(latestPerService(seen));
}

// The same service can be seen twice (the up event and the browser's list): keep the last, which is the most complete.
function latestPerService(list: Announcement[]): Announcement[] {
  const map = new Map<string, Announcement>();
  for (const a of list) map.set(`${a.type}\u0000${a.name}`, a);
  return [...map.values()];
}
