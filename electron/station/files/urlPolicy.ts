/**
 * Where an order's file may come from (issue 9, item 6). A file URL is written by the shop, or by whoever can write
 * an order, so by default the station fetches only from public addresses: never from itself (loopback), the shop's
 * LAN (private ranges), the cloud's metadata service (link-local) or the provider's NAT (100.64/10).
 *
 * Pure rules; fileFetch.ts applies them to the address each hop really connects to. Ranges come from ipaddr.js
 * (the IANA special-purpose registries), not from CIDR lists of our own.
 */
import ipaddr from 'ipaddr.js';

export interface AddressPolicy {
  /** Loopback, private, link-local and CGNAT addresses are allowed (the demo and the tests serve files locally). */
  allowPrivateNetworks?: boolean;
  /**
   * When set, only these hosts: a name (`files.shop.example`), a domain with its subdomains (`.shop.example`), an
   * address (`10.0.0.5`) or a range (`10.0.0.0/24`). An address or range listed here is allowed even when private.
   */
  allowedHosts?: string[];
}

/** What kind of place an address is, in the words a refusal uses. */
export type AddressKind = 'public' | 'loopback' | 'private' | 'link-local' | 'carrier-grade NAT' | 'special-purpose';

const KIND_OF_RANGE: Record<string, AddressKind> = {
  unicast: 'public',
  loopback: 'loopback',
  private: 'private',
  uniqueLocal: 'private',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT',
};

/** NAT64's well-known prefix carries an IPv4 address in its last 32 bits; it is judged by that address. */
const NAT64 = ipaddr.parseCIDR('64:ff9b::/96');

/** The address as it is judged (IPv4-mapped and NAT64 forms unwrapped) and its kind. Not an address: special-purpose. */
export function classifyAddress(text: string): { address: string; kind: AddressKind } {
  const bare = text.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return { address: bare, kind: 'special-purpose' };
  let ip = ipaddr.parse(bare);
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) ip = v6.toIPv4Address();
    else if (v6.match(NAT64)) ip = ipaddr.fromByteArray(v6.toByteArray().slice(12));
  }
  return { address: ip.toString(), kind: KIND_OF_RANGE[ip.range()] ?? 'special-purpose' };
}

const isAddressEntry = (entry: string) => ipaddr.isValid(entry.replace(/^\[|\]$/g, '')) || entry.includes('/');

function addressListed(address: string, allowedHosts: string[] | undefined): boolean {
  if (!allowedHosts) return false;
  const ip = ipaddr.parse(address);
  return allowedHosts.filter(isAddressEntry).some((entry) => {
    try {
      if (!entry.includes('/')) return ipaddr.parse(entry.replace(/^\[|\]$/g, '')).toString() === ip.toString();
      const range = ipaddr.parseCIDR(entry);
      return range[0].kind() === ip.kind() && ip.match(range);
    } catch {
      return false;
    }
  });
}

/** Whether the URL's host may be asked at all (before any address is known). Without a list, every host may. */
export function hostAllowed(host: string, allowedHosts: string[] | undefined): boolean {
  if (!allowedHosts) return true;
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(name)) return addressListed(classifyAddress(name).address, allowedHosts) || allowedHosts.includes(name);
  return allowedHosts
    .filter((entry) => !isAddressEntry(entry))
    .some((entry) => {
      const h = entry.toLowerCase();
      return h.startsWith('.') ? name === h.slice(1) || name.endsWith(h) : name === h;
    });
}

/**
 * Null when the station may connect to `address` for `url`; otherwise the sentence that says what was refused.
 * It names the address and the rule, never anything the server said.
 */
export function addressRefusal(url: string, host: string, address: string, policy: AddressPolicy): string | null {
  const judged = classifyAddress(address);
  if (judged.kind === 'public') return null;
  const where = host.replace(/^\[|\]$/g, '') === address ? `The file URL ${url}` : `The file URL ${url} (host ${host})`;
  const what = `points to a ${judged.kind} address (${judged.address})`;
  if (judged.kind === 'special-purpose') return `${where} ${what}; this station never fetches from those.`;
  if (policy.allowPrivateNetworks || addressListed(judged.address, policy.allowedHosts)) return null;
  return `${where} ${what}; this station only fetches from public addresses unless allowPrivateNetworks is set or the address is in allowedHosts.`;
}
