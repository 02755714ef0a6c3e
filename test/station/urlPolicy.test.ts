/** The address rules for order file URLs (issue 9, item 6), as a table. Pure: nothing here opens a connection. */
import { describe, expect, it } from 'vitest';
import { addressRefusal, classifyAddress, hostAllowed } from '../../electron/station/files/urlPolicy';

describe('what kind of place an address is', () => {
  it.each([
    ['93.184.215.14', 'public'],
    ['2606:4700::6810:84e5', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.0.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::7', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.254', 'carrier-grade NAT'],
    ['0.0.0.0', 'special-purpose'],
    ['::', 'special-purpose'],
    ['224.0.0.1', 'special-purpose'],
    ['ff02::1', 'special-purpose'],
    ['255.255.255.255', 'special-purpose'],
    ['192.0.2.10', 'special-purpose'],
    ['::ffff:10.0.0.5', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b::5db8:d70e', 'public'],
    ['[::1]', 'loopback'],
    ['not-an-address', 'special-purpose'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address).kind).toBe(kind);
  });

  it('judges IPv4-mapped and NAT64 forms by the IPv4 address inside', () => {
    expect(classifyAddress('::ffff:a00:5')).toEqual({ address: '10.0.0.5', kind: 'private' });
    expect(classifyAddress('64:ff9b::a9fe:a9fe')).toEqual({ address: '169.254.169.254', kind: 'link-local' });
  });
});

describe('which hosts may be asked', () => {
  const list = ['files.shop.example', '.cdn.example', '10.0.0.5', '192.168.1.0/24'];
  it.each([
    ['files.shop.example', true],
    ['FILES.shop.example', true],
    ['cdn.example', true],
    ['eu.cdn.example', true],
    ['evilcdn.example', false],
    ['shop.example', false],
    ['10.0.0.5', true],
    ['10.0.0.6', false],
    ['192.168.1.77', true],
    ['[::ffff:10.0.0.5]', true],
  ])('%s: %s', (host, allowed) => {
    expect(hostAllowed(host, list)).toBe(allowed);
  });

  it('without a list every host may be asked (the address rules still apply)', () => {
    expect(hostAllowed('anything.example', undefined)).toBe(true);
  });
});

describe('refusals', () => {
  const url = 'http://files.shop.example/order.pdf';
  it('public addresses pass; private ones only with allowPrivateNetworks or when listed', () => {
    expect(addressRefusal(url, 'files.shop.example', '93.184.215.14', {})).toBeNull();
    expect(addressRefusal(url, 'files.shop.example', '10.0.0.5', {})).toBe(
      'The file URL http://files.shop.example/order.pdf (host files.shop.example) points to a private address (10.0.0.5); ' +
        'this station only fetches from public addresses unless allowPrivateNetworks is set or the address is in allowedHosts.',
    );
    expect(addressRefusal(url, 'files.shop.example', '10.0.0.5', { allowPrivateNetworks: true })).toBeNull();
    expect(addressRefusal(url, 'files.shop.example', '10.0.0.5', { allowedHosts: ['10.0.0.0/8'] })).toBeNull();
    expect(addressRefusal(url, 'files.shop.example', '10.0.0.5', { allowedHosts: ['files.shop.example'] })).not.toBeNull();
  });

  it('special-purpose addresses are refused whatever the configuration', () => {
    expect(addressRefusal(url, 'files.shop.example', '0.0.0.0', { allowPrivateNetworks: true, allowedHosts: ['0.0.0.0'] })).toContain(
      'points to a special-purpose address (0.0.0.0); this station never fetches from those.',
    );
  });
});
