/**
 * Which addresses an order's file URL may reach (issue 9, item 6). By default only public addresses, checked on the
 * address each hop really connects to. No test here sends a packet off this machine: names resolve through a stub
 * that answers private or link-local addresses, and the fetcher must refuse them before connecting.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PrintFailure } from '../../electron/printing/driver';
import { fetchOrderFile, type FileFetchOptions } from '../../electron/station/files/fileFetch';
import { samplePdf } from '../helpers/samplePdf';

let server: http.Server;
let port: number;
let requests = 0;
const tempDirs: string[] = [];

beforeAll(async () => {
  const pdf = Buffer.from(await samplePdf(1, 'Policy'));
  server = http.createServer((req, res) => {
    requests += 1;
    if (req.url === '/order.pdf') return res.writeHead(200).end(pdf);
    if (req.url?.startsWith('/to/')) return res.writeHead(302, { location: decodeURIComponent(req.url.slice(4)) }).end();
    return res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

afterEach(() => {
  for (const dir of tempDirs.splice(0)) {
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A resolver for made-up names; it never asks a real DNS server. */
function stubResolver(answers: Record<string, string | string[]>) {
  const calls: string[] = [];
  const resolveHost = async (hostname: string) => {
    calls.push(hostname);
    const answer = answers[hostname];
    if (!answer) throw Object.assign(new Error(`stub has no ${hostname}`), { code: 'ENOTFOUND' });
    return (Array.isArray(answer) ? answer : [answer]).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolveHost, calls };
}

function fetchFile(url: string, options: FileFetchOptions = {}) {
  const tempDir = mkdtempSync(join(tmpdir(), 'file-policy-test-'));
  tempDirs.push(tempDir);
  return fetchOrderFile(url, { tempDir, ...options });
}

async function refusal(url: string, options: FileFetchOptions = {}): Promise<PrintFailure> {
  const before = requests;
  const error = await fetchFile(url, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrintFailure);
  expect((error as PrintFailure).failureClass).toBe('invalid_data');
  expect(requests - before).toBe(0);
  return error as PrintFailure;
}

const PUBLIC_ONLY = 'this station only fetches from public addresses unless allowPrivateNetworks is set or the address is in allowedHosts';

describe('by default an order file comes only from a public address', () => {
  it('refuses a loopback address written in the URL', async () => {
    const f = await refusal(`http://127.0.0.1:${port}/order.pdf`);
    expect(f.message).toBe(`The file URL http://127.0.0.1:${port}/order.pdf points to a loopback address (127.0.0.1); ${PUBLIC_ONLY}.`);
    await refusal(`http://[::1]:${port}/order.pdf`);
    await refusal(`http://[::ffff:127.0.0.1]:${port}/order.pdf`);
  });

  it('refuses a name that resolves to loopback (localhost)', async () => {
    const f = await refusal(`http://localhost:${port}/order.pdf`);
    expect(f.message).toContain('points to a loopback address (127.0.0.1)');
  });

  it.each([
    ['files.shop.test', '10.0.0.5', 'a private address (10.0.0.5)'],
    ['files.shop.test', '172.20.1.1', 'a private address (172.20.1.1)'],
    ['files.shop.test', '192.168.1.20', 'a private address (192.168.1.20)'],
    ['metadata.shop.test', '169.254.169.254', 'a link-local address (169.254.169.254)'],
    ['files.shop.test', 'fe80::1', 'a link-local address (fe80::1)'],
    ['files.shop.test', 'fd12:3456::7', 'a private address (fd12:3456::7)'],
    ['files.shop.test', '100.64.3.4', 'a carrier-grade NAT address (100.64.3.4)'],
    ['files.shop.test', '::ffff:10.0.0.5', 'a private address (10.0.0.5)'],
    ['files.shop.test', '0.0.0.0', 'a special-purpose address (0.0.0.0)'],
    ['files.shop.test', '224.0.0.1', 'a special-purpose address (224.0.0.1)'],
    ['files.shop.test', 'ff02::1', 'a special-purpose address (ff02::1)'],
  ])('refuses %s resolving to %s', async (host, address, words) => {
    const { resolveHost } = stubResolver({ [host]: address });
    const f = await refusal(`http://${host}:${port}/order.pdf`, { resolveHost });
    expect(f.message).toContain(`(host ${host}) points to ${words}`);
  });

  it('refuses a name when any of its addresses is not public', async () => {
    const { resolveHost } = stubResolver({ 'files.shop.test': ['fd00::5', '10.1.2.3'] });
    const f = await refusal(`http://files.shop.test:${port}/order.pdf`, { resolveHost, allowedHosts: ['files.shop.test', 'fd00::5'] });
    expect(f.message).toContain('points to a private address (10.1.2.3)');
  });

  it('checks every redirect hop: an allowed address that redirects to a private one is refused', async () => {
    const { resolveHost } = stubResolver({ 'files.shop.test': '10.0.0.5' });
    const target = encodeURIComponent(`http://files.shop.test:${port}/order.pdf`);
    const error = await fetchFile(`http://127.0.0.1:${port}/to/${target}`, {
      resolveHost,
      allowedHosts: ['127.0.0.1', 'files.shop.test'],
    }).then(
      () => undefined,
      (e: unknown) => e as PrintFailure,
    );
    expect(error).toMatchObject({ failureClass: 'invalid_data' });
    expect(error!.message).toBe(
      `The file URL http://files.shop.test:${port}/order.pdf (host files.shop.test) points to a private address (10.0.0.5); ${PUBLIC_ONLY}.`,
    );
  });
});

describe('private addresses when the configuration allows them', () => {
  it('allowPrivateNetworks lets loopback and private names through', async () => {
    const file = await fetchFile(`http://localhost:${port}/order.pdf`, { allowPrivateNetworks: true });
    await file.dispose();
  });

  it('an address listed in allowedHosts is allowed, and a name resolving to it too', async () => {
    const { resolveHost } = stubResolver({ 'files.shop.test': '127.0.0.1' });
    const listed = await fetchFile(`http://127.0.0.1:${port}/order.pdf`, { allowedHosts: ['127.0.0.1'] });
    await listed.dispose();
    const named = await fetchFile(`http://files.shop.test:${port}/order.pdf`, {
      resolveHost,
      allowedHosts: ['files.shop.test', '127.0.0.0/8'],
    });
    await named.dispose();
  });

  it('special-purpose addresses stay refused even then', async () => {
    const { resolveHost } = stubResolver({ 'files.shop.test': '0.0.0.0' });
    const f = await refusal(`http://files.shop.test:${port}/order.pdf`, { resolveHost, allowPrivateNetworks: true });
    expect(f.message).toContain('points to a special-purpose address (0.0.0.0); this station never fetches from those.');
  });
});

describe('DNS rebinding', () => {
  it('a name is resolved once per hop and the connection goes to the address that was checked', async () => {
    let answers = 0;
    const calls: string[] = [];
    // First answer: an allowed address. Any later answer would be a refused one (0.0.0.0 also reaches this machine).
    const resolveHost = async (hostname: string) => {
      calls.push(hostname);
      return [{ address: answers++ === 0 ? '127.0.0.1' : '0.0.0.0', family: 4 }];
    };
    const file = await fetchFile(`http://files.shop.test:${port}/order.pdf`, {
      resolveHost,
      allowedHosts: ['files.shop.test', '127.0.0.1'],
    });
    await file.dispose();
    expect(calls).toEqual(['files.shop.test']);
  });
});
